// What a spec says about liveness: properties over infinite runs, and the
// fairness that rules out runs where the system simply stops trying.
//
// A run is infinite. A state where nothing fair is enabled may repeat forever
// (a stutter, as in TLA+): that is how a run "gets stuck". Fairness is
// declared per class of actions, as TLA+'s WF_vars(A) and SF_vars(A):
//   weak:   if the class stays enabled from some point on, it is taken again and again;
//   strong: if the class is enabled again and again, it is taken again and again.
// Actions in no class (faults) are never forced: a run may skip them forever.

/** The fairness class of an action: actions with one name share one condition (e.g. "deliver C1 → S1 Request(#1)"). */
export interface FairnessClass {
  readonly name: string;
  readonly strength: "weak" | "strong";
}

export type LivenessProperty<S> =
  /** From every initial state, every fair run reaches a state where `holds` is true. */
  | { readonly kind: "eventually"; readonly name: string; readonly holds: (state: S) => boolean }
  /** Whenever `from` holds, `to` holds then or later (TLA+'s `from ~> to`). */
  | { readonly kind: "leadsTo"; readonly name: string; readonly from: (state: S) => boolean; readonly to: (state: S) => boolean }
  /** Every fair run has `holds` true again and again, forever. */
  | { readonly kind: "alwaysEventually"; readonly name: string; readonly holds: (state: S) => boolean };

export interface LivenessParts<S, A> {
  /** Optional: properties of infinite runs, checked by `checkLiveness`. */
  readonly liveness?: readonly LivenessProperty<S>[];
  /** Optional: the fairness class of an action taken in `state`, if any. Without it, no action is forced, so any state may be where a run stops. */
  readonly fairness?: (action: A, state: S) => FairnessClass | undefined;
  /**
   * Optional: the actions a bound of the configuration keeps from being
   * taken in `state` (a view past maxView, say). For fairness they count as
   * enabled, and they are never taken: a run that stops only because the
   * bound stops it is then unfair, not a counterexample. (TLC's state
   * constraints raise the same question; this is the answer that never
   * blames the protocol for the bound.)
   */
  readonly beyondBounds?: (state: S) => readonly A[];
}
