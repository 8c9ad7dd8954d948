// A lasso as the model produced it, checked against the spec alone: the
// trace was replayed through the model, its last state is the state the loop
// returns to, the property is unmet where the lasso says, and the loop is
// fair, with the classes enabled in each state asked of the spec afresh.
// `replay --check` runs this on a trace file; the checker on every lasso it
// reports.

import { sameFingerprint } from "../fingerprint.ts";
import type { Spec } from "../spec.ts";
import { steps } from "../steps.ts";
import type { Trace } from "../trace.ts";
import type { LivenessProperty } from "./liveness-spec.ts";

export interface LassoTrace<S, A> {
  readonly trace: Trace<S, A>;
  /** The state (0: the initial one) the run returns to after the last step; with no step after it, the run stays there forever. */
  readonly loopFrom: number;
}

/** The region (where the property is unmet once counted), where counting may start, and whether the run may wander before it. */
export function regionOf<S>(property: LivenessProperty<S>): { region: (s: S) => boolean; trigger: (s: S) => boolean; freeStart: boolean } {
  switch (property.kind) {
    case "eventually":
      return { region: (s) => !property.holds(s), trigger: (s) => !property.holds(s), freeStart: false };
    case "alwaysEventually":
      return { region: (s) => !property.holds(s), trigger: (s) => !property.holds(s), freeStart: true };
    case "leadsTo":
      return { region: (s) => !property.to(s), trigger: (s) => property.from(s) && !property.to(s), freeStart: true };
  }
}

/** Undefined if the lasso is a fair run of the spec that breaks the property; else what is wrong, in words. */
export function lassoTraceProblem<S, A>(spec: Spec<S, A>, property: LivenessProperty<S>, lasso: LassoTrace<S, A>): string | undefined {
  const states = [lasso.trace.initial, ...lasso.trace.steps.map((s) => s.state)];
  const { loopFrom } = lasso;
  if (loopFrom < 0 || loopFrom >= states.length) return `the loop goes back to state ${loopFrom}, which the trace does not have`;
  if (!sameFingerprint(states[states.length - 1], states[loopFrom])) return `the loop does not close: the last state is not the state after step ${loopFrom}`;
  const { region, trigger, freeStart } = regionOf(property);
  const inRegionFrom = (i: number) => states.slice(i).every(region);
  const countedFrom = (i: number) => trigger(states[i]!) && inRegionFrom(i) && inRegionFrom(loopFrom);
  if (!(freeStart ? states.some((_, i) => countedFrom(i)) : countedFrom(0))) return `the run does not break ${property.name}: the property is met on it`;
  return unfairness(spec, states.slice(loopFrom), lasso.trace.steps.slice(loopFrom).map((s) => s.action));
}

/** Why a loop (its states, the first repeated at the end, and the actions between) is unfair, or undefined if it is fair. Without fairness, every loop is. */
function unfairness<S, A>(spec: Spec<S, A>, loopStates: readonly S[], loopActions: readonly A[]): string | undefined {
  const fairness = spec.fairness;
  if (fairness === undefined) return undefined;
  // The last state is the first again: counting it twice changes no condition (weak: all of them; strong: any).
  const enabled = loopStates.map((state) => {
    const actions = [...steps(spec, state).map((step) => step.action), ...(spec.beyondBounds?.(state) ?? [])];
    return new Map(actions.flatMap((action) => {
      const c = fairness(action, state);
      return c === undefined ? [] : [[c.name, c.strength] as const];
    }));
  });
  const taken = new Set(loopActions.map((action, i) => fairness(action, loopStates[i]!)?.name));
  // Every class here is enabled somewhere on the loop: enough to owe a strong one; a weak one is owed only if enabled all the way round.
  const classes = new Map(enabled.flatMap((m) => [...m]));
  for (const [name, strength] of classes) {
    if (taken.has(name)) continue;
    if (strength === "strong" || enabled.every((m) => m.has(name))) {
      return loopActions.length === 0
        ? `the run stays at its last state forever, but "${name}" is enabled there and fairness (${strength}) would take it`
        : `the loop is unfair: "${name}" is ${strength === "strong" ? "enabled again and again" : "enabled all the way round"} and never taken`;
    }
  }
  return undefined;
}

/** The lasso in words: where the loop starts, and what never happens on it. */
export function explainLasso<S>(property: LivenessProperty<S>, steps: number, loopFrom: number): string {
  const never =
    property.kind === "leadsTo" ? "what it leads to never comes" : property.kind === "eventually" ? "the property is never met" : "the property is never met again";
  return loopFrom === steps
    ? `after step ${steps} nothing fair is enabled: the run stays in that state forever, and ${never}`
    : `from step ${loopFrom} the run loops forever through ${steps === loopFrom + 1 ? `step ${steps}` : `steps ${loopFrom + 1} to ${steps}`}, fairly, and ${never}`;
}
