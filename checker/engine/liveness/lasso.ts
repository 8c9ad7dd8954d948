// A counterexample to a liveness property is a lasso: a stem from an initial
// state, then a loop the run goes round forever, fairly, without the
// property being met. The stem is a shortest one (breadth first); the loop
// is built greedily: from where the stem ends, walk to the nearest step that
// meets a fairness condition still open, until none is, then walk back.
// When the component holds a state that enables nothing fair, the run simply
// stays there (a stutter): the plainest story, "it gets stuck here".

import type { FairGraph } from "./fair-graph.ts";
import { fairComponents } from "./fair-components.ts";

export interface LassoQuery {
  /** Where the run must stay once it is counted: the states where the property is unmet. */
  readonly region: Uint8Array;
  /** Where the run starts being counted (a subset of `region`). */
  readonly trigger: Uint8Array;
  /** Whether the run may go anywhere before a trigger; if not, it must start in one. */
  readonly freeStart: boolean;
}

export interface Lasso {
  readonly initial: number;
  /** Edge numbers from the initial state to the loop's first state. */
  readonly stem: readonly number[];
  /** Edge numbers around the loop, back to its first state; empty when the run stays at that state forever. */
  readonly loop: readonly number[];
}

export function findLasso(graph: FairGraph, query: LassoQuery): Lasso | undefined {
  const fairOf = fairComponents(graph, query.region);
  const reached = shortestStem(graph, query, fairOf);
  if (reached === undefined) return undefined;
  const walker = new Walker(graph, (s) => fairOf[s] === fairOf[reached.end]);
  const quiet = walker.path(reached.end, (s) => graph.enabledStart[s] === graph.enabledStart[s + 1]);
  if (quiet !== undefined) return { initial: reached.initial, stem: [...reached.stem, ...quiet], loop: [] };
  return { initial: reached.initial, stem: reached.stem, loop: fairLoop(graph, walker, reached.end) };
}

/** Breadth first over (state, counted yet?) pairs, to the first counted state in a fair component. */
function shortestStem(graph: FairGraph, query: LassoQuery, fairOf: Int32Array): { initial: number; stem: number[]; end: number } | undefined {
  // A pair's parent pair and the edge from it; a start has no parent (seen, parent left at -1).
  const parentPair = new Int32Array(2 * graph.size).fill(-1);
  const parentEdge = new Int32Array(2 * graph.size);
  const seen = new Uint8Array(2 * graph.size);
  const queue: number[] = [];
  const visit = (pair: number, from?: number, edge?: number) => {
    if (seen[pair] === 1) return;
    seen[pair] = 1;
    if (from !== undefined) {
      parentPair[pair] = from;
      parentEdge[pair] = edge!;
    }
    queue.push(pair);
  };
  // Before it is counted, a run may pass a trigger by: it chooses where counting starts.
  for (const s of graph.initial) {
    if (query.trigger[s] === 1) visit(2 * s + 1);
    if (query.freeStart) visit(2 * s);
  }
  for (let head = 0; head < queue.length; head++) {
    const pair = queue[head]!;
    const s = pair >> 1;
    const counted = (pair & 1) === 1;
    if (counted && fairOf[s]! >= 0) {
      const stem: number[] = [];
      let p = pair;
      for (; parentPair[p] !== -1; p = parentPair[p]!) stem.push(parentEdge[p]!);
      return { initial: p >> 1, stem: stem.reverse(), end: s };
    }
    for (let e = graph.edgeStart[s]!; e < graph.edgeStart[s + 1]!; e++) {
      const t = graph.edgeTo[e]!;
      if (counted) {
        if (query.region[t] === 1) visit(2 * t + 1, pair, e);
        continue;
      }
      if (query.trigger[t] === 1) visit(2 * t + 1, pair, e);
      visit(2 * t, pair, e);
    }
  }
  return undefined;
}

/** A loop from `start` around its fair component that meets every fairness condition of the classes enabled on it. */
function fairLoop(graph: FairGraph, walker: Walker, start: number): number[] {
  const loop: number[] = [];
  const taken = new Set<number>();
  let weakOpen = new Set<number>(); // weak classes enabled at every state of the loop so far
  const strongOpen = new Set<number>(); // strong classes enabled at some state of the loop so far
  const arrive = (s: number) => {
    const here = enabledClasses(graph, s);
    weakOpen = new Set([...weakOpen].filter((c) => here.has(c)));
    for (const c of here) if (graph.strong[c] === 1) strongOpen.add(c);
  };
  for (const c of enabledClasses(graph, start)) (graph.strong[c] === 1 ? strongOpen : weakOpen).add(c);
  const open = () => [...weakOpen, ...strongOpen].filter((c) => !taken.has(c));
  // Each walk ends where it meets a condition still open, so it takes at least one step (`start` enables
  // something fair: else the run would have stayed there). Every walk closes a condition for good, but
  // for the strong classes a walk back may open again: they are finitely many.
  let at = start;
  const walk = (edges: readonly number[] | undefined) => {
    if (edges === undefined) throw new Error("liveness: a component judged fair has no step meeting an open fairness condition");
    for (const e of edges) {
      loop.push(e);
      taken.add(graph.edgeClass[e]!);
      arrive(graph.edgeTo[e]!);
    }
    at = graph.edgeTo[edges[edges.length - 1]!]!;
  };
  for (;;) {
    const needed = new Set(open());
    if (needed.size === 0) {
      if (at === start) return loop;
      walk(walker.path(at, (s) => s === start));
      continue;
    }
    const weakNeeded = [...needed].filter((c) => graph.strong[c] === 0);
    walk(walker.path(at, (s) => weakNeeded.some((c) => !enabledClasses(graph, s).has(c)), (e) => needed.has(graph.edgeClass[e]!)));
  }
}

function enabledClasses(graph: FairGraph, s: number): Set<number> {
  return new Set(graph.enabledClass.subarray(graph.enabledStart[s]!, graph.enabledStart[s + 1]!));
}

/** Shortest paths inside one component, over arrays reused between walks. */
class Walker {
  private readonly parentEdge: Int32Array;
  private readonly parentState: Int32Array;
  private readonly stamp: Int32Array;
  private walk = 0;

  constructor(
    private readonly graph: FairGraph,
    private readonly inside: (s: number) => boolean,
  ) {
    this.parentEdge = new Int32Array(graph.size);
    this.parentState = new Int32Array(graph.size);
    // Walks are numbered from 1: a state is stamped with the walk that reached it, 0 when none has.
    this.stamp = new Int32Array(graph.size);
  }

  /** Edges from `from` to the nearest state meeting `goal`, or ending with the nearest edge meeting `goalEdge`. */
  path(from: number, goal: (s: number) => boolean, goalEdge?: (e: number) => boolean): number[] | undefined {
    const { graph, parentEdge, parentState, stamp } = this;
    const walk = ++this.walk;
    if (goal(from)) return [];
    const to = (s: number, last: number) => {
      const edges = [last];
      for (let t = s; t !== from; t = parentState[t]!) edges.push(parentEdge[t]!);
      return edges.reverse();
    };
    const queue = [from];
    stamp[from] = walk;
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head]!;
      for (let e = graph.edgeStart[s]!; e < graph.edgeStart[s + 1]!; e++) {
        const t = graph.edgeTo[e]!;
        if (!this.inside(t)) continue;
        if (goalEdge?.(e) || goal(t)) return to(s, e);
        if (stamp[t] === walk) continue;
        stamp[t] = walk;
        parentEdge[t] = e;
        parentState[t] = s;
        queue.push(t);
      }
    }
    return undefined;
  }
}
