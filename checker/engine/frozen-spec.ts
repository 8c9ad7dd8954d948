// For the models' tests: a spec whose every state is deep-frozen, so that a
// transition that mutates its input throws instead of passing unnoticed.

import type { ActionSpec } from "./spec.ts";

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const field of Object.values(value)) deepFreeze(field);
  }
  return value;
}

/** The same spec, with every state deep-frozen. */
export function frozen<S, A>(spec: ActionSpec<S, A>): ActionSpec<S, A> {
  return { ...spec, initialStates: () => spec.initialStates().map(deepFreeze), next: (state, action) => deepFreeze(spec.next(state, action)) };
}
