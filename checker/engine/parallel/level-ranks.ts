// Between two levels, the coordinator's own work: the merge that gives every
// new state its rank in the level (the order a one-worker search finds them
// in), and the moves that even out how many states each partition holds.
// Both grow with the level's width, and the merge with the number of
// partitions too: this is where the coordinator's time goes (README.md).

/**
 * Who sends how many states to whom (ship[from][to]) so that every partition
 * holds about as many as the others. Small differences are left alone: a
 * state's successors are found where it is held, so levels stay even once
 * they are, and moving states costs their serialization.
 */
export function balance(counts: readonly number[]): number[][] {
  const ship = counts.map(() => counts.map(() => 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const target = (i: number) => Math.floor(total / counts.length) + (i < total % counts.length ? 1 : 0);
  const slack = Math.max(64, Math.floor(total / counts.length / 10));
  if (counts.every((c, i) => Math.abs(c - target(i)) <= slack)) return ship;
  const surplus = counts.map((c, i) => c - target(i));
  for (let from = 0; from < counts.length; from++) {
    for (let to = 0; to < counts.length && surplus[from]! > 0; to++) {
      const move = Math.min(surplus[from]!, -surplus[to]!);
      if (move <= 0) continue;
      ship[from]![to] = move;
      surplus[from]! -= move;
      surplus[to]! += move;
    }
  }
  return ship;
}

/**
 * Each partition's keys are in order; merged, they give every new state its
 * rank in the level. The partitions wait in a heap by their next key, so a
 * state costs log N comparisons, not N: this merge is the coordinator's
 * serial share of every level, and it must not grow with the machines.
 */
export function mergeKeys(lists: readonly (readonly number[])[]): Int32Array[] {
  const ranks = lists.map((keys) => new Int32Array(keys.length / 2));
  const at = lists.map(() => 0);
  const before = (p: number, q: number) => keyBefore(lists[p]!, at[p]!, lists[q]!, at[q]!);
  const heap: number[] = [];
  const down = (from: number) => {
    for (let i = from; ; ) {
      const left = 2 * i + 1;
      if (left >= heap.length) return;
      const child = left + 1 < heap.length && before(heap[left + 1]!, heap[left]!) ? left + 1 : left;
      if (!before(heap[child]!, heap[i]!)) return;
      [heap[i], heap[child]] = [heap[child]!, heap[i]!];
      i = child;
    }
  };
  lists.forEach((keys, p) => keys.length > 0 && heap.push(p));
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  for (let rank = 0; heap.length > 0; rank++) {
    const p = heap[0]!;
    ranks[p]![at[p]!++] = rank;
    if (at[p]! * 2 >= lists[p]!.length) {
      // This partition has no key left: the last of the heap takes its place.
      const last = heap.pop()!;
      if (heap.length > 0) heap[0] = last;
    }
    down(0);
  }
  return ranks;
}

/** Keys are (rank of the parent, action index), two numbers each; no two steps of a level share one. */
const keyBefore = (x: readonly number[], i: number, y: readonly number[], j: number) => x[2 * i]! < y[2 * j]! || (x[2 * i] === y[2 * j] && x[2 * i + 1]! < y[2 * j + 1]!);
