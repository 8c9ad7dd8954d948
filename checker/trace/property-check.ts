// What a trace can end in: an invariant broken, or a deadlock (check
// --deadlock: no step is enabled and the state is not final). Replay,
// minimize, view, simulate and the trace files all ask here, so a deadlock
// is followed up exactly as a broken invariant is.

import type { Spec } from "../engine/spec.ts";
import { steps } from "../engine/steps.ts";

/** The property name the engine reports for a deadlock. */
export const DEADLOCK = "deadlock";

/** The test a trace's last state fails: false where the property is broken. Undefined for a name that is neither an invariant of the spec nor a deadlock. */
export function propertyHolds<S, A>(spec: Spec<S, A>, property: string): ((state: S) => boolean) | undefined {
  if (property === DEADLOCK) return (state) => steps(spec, state).length > 0 || (spec.isFinal?.(state) ?? false);
  const invariant = spec.invariants.find((inv) => inv.name === property);
  return invariant === undefined ? undefined : (state) => invariant.holds(state);
}

/**
 * Why the last state breaks the property, in words. For a deadlock, which
 * bounds of the configuration are reached there (a larger one may let the
 * run go on), or that none is and the protocol itself is stuck.
 */
export function explainEnd<S, A>(spec: Spec<S, A>, property: string, state: S): string {
  if (property !== DEADLOCK) return spec.invariants.find((inv) => inv.name === property)?.explain?.(state) ?? `${property} is violated`;
  const stuck = "no action is enabled and the state is not final";
  if (spec.boundsReached === undefined) return `${stuck} (the spec does not say which of its bounds are reached)`;
  const reached = spec.boundsReached(state);
  return reached.length === 0
    ? `${stuck}, and no bound of the configuration is reached: the protocol itself is stuck here`
    : `${stuck}, and bounds of the configuration are reached: ${reached.join("; ")}. With larger bounds the run may go on: then it is the configuration, not the protocol, that stops here`;
}
