// Trace files: a counterexample as data, to commit, share and replay. A step
// is stored as the label of its action, which a person can read and which
// names the action again when the trace is replayed.

import { z } from "zod";
import { replayFrom, type Replay } from "./play.ts";
import { propertyHolds } from "./property-check.ts";
import type { Spec } from "../engine/spec.ts";

export const TRACE_FORMAT = "splitbrain-trace/1";

export const traceFileSchema = z.strictObject({
  format: z.literal(TRACE_FORMAT),
  spec: z.string(),
  /** A named configuration, or a path: for people. `config` is what replays. */
  configName: z.string(),
  /** The full configuration, validated by the spec's own schema on replay. */
  config: z.unknown(),
  /** The invariant the last state violates, or the liveness property the lasso breaks. */
  property: z.string(),
  explanation: z.string(),
  steps: z.array(z.string()),
  /**
   * A liveness counterexample (a lasso): after the last step the run goes back
   * to the state after this many steps (0: the initial state), forever. When
   * it is the number of steps, the run stays in its last state.
   */
  loop: z.number().int().min(0).optional(),
  /** What was minimized, in words. */
  minimized: z.string().optional(),
}).refine((file) => file.loop === undefined || file.loop <= file.steps.length, { message: "the loop goes back to a state after more steps than the trace has", path: ["loop"] });

export type TraceFile = z.infer<typeof traceFileSchema>;

/** Replay labels from the spec's first initial state; stop at the first step that is not enabled. */
export function replayLabels<S, A>(spec: Spec<S, A>, labels: readonly string[]): Replay<S, A> {
  const initial = spec.initialStates()[0];
  if (initial === undefined) throw new Error(`spec ${spec.name} has no initial state`);
  return replayFrom(spec, initial, labels);
}

/** Does the last state of a replay violate the named invariant, or deadlock? Undefined if the spec has no such invariant. */
export function violates<S, A>(spec: Spec<S, A>, property: string, state: S): boolean | undefined {
  const holds = propertyHolds(spec, property);
  return holds === undefined ? undefined : !holds(state);
}
