// INV-2: which values may a key hold in a correct run? Every acknowledged
// write applied exactly once, each write still pending applied at most once,
// each client's writes in script order, the clients' writes interleaved in any
// way. Real time across clients is INV-3's business, not this one's.

import type { Operation } from "./config.ts";

type Scripts = readonly (readonly Operation[])[];
type Write = Extract<Operation, { kind: "Put" | "Append" }>;

/** Per key, the values a correct run may leave there. */
export type PossibleStores = ReadonlyMap<string, ReadonlySet<string>>;

const isWrite = (op: Operation): op is Write => op.kind !== "Get";
const applyWrite = (value: string, w: Write) => (w.kind === "Put" ? w.value : value + w.value);

/**
 * The possible stores for one set of scripts, as a function of how far each
 * client got. States share their clients and history arrays, so the same few
 * (done, invoked) combinations come back millions of times: each is computed
 * once.
 */
export function storeValues(scripts: Scripts): (done: readonly number[], invoked: readonly number[]) => PossibleStores {
  const answers = new Map<number | string, PossibleStores>();
  /**
   * @param done per client, how many of its operations completed (acknowledged)
   * @param invoked per client, how many it has invoked (done, or done + 1 with one pending)
   */
  return (done, invoked) => {
    const key = countsKey(done, invoked);
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(scripts, done, invoked);
      answers.set(key, answer);
    }
    return answer;
  };
}

/**
 * The counts as one number where they fit (each below 256, at most three
 * clients): it is asked for in every new state, and building text there cost
 * more than the answer's lookup. Text otherwise.
 */
function countsKey(done: readonly number[], invoked: readonly number[]): number | string {
  const fits = done.length <= 3 && done.every((n, c) => n <= 255 && invoked[c]! <= 255);
  if (!fits) return `${done.join(",")}/${invoked.join(",")}`;
  let key = 0;
  for (let c = 0; c < done.length; c++) key = key * 65536 + done[c]! * 256 + invoked[c]!;
  return key;
}

function compute(scripts: Scripts, done: readonly number[], invoked: readonly number[]): PossibleStores {
  const keys = new Set(scripts.flatMap((ops) => ops.filter(isWrite).map((w) => w.key)));
  const result = new Map<string, ReadonlySet<string>>();
  for (const key of keys) {
    const onKey = (ops: readonly Operation[]) => ops.filter((op): op is Write => isWrite(op) && op.key === key);
    const acked = scripts.map((ops, c) => onKey(ops.slice(0, done[c])));
    const pending = scripts.map((ops, c) => onKey(ops.slice(done[c], invoked[c])));
    const values = new Set<string>();
    // Each pending write is either left out or appended to its client's acknowledged ones.
    for (let mask = 0; mask < 1 << scripts.length; mask++) {
      if (scripts.some((_, c) => (mask >> c) & 1 && pending[c]!.length === 0)) continue;
      const sequences = acked.map((a, c) => ((mask >> c) & 1 ? [...a, ...pending[c]!] : a));
      for (const v of interleavings(sequences)) values.add(v);
    }
    result.set(key, values);
  }
  return result;
}

/** The values every interleaving of the clients' write sequences leaves, starting from "". */
function interleavings(sequences: readonly (readonly Write[])[]): Set<string> {
  const finals = new Set<string>();
  const visited = new Set<string>();
  const explore = (positions: readonly number[], value: string): void => {
    const id = `${positions.join(",")}:${value}`;
    if (visited.has(id)) return;
    visited.add(id);
    let moved = false;
    sequences.forEach((seq, c) => {
      const at = positions[c]!;
      if (at === seq.length) return;
      moved = true;
      explore(
        positions.map((p, i) => (i === c ? p + 1 : p)),
        applyWrite(value, seq[at]!),
      );
    });
    if (!moved) finals.add(value);
  };
  explore(
    sequences.map(() => 0),
    "",
  );
  return finals;
}
