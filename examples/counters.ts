// K processes, each counting from 0 to `limit` on its own: every interleaving
// of their steps. A benchmark shape with deep chains (depth K × limit) and a
// wide frontier (the middle levels hold thousands of states), where states
// are small arrays of small numbers. (limit + 1)^K distinct states.

import type { ActionSpec } from "../checker/engine/spec.ts";

export interface CountersState {
  readonly counts: readonly number[];
}

export function counters(processes = 4, limit = 20): ActionSpec<CountersState, number> {
  const ids = [...Array(processes).keys()];
  return {
    name: `counters(${processes} processes to ${limit})`,
    initialStates: () => [{ counts: ids.map(() => 0) }],
    actions: (s) => ids.filter((p) => s.counts[p]! < limit),
    next: (s, p) => ({ counts: s.counts.map((c, i) => (i === p ? c + 1 : c)) }),
    label: (p) => `P${p} counts`,
    actionName: () => "count",
    actionNames: ["count"],
    invariants: [{ name: "within limits", holds: (s) => s.counts.every((c) => c <= limit) }],
    witnesses: [{ name: "all done", reached: (s) => s.counts.every((c) => c === limit) }],
  };
}
