// The reference the liveness check is tested against, for graphs of a few
// states: try every set of states. A fair run that stays in a set X forever
// and visits all of it exists exactly when X is strongly connected (by its own
// edges, or a single state, which may stutter) and the run through every edge
// of X is fair. So a lasso exists when some such X is reachable as the query
// asks. Exponential, and plain on purpose: it shares no code with the check.

import type { FairGraph } from "./fair-graph.ts";
import type { LassoQuery } from "./lasso.ts";

const edgesOf = (g: FairGraph, s: number) => Array.from({ length: g.edgeStart[s + 1]! - g.edgeStart[s]! }, (_, i) => g.edgeStart[s]! + i);
const enabledOf = (g: FairGraph, s: number) => [...g.enabledClass.subarray(g.enabledStart[s]!, g.enabledStart[s + 1]!)];

function reachableFrom(g: FairGraph, starts: readonly number[], allowed: (s: number) => boolean): Set<number> {
  const seen = new Set(starts.filter(allowed));
  const todo = [...seen];
  while (todo.length > 0) {
    const s = todo.pop()!;
    for (const e of edgesOf(g, s)) {
      const t = g.edgeTo[e]!;
      if (allowed(t) && !seen.has(t)) {
        seen.add(t);
        todo.push(t);
      }
    }
  }
  return seen;
}

function stronglyConnected(g: FairGraph, set: ReadonlySet<number>): boolean {
  const [first] = set;
  if (first === undefined) return false;
  for (const s of set) if (!reachableFrom(g, [s], (t) => set.has(t)).has(first) || !reachableFrom(g, [first], (t) => set.has(t)).has(s)) return false;
  return true;
}

function fairSet(g: FairGraph, set: ReadonlySet<number>): boolean {
  const taken = new Set<number>();
  for (const s of set) for (const e of edgesOf(g, s)) if (set.has(g.edgeTo[e]!) && g.edgeClass[e]! >= 0) taken.add(g.edgeClass[e]!);
  const classes = new Set([...set].flatMap((s) => enabledOf(g, s)));
  for (const c of classes) {
    if (taken.has(c)) continue;
    const enabledAt = [...set].filter((s) => enabledOf(g, s).includes(c)).length;
    if (g.strong[c] === 1 ? enabledAt > 0 : enabledAt === set.size) return false;
  }
  return true;
}

/** Whether some fair run breaks the property the query describes. */
export function naiveHasLasso(g: FairGraph, query: LassoQuery): boolean {
  const inRegion = (s: number) => query.region[s] === 1;
  const starts = query.freeStart ? [...reachableFrom(g, [...g.initial], () => true)].filter((s) => query.trigger[s] === 1) : [...g.initial].filter((s) => query.trigger[s] === 1);
  const counted = reachableFrom(g, starts, inRegion);
  const states = [...counted];
  for (let bits = 1; bits < 1 << states.length; bits++) {
    const set = new Set(states.filter((_, i) => (bits >> i) & 1));
    if (stronglyConnected(g, set) && fairSet(g, set)) return true;
  }
  return false;
}
