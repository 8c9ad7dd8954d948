// How to ask a spec for the steps out of a state, whichever way the spec gives
// them (spec.ts). Replay, play, the page and the baselines come through here.
// The search reads the two forms itself, in the same order, because building a
// step object per generated state cost it 5-15% on TwoPhase-7; the tests in
// steps.test.ts hold the two readings to the same results.

import type { Spec, Step } from "./spec.ts";

/** The steps out of `state`, in the spec's order: a step's index is how traces name it. */
export function steps<S, A>(spec: Spec<S, A>, state: S): readonly Step<S, A>[] {
  if (spec.successors !== undefined) return spec.successors(state);
  const actions = spec.actions(state);
  const out: Step<S, A>[] = new Array(actions.length);
  for (let i = 0; i < actions.length; i++) out[i] = { action: actions[i]!, state: spec.next(state, actions[i]!) };
  return out;
}

/** Only the actions enabled in `state`, with no successor computed when the spec can avoid it. */
export function enabledActions<S, A>(spec: Spec<S, A>, state: S): readonly A[] {
  return spec.successors !== undefined ? spec.successors(state).map((step) => step.action) : spec.actions(state);
}
