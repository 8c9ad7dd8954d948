// Test support for the engine's tests: random graphs as specs, a textbook BFS
// to compare against, and the fast-check settings every property test uses.
// Nothing here is used by the engine itself.

import fc from "fast-check";
import type { ActionSpec } from "./spec.ts";

export interface Graph {
  readonly edges: readonly (readonly number[])[];
  readonly bad: ReadonlySet<number>;
  /** Several initial states, so that more than the first is exercised. */
  readonly starts: readonly number[];
}

/** Edges into odd-numbered nodes are faults; node n is acted on by "n{n mod 3}". */
export const isFault = (to: number) => to % 2 === 1;
export const actorOf = (to: number) => `n${to % 3}`;

/** A spec whose states are the nodes of a graph and whose actions follow its edges. */
export function graphSpec(g: Graph, options: { checkBad?: boolean; costs?: boolean } = {}): ActionSpec<number, number> {
  const { checkBad = true, costs = false } = options;
  return {
    name: "graph",
    initialStates: () => g.starts,
    actions: (n) => g.edges[n] ?? [],
    next: (_n, to) => to,
    label: (to) => `go ${to}`,
    actionName: () => "go",
    actionNames: ["go"],
    invariants: checkBad ? [{ name: "not bad", holds: (n) => !g.bad.has(n) }] : [],
    witnesses: [],
    ...(costs ? { stepInfo: (to: number) => ({ actor: actorOf(to), fault: isFault(to) }) } : {}),
  };
}

/** The reference: a plain textbook BFS from every start, each node's distance. */
export function distances(g: Graph): Map<number, number> {
  const dist = new Map<number, number>();
  const queue: number[] = [];
  for (const s of g.starts) {
    if (!dist.has(s)) {
      dist.set(s, 0);
      queue.push(s);
    }
  }
  for (let head = 0; head < queue.length; head++) {
    const n = queue[head]!;
    for (const m of g.edges[n] ?? []) {
      if (!dist.has(m)) {
        dist.set(m, dist.get(n)! + 1);
        queue.push(m);
      }
    }
  }
  return dist;
}

/** The reference for path costs: per node, the fewest faults over its shortest paths. */
export function fewestFaults(g: Graph): Map<number, number> {
  const dist = distances(g);
  const fewest = new Map(g.starts.map((s) => [s, 0]));
  for (const [n, d] of [...dist].sort((a, b) => a[1] - b[1])) {
    for (const m of g.edges[n] ?? []) {
      if (dist.get(m) !== d + 1) continue;
      const via = fewest.get(n)! + (isFault(m) ? 1 : 0);
      if (via < (fewest.get(m) ?? Infinity)) fewest.set(m, via);
    }
  }
  return fewest;
}

export const graphs = (maxSize = 60): fc.Arbitrary<Graph> =>
  fc.integer({ min: 1, max: maxSize }).chain((size) =>
    fc.record({
      edges: fc.array(fc.array(fc.integer({ min: 0, max: size - 1 }), { maxLength: 4 }), { minLength: size, maxLength: size }),
      bad: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 3 }).map((xs) => new Set(xs)),
      starts: fc.array(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 3 }),
    }),
  );

/**
 * Fixed seeds, so CI catches what it catches every time; a failure prints
 * the seed and path to replay it (fast-check does). `npm run test:deep` sets
 * SPLITBRAIN_DEEP and draws new seeds, with twenty times the runs.
 */
export function runs(numRuns: number, seed: number): fc.Parameters<unknown> {
  return process.env.SPLITBRAIN_DEEP ? { numRuns: numRuns * 20 } : { numRuns, seed };
}
