// Take actions by their labels: how tests, trace files and people name steps.

import type { Spec } from "../engine/spec.ts";
import { steps } from "../engine/steps.ts";
import type { Trace } from "../engine/trace.ts";

/** The enabled action with this label and the state after it, or an explanation of why there is none. */
export function stepByLabel<S, A>(spec: Spec<S, A>, state: S, label: string): { ok: true; action: A; state: S } | { ok: false; enabled: string[] } {
  // Labels name one enabled action each, so with actions and next only the one
  // step is taken: minimizing a long trace replays it thousands of times.
  if (spec.successors === undefined) {
    const actions = spec.actions(state);
    const action = actions.find((a) => spec.label(a, state) === label);
    return action === undefined ? { ok: false, enabled: actions.map((a) => spec.label(a, state)) } : { ok: true, action, state: spec.next(state, action) };
  }
  const out = steps(spec, state);
  const step = out.find((s) => spec.label(s.action, state) === label);
  return step === undefined ? { ok: false, enabled: out.map((s) => spec.label(s.action, state)) } : { ok: true, action: step.action, state: step.state };
}

export type Replay<S, A = unknown> =
  | { readonly ok: true; readonly states: readonly S[]; readonly actions: readonly A[] }
  | { readonly ok: false; readonly states: readonly S[]; readonly step: number; readonly label: string; readonly enabled: readonly string[] };

/** Play labels in order from `start`; stop at the first step that is not enabled. states[i] is the state after i steps. */
export function replayFrom<S, A>(spec: Spec<S, A>, start: S, labels: readonly string[]): Replay<S, A> {
  const states: S[] = [start];
  const actions: A[] = [];
  for (const [i, label] of labels.entries()) {
    const step = stepByLabel(spec, states[states.length - 1]!, label);
    if (!step.ok) return { ok: false, states, step: i + 1, label, enabled: step.enabled };
    states.push(step.state);
    actions.push(step.action);
  }
  return { ok: true, states, actions };
}

/** For tests and setups: play labels in order; a label that is not enabled is a bug there. */
export function playLabels<S, A>(spec: Spec<S, A>, start: S, labels: readonly string[]): S {
  const replay = replayFrom(spec, start, labels);
  if (!replay.ok) throw new Error(`step ${replay.step} "${replay.label}" is not enabled; enabled: ${replay.enabled.join(" | ")}`);
  return replay.states[replay.states.length - 1]!;
}

/** A replay that went through, as a trace (steps not found by index, so their indices are -1). */
export function traceOfReplay<S, A>(replay: Extract<Replay<S, A>, { ok: true }>, labels: readonly string[]): Trace<S, A> {
  const [initial, ...rest] = replay.states;
  return { initialIndex: 0, initial: initial!, steps: rest.map((state, i) => ({ actionIndex: -1, action: replay.actions[i]!, label: labels[i]!, state })) };
}
