// A trace is a path from an initial state, stored as the index of the initial
// state and the index of each action among those enabled at its step. It is
// turned back into states only by replaying the spec, so every trace the
// checker shows has really been produced by the model.

import { sameFingerprint } from "./fingerprint.ts";
import type { Spec } from "./spec.ts";
import { steps } from "./steps.ts";

export interface TraceStep<S, A> {
  readonly actionIndex: number;
  readonly action: A;
  readonly label: string;
  readonly state: S;
}

export interface Trace<S, A> {
  readonly initialIndex: number;
  readonly initial: S;
  readonly steps: readonly TraceStep<S, A>[];
}

export interface Path {
  readonly initialIndex: number;
  readonly actionIndices: readonly number[];
}

export function lastState<S, A>(trace: Trace<S, A>): S {
  return trace.steps.length === 0 ? trace.initial : trace.steps[trace.steps.length - 1]!.state;
}

/**
 * Rebuild the states of a path the checker recorded. A recorded path that
 * does not replay means the spec is not deterministic (its action list or its
 * `next` depends on something besides the state): that is a bug, so throw.
 */
export function replayPath<S, A>(spec: Spec<S, A>, path: Path, expectedLast?: S): Trace<S, A> {
  const initial = spec.initialStates()[path.initialIndex];
  if (initial === undefined) throw new Error(`replay: no initial state ${path.initialIndex}`);
  const taken: TraceStep<S, A>[] = [];
  let state: S = initial;
  for (const [depth, actionIndex] of path.actionIndices.entries()) {
    const step = steps(spec, state)[actionIndex];
    if (step === undefined) {
      throw new Error(
        `replay: step ${depth + 1} chose action #${actionIndex}, which is not enabled on replay. ` +
          "The spec's steps (actions and next, or successors) are not deterministic.",
      );
    }
    const label = spec.label(step.action, state);
    state = step.state;
    taken.push({ actionIndex, action: step.action, label, state });
  }
  if (expectedLast !== undefined && !sameFingerprint(state, expectedLast)) {
    throw new Error("replay: the replayed trace ends in a different state than the search found. The spec is not deterministic.");
  }
  return { initialIndex: path.initialIndex, initial, steps: taken };
}
