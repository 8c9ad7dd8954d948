// A lasso checked on the graph, step by step, with nothing from the search
// that found it: it starts at an initial state, each edge leaves the state
// the previous one reached, the loop ends where it began, the run is counted
// and stays in the region as the query asks, and the loop is fair.

import type { FairGraph } from "./fair-graph.ts";
import type { Lasso, LassoQuery } from "./lasso.ts";

function follow(g: FairGraph, from: number, edges: readonly number[]): number[] {
  const states = [from];
  for (const e of edges) {
    const s = states[states.length - 1]!;
    if (e < g.edgeStart[s]! || e >= g.edgeStart[s + 1]!) throw new Error(`edge ${e} does not leave state ${s}`);
    states.push(g.edgeTo[e]!);
  }
  return states;
}

/** Undefined if the lasso is a fair run breaking the property; else what is wrong with it. */
export function lassoProblem(g: FairGraph, query: LassoQuery, lasso: Lasso): string | undefined {
  if (!g.initial.includes(lasso.initial)) return `${lasso.initial} is not an initial state`;
  let states: number[];
  try {
    states = follow(g, lasso.initial, [...lasso.stem, ...lasso.loop]);
  } catch (e) {
    return (e as Error).message;
  }
  const loopStart = lasso.stem.length;
  if (states[states.length - 1] !== states[loopStart]) return "the loop does not close";
  // Counting starts at a trigger (the first state, unless the start is free), and from there on the run stays in the region.
  const inRegionFrom = (i: number) => states.slice(i).every((s) => query.region[s] === 1);
  // The loop repeats forever: from a count starting inside it, the whole loop is still ahead.
  const countedFrom = (i: number) => query.trigger[states[i]!] === 1 && inRegionFrom(i) && inRegionFrom(loopStart);
  if (!(query.freeStart ? states.some((_, i) => countedFrom(i)) : countedFrom(0))) return "the run is never counted, or leaves the region after it is";
  const loopStates = states.slice(loopStart);
  const enabled = (s: number) => new Set(g.enabledClass.subarray(g.enabledStart[s]!, g.enabledStart[s + 1]!));
  const taken = new Set(lasso.loop.map((e) => g.edgeClass[e]!).filter((c) => c >= 0));
  const classes = new Set(loopStates.flatMap((s) => [...enabled(s)]));
  for (const c of classes) {
    if (taken.has(c)) continue;
    const at = loopStates.filter((s) => enabled(s).has(c)).length;
    if (g.strong[c] === 1 ? at > 0 : at === loopStates.length) return `class ${c} is ${g.strong[c] === 1 ? "enabled again and again" : "always enabled"} on the loop and never taken`;
  }
  return undefined;
}
