// Take actions by their labels: how tests, trace files and people name steps.

import type { Spec } from "./spec.ts";

/** The state after the enabled action with this label, or an explanation of why there is none. */
export function stepByLabel<S, A>(spec: Spec<S, A>, state: S, label: string): { ok: true; state: S } | { ok: false; enabled: string[] } {
  const actions = spec.actions(state);
  const action = actions.find((a) => spec.label(a) === label);
  return action === undefined ? { ok: false, enabled: actions.map(spec.label) } : { ok: true, state: spec.next(state, action) };
}

/** For tests and setups: play labels in order; a label that is not enabled is a bug there. */
export function playLabels<S, A>(spec: Spec<S, A>, start: S, labels: readonly string[]): S {
  let state = start;
  for (const [i, label] of labels.entries()) {
    const step = stepByLabel(spec, state, label);
    if (!step.ok) throw new Error(`step ${i + 1} "${label}" is not enabled; enabled: ${step.enabled.join(" | ")}`);
    state = step.state;
  }
  return state;
}
