// The `rules` hook as a spec builds it: the model reports each rule branch it
// takes through `observe` while it steps, and the hook answers, for the step
// the engine just took, what it reported. The engine asks right after each
// step, so the last step's report is kept; any other step is taken again.

import type { RuleCoverageHook } from "./spec.ts";

export interface ObservedSteps<S, A> {
  /** Where the model's context reports a branch taken ("AE-3") or a variant's code run. */
  readonly observe: (what: string) => void;
  /** The spec's `next`, and its `rules` hook over `names`, for a step function that reports through `observe`. */
  readonly around: (step: (state: S, action: A) => S, names: readonly string[]) => { readonly next: (state: S, action: A) => S; readonly rules: RuleCoverageHook<S, A> };
}

export function observedSteps<S, A>(): ObservedSteps<S, A> {
  const taken: string[] = [];
  return {
    observe: (what) => taken.push(what),
    around: (step, names) => {
      let last: { state: S; action: A } | undefined;
      const next = (state: S, action: A): S => {
        taken.length = 0;
        last = { state, action };
        return step(state, action);
      };
      const rules: RuleCoverageHook<S, A> = {
        names,
        taken: (state, action) => {
          if (last?.state !== state || last.action !== action) next(state, action);
          return taken;
        },
      };
      return { next, rules };
    },
  };
}
