// INV-3: is the history of client operations linearizable against a
// sequential key-value store? A search for a sequential order of the
// operations that respects real time (an operation that completed before
// another was invoked comes first) and gives every completed Get the value it
// returned. An operation still pending may or may not have taken effect, so it
// may be placed or left out.

import type { Operation } from "./config.ts";
import type { OpRecord } from "./types.ts";

type Scripts = readonly (readonly Operation[])[];
type Ops = readonly (readonly OpRecord[])[];

// History arrays are shared between states that did not change them, so the
// answer for one history is computed once.
// purity: memo (the answer for a history never changes)
const cache = new WeakMap<Ops, boolean>();

export function isLinearizable(scripts: Scripts, ops: Ops): boolean {
  let answer = cache.get(ops);
  if (answer === undefined) {
    answer = search(scripts, ops);
    cache.set(ops, answer);
  }
  return answer;
}

function search(scripts: Scripts, ops: Ops): boolean {
  const clients = ops.length;
  const mustPlace = ops.map((o) => o.filter((r) => r.result !== undefined).length);
  const seen = new Set<string>();

  const go = (placed: number[], store: Readonly<Record<string, string>>): boolean => {
    if (placed.every((n, c) => n >= mustPlace[c]!)) return true;
    const key = placed.join(",") + "|" + JSON.stringify(store);
    if (seen.has(key)) return false;
    seen.add(key);
    for (let c = 0; c < clients; c++) {
      const i = placed[c]!;
      const record = ops[c]![i];
      if (record === undefined) continue;
      // Real time: every operation that completed before this one was invoked is already placed.
      if (!record.invokedAfter.every((done, other) => other === c || placed[other]! >= done)) continue;
      const op = scripts[c]![i]!;
      const current = store[op.key] ?? "";
      if (op.kind === "Get" && record.result !== undefined && record.result !== current) continue;
      const nextStore = op.kind === "Put" ? { ...store, [op.key]: op.value } : op.kind === "Append" ? { ...store, [op.key]: current + op.value } : store;
      if (go(placed.map((n, j) => (j === c ? n + 1 : n)), nextStore)) return true;
    }
    return false;
  };
  return go(Array(clients).fill(0), {});
}
