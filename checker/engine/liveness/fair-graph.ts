// The reachable state graph as the liveness check reads it: states numbered
// from 0, edges in compressed rows (the edges of state s are edgeStart[s] up
// to edgeStart[s + 1]), and for each state the fairness classes enabled in it.
// Typed arrays only: a few bytes an edge, no object per state.

export interface FairGraph {
  readonly size: number;
  /** `size + 1` offsets into `edgeTo` and `edgeClass`. */
  readonly edgeStart: Int32Array;
  readonly edgeTo: Int32Array;
  /** The fairness class of each edge's action, or -1 for none. */
  readonly edgeClass: Int32Array;
  /** `size + 1` offsets into `enabledClass`. */
  readonly enabledStart: Int32Array;
  /** The classes enabled in each state, once each. */
  readonly enabledClass: Int32Array;
  /** Per class: 1 for strong fairness, 0 for weak. */
  readonly strong: Uint8Array;
  /** The initial states' numbers. */
  readonly initial: Int32Array;
}

/** Whether class `c` is enabled in state `s`. */
export function enabledIn(graph: FairGraph, s: number, c: number): boolean {
  for (let i = graph.enabledStart[s]!; i < graph.enabledStart[s + 1]!; i++) if (graph.enabledClass[i] === c) return true;
  return false;
}

/** A graph from plain lists, for tests and small examples: `edges[s]` as [target, class] pairs, `enabled[s]` the classes enabled in s. */
export function graphOf(edges: readonly (readonly (readonly [number, number])[])[], enabled: readonly (readonly number[])[], strong: readonly boolean[], initial: readonly number[] = [0]): FairGraph {
  const flat = edges.flat();
  const enabledFlat = enabled.flatMap((classes) => [...new Set(classes)]);
  const offsets = (rows: readonly (readonly unknown[])[]) => Int32Array.from(rows.reduce<number[]>((acc, row) => [...acc, acc[acc.length - 1]! + row.length], [0]));
  return {
    size: edges.length,
    edgeStart: offsets(edges),
    edgeTo: Int32Array.from(flat.map(([to]) => to)),
    edgeClass: Int32Array.from(flat.map(([, c]) => c)),
    enabledStart: offsets(enabled.map((classes) => [...new Set(classes)])),
    enabledClass: Int32Array.from(enabledFlat),
    strong: Uint8Array.from(strong.map((s) => (s ? 1 : 0))),
    initial: Int32Array.from(initial),
  };
}
