// Build the whole reachable graph of a spec for the liveness check, breadth
// first, without symmetry reduction (a cycle in the quotient graph need not
// be one in the real graph, and fairness classes name nodes). Whole states
// live only in the level being expanded; what is kept per state is its
// number (by fingerprint), its edges, the fairness classes enabled in it, and
// one byte per predicate the properties need.

import { fingerprint } from "../fingerprint.ts";
import { GrowableArray } from "../growable-array.ts";
import type { Spec } from "../spec.ts";
import { steps } from "../steps.ts";
import type { FairGraph } from "./fair-graph.ts";
import { FingerprintIds } from "./fingerprint-ids.ts";

export interface StateGraph extends FairGraph {
  /** Per edge: the index of its action among the steps of its state, as traces store it. */
  readonly edgeAction: Uint16Array;
  /** Per predicate asked for: 1 where it holds. */
  readonly marks: readonly Uint8Array[];
  readonly classNames: readonly string[];
  /** Per initial state number: its index among the spec's initial states. */
  readonly initialIndex: ReadonlyMap<number, number>;
  readonly bytes: number;
}

export interface GraphLimits {
  readonly maxStates?: number;
  /** Polled every few milliseconds (the build yields to the event loop then, so Ctrl-C is heard): a returned reason stops it. */
  readonly shouldStop?: () => string | undefined;
}

/** How often, at most, the build lets signal handlers and `shouldStop` run. */
const YIELD_EVERY_MS = 50;

export type GraphResult = { readonly ok: true; readonly graph: StateGraph } | { readonly ok: false; readonly states: number; readonly reason: string };

export async function buildStateGraph<S, A>(spec: Spec<S, A>, predicates: readonly ((state: S) => boolean)[], limits: GraphLimits = {}): Promise<GraphResult> {
  const ids = new FingerprintIds();
  const edgeStart = new GrowableArray(Int32Array);
  const edgeTo = new GrowableArray(Int32Array);
  const edgeAction = new GrowableArray(Uint16Array);
  const edgeClass = new GrowableArray(Int32Array);
  const enabledStart = new GrowableArray(Int32Array);
  const enabledClass = new GrowableArray(Int32Array);
  const marks = predicates.map(() => new GrowableArray(Uint16Array));
  const classes = new Map<string, number>();
  const strong: number[] = [];
  const initialIndex = new Map<number, number>();
  const inModel = (state: S) => spec.constraint === undefined || spec.constraint(state);
  let level: S[] = [];

  const discover = (state: S): number => {
    const fp = fingerprint(state);
    const { id, added } = ids.add(fp.hi, fp.lo);
    if (added) {
      level.push(state);
      predicates.forEach((holds, p) => marks[p]!.push(holds(state) ? 1 : 0));
    }
    return id;
  };
  const classOf = (action: A, state: S): number => {
    const c = spec.fairness?.(action, state);
    if (c === undefined) return -1;
    let id = classes.get(c.name);
    if (id === undefined) {
      classes.set(c.name, (id = strong.length));
      strong.push(c.strength === "strong" ? 1 : 0);
    } else if ((strong[id] === 1) !== (c.strength === "strong")) throw new Error(`fairness: class "${c.name}" is declared both weak and strong`);
    return id;
  };

  spec.initialStates().forEach((state, index) => {
    if (!inModel(state)) return;
    const id = discover(state);
    if (!initialIndex.has(id)) initialIndex.set(id, index);
  });
  const initial = Int32Array.from(initialIndex.keys());
  let lastYield = Date.now();
  while (level.length > 0) {
    const expanding = level;
    level = [];
    for (const state of expanding) {
      if (ids.size > (limits.maxStates ?? Infinity)) return { ok: false, states: ids.size, reason: `more than ${limits.maxStates} states` };
      if (Date.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
        const reason = limits.shouldStop?.();
        if (reason !== undefined) return { ok: false, states: ids.size, reason };
      }
      edgeStart.push(edgeTo.size);
      enabledStart.push(enabledClass.size);
      const seen = new Set<number>();
      const first = edgeTo.size;
      const enable = (c: number) => {
        if (c >= 0 && !seen.has(c)) {
          seen.add(c);
          enabledClass.push(c);
        }
      };
      for (const action of spec.beyondBounds?.(state) ?? []) enable(classOf(action, state));
      steps(spec, state).forEach((step, k) => {
        const c = classOf(step.action, state);
        enable(c);
        // A step out of the bounded model is enabled (it counts for fairness) but not followed.
        if (!inModel(step.state)) return;
        const to = discover(step.state);
        // Two steps to one state in one class are one edge as far as cycles and fairness go (a spec's no-op steps often are).
        for (let j = first; j < edgeTo.size; j++) if (edgeTo.get(j) === to && edgeClass.get(j) === c) return;
        edgeTo.push(to);
        edgeAction.push(k);
        edgeClass.push(c);
      });
    }
  }
  edgeStart.push(edgeTo.size);
  enabledStart.push(enabledClass.size);
  const graph = {
    size: ids.size,
    edgeStart: edgeStart.trimmed() as Int32Array,
    edgeTo: edgeTo.trimmed() as Int32Array,
    edgeAction: edgeAction.trimmed() as Uint16Array,
    edgeClass: edgeClass.trimmed() as Int32Array,
    enabledStart: enabledStart.trimmed() as Int32Array,
    enabledClass: enabledClass.trimmed() as Int32Array,
    strong: Uint8Array.from(strong),
    initial,
    marks: marks.map((m) => Uint8Array.from(m.used())),
    classNames: [...classes.keys()],
    initialIndex,
  };
  const bytes = ids.bytes + [graph.edgeStart, graph.edgeTo, graph.edgeAction, graph.edgeClass, graph.enabledStart, graph.enabledClass, ...graph.marks].reduce((n, a) => n + a.buffer.byteLength, 0);
  return { ok: true, graph: { ...graph, bytes } };
}
