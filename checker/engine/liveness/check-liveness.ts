// The liveness check: build the reachable graph once, then for each property
// look for a fair lasso on which it is never met. Every lasso found is
// replayed through the model and checked against the spec alone before it is
// returned.

import type { Spec } from "../spec.ts";
import { replayPath } from "../trace.ts";
import type { LivenessProperty } from "./liveness-spec.ts";
import { findLasso } from "./lasso.ts";
import { lassoTraceProblem, regionOf, type LassoTrace } from "./lasso-trace.ts";
import { buildStateGraph, type GraphLimits, type StateGraph } from "./state-graph.ts";

export type LivenessVerdict<S, A> =
  | { readonly property: string; readonly kind: "holds" }
  | ({ readonly property: string; readonly kind: "violated" } & LassoTrace<S, A>);

export interface LivenessStats {
  readonly states: number;
  readonly edges: number;
  readonly fairnessClasses: number;
  readonly graphBytes: number;
  readonly graphMs: number;
  readonly searchMs: number;
}

export type LivenessResult<S, A> =
  | { readonly kind: "done"; readonly verdicts: readonly LivenessVerdict<S, A>[]; readonly stats: LivenessStats }
  | { readonly kind: "incomplete"; readonly states: number; readonly reason: string };

/** The predicates a property needs marked in the graph, in order. */
function predicates<S>(property: LivenessProperty<S>): ((s: S) => boolean)[] {
  return property.kind === "leadsTo" ? [property.from, property.to] : [property.holds];
}

export async function checkLiveness<S, A>(spec: Spec<S, A>, limits: GraphLimits = {}): Promise<LivenessResult<S, A>> {
  const properties = spec.liveness ?? [];
  const started = Date.now();
  const built = await buildStateGraph(spec, properties.flatMap(predicates), limits);
  if (!built.ok) return { kind: "incomplete", states: built.states, reason: built.reason };
  const { graph } = built;
  const graphMs = Date.now() - started;
  let mark = 0;
  const verdicts = properties.map((property) => {
    const marks = predicates(property).map(() => graph.marks[mark++]!);
    return verdictFor(spec, graph, property, marks);
  });
  return {
    kind: "done",
    verdicts,
    stats: { states: graph.size, edges: graph.edgeTo.length, fairnessClasses: graph.classNames.length, graphBytes: graph.bytes, graphMs, searchMs: Date.now() - started - graphMs },
  };
}

/** The property over state numbers, its predicates read from the graph's marks. */
function onGraph<S>(property: LivenessProperty<S>, marks: readonly Uint8Array[]): LivenessProperty<number> {
  const marked = (m: Uint8Array) => (s: number) => m[s] === 1;
  return property.kind === "leadsTo" ? { ...property, from: marked(marks[0]!), to: marked(marks[1]!) } : { ...property, holds: marked(marks[0]!) };
}

function verdictFor<S, A>(spec: Spec<S, A>, graph: StateGraph, property: LivenessProperty<S>, marks: readonly Uint8Array[]): LivenessVerdict<S, A> {
  // The same rule as the check of a lasso against the spec (regionOf), read off the graph.
  const { region, trigger, freeStart } = regionOf(onGraph(property, marks));
  const mask = (holds: (s: number) => boolean) => Uint8Array.from({ length: graph.size }, (_, s) => (holds(s) ? 1 : 0));
  const lasso = findLasso(graph, { region: mask(region), trigger: mask(trigger), freeStart });
  if (lasso === undefined) return { property: property.name, kind: "holds" };
  const edges = [...lasso.stem, ...lasso.loop];
  const trace = replayPath(spec, { initialIndex: graph.initialIndex.get(lasso.initial)!, actionIndices: edges.map((e) => graph.edgeAction[e]!) });
  const found = { trace, loopFrom: lasso.stem.length };
  const problem = lassoTraceProblem(spec, property, found);
  if (problem !== undefined) throw new Error(`liveness: the lasso found for ${property.name} does not check out against the spec: ${problem}`);
  return { property: property.name, kind: "violated", ...found };
}
