// The contract between a specification and the engine. The engine only ever
// sees these functions: it knows nothing about what a state or action means.

export interface Invariant<S> {
  readonly name: string;
  /** Must be true in every reachable state. */
  readonly holds: (state: S) => boolean;
  /** Plain words on why a state breaks the invariant, with the values that break it. */
  readonly explain?: (state: S) => string;
}

export interface Witness<S> {
  readonly name: string;
  /** A "sometimes" property: at least one reachable state must satisfy it. */
  readonly reached: (state: S) => boolean;
}

import type { Fingerprint } from "./fingerprint.ts";
import type { StepInfo } from "./path-costs.ts";
import type { Diagram } from "./diagram-hook.ts";
import type { LivenessParts } from "./liveness/liveness-spec.ts";

/** One step out of a state: the action taken and the state it leads to. */
export interface Step<S, A> {
  readonly action: A;
  readonly state: S;
}

/**
 * The steps out of a state, given as the enabled actions and a function that
 * takes one. Both must be pure, and `actions` must list the same actions in
 * the same order for the same state: traces are stored as indices into this
 * list and rebuilt by replay.
 */
export interface ActionTransitions<S, A> {
  readonly actions: (state: S) => readonly A[];
  /** Pure: must not modify `state` or `action`. */
  readonly next: (state: S, action: A) => S;
  readonly successors?: undefined;
}

/**
 * The steps out of a state, computed together, for specs where that is
 * easier or cheaper than one action at a time. The same rules hold: pure,
 * and the same steps in the same order for the same state.
 */
export interface SuccessorTransitions<S, A> {
  readonly successors: (state: S) => readonly Step<S, A>[];
  readonly actions?: undefined;
  readonly next?: undefined;
}

/**
 * Optional, for large frontiers: a state as a fixed number of 32-bit words,
 * as SPIN stores state vectors. The states waiting in a BFS level are kept
 * encoded and decoded when expanded. `decode(encode(s))` must be the same
 * state as `s`; the engine checks each decoded state's fingerprint.
 */
export interface StateCodec<S> {
  readonly words: number;
  readonly encode: (state: S, into: Int32Array, at: number) => void;
  readonly decode: (from: Int32Array, at: number) => S;
  /**
   * Optional: the state's fingerprint worked out from its encoding, which the
   * search then uses instead of walking the state, as SPIN hashes its state
   * vectors. It must be a function of the state's content, the same in every
   * process (parallel workers compare fingerprints). Trusted under checks:
   * every k-th new state is decoded and compared with the state it came
   * from (every one with `paranoid`), and a difference stops the search as
   * a bug in the codec, never as a result. `hashedWords` (codec-hash.ts)
   * gives one for a codec whose words are the same in every process;
   * `collapseCodec` (collapse-codec.ts) has its own.
   */
  readonly fingerprint?: (state: S) => Fingerprint;
  /**
   * True when the words mean something only in this process (ids into a
   * table, as collapseCodec's): a checkpoint then keeps the states themselves.
   */
  readonly local?: boolean;
}

export interface RuleCoverageHook<S, A> {
  readonly names: readonly string[];
  readonly taken: (state: S, action: A) => readonly string[];
}

export interface SpecParts<S, A> extends LivenessParts<S, A> {
  readonly name: string;
  readonly initialStates: () => readonly S[];
  /**
   * How a person reads the action in a trace, e.g. "S1 → S2 Forward(Put x=1)".
   * `state` is the state the action is taken in, for labels that need it.
   * Labels name steps in trace files, so two actions enabled in one state
   * must have different labels.
   */
  readonly label: (action: A, state: S) => string;
  /** The action's family, used to group coverage, e.g. "Forward". */
  readonly actionName: (action: A, state: S) => string;
  /**
   * Optional: every family `actionName` can return, so coverage can flag
   * those that never fire. Without it, coverage lists the families that fired.
   */
  readonly actionNames?: readonly string[];
  /**
   * Optional, as TLC's state constraint: a state outside it is counted as
   * generated but neither checked, stored nor expanded. A way to bound a spec
   * ("views up to 3") without changing it. A bound removes behaviours: it
   * can hide a bug that needs more, never invent one.
   */
  readonly constraint?: (state: S) => boolean;
  readonly invariants: readonly Invariant<S>[];
  /**
   * Optional: rule coverage. `names` lists every rule branch the spec can
   * report; `taken(state, action)` the branches the step from `state` by
   * `action` took. It is asked right after that very step was computed, so a
   * spec may remember what its last step took instead of computing it again.
   */
  readonly rules?: RuleCoverageHook<S, A>;
  readonly witnesses: readonly Witness<S>[];
  /**
   * Optional: symmetry reduction (symmetry.ts). Images of the state under
   * symmetries of the spec, all in one encoding. A symmetry is a renaming of
   * interchangeable nodes that maps every step to a step and keeps every
   * invariant and witness true or false as it was. The state is stored under
   * the smallest fingerprint among its images, so the images of two states
   * of one class must have the same fingerprints: every symmetry's image
   * does, or those of a choice of symmetries that depends only on the class.
   * Switched off by the option `symmetry: false` (--no-symmetry). With a
   * codec that gives the fingerprints, the images must be states: the codec
   * hashes them.
   */
  readonly symmetries?: (state: S) => Iterable<unknown>;
  /**
   * Optional: the state as a person should read it (names instead of array
   * indices, messages as text). Traces show what changed in this view.
   */
  readonly present?: (state: S) => unknown;
  /** Optional: what a field of the presented state means, and the rule that governs it ("S1.view"), for the page's tooltips. */
  readonly fieldHelp?: (path: string) => string | undefined;
  /**
   * Optional: who acts in an action and whether it is a fault. With it, the
   * checker prefers, among the shortest counterexamples, the one with the
   * fewest faults, then the fewest switches between nodes.
   */
  readonly stepInfo?: (action: A) => StepInfo;
  readonly codec?: StateCodec<S>;
  /**
   * Optional, for random walks (simulate): how likely a walk is to take this
   * step, against the other steps enabled in the same state (1 when left out;
   * 0 never). The model knows which steps matter: fault steps, which are many
   * in a state (a cut per link, a drop per message), should not crowd out the
   * deliveries that move the protocol on. Exhaustive search ignores it.
   */
  readonly weight?: (action: A, state: S) => number;
  /** Optional: how to draw a trace as a sequence diagram. */
  readonly diagram?: Diagram<A, S>;
  /** Optional: a state with no enabled action that is a proper end, not a deadlock. */
  readonly isFinal?: (state: S) => boolean;
  /**
   * Optional: the bounds of the configuration reached in `state`, in words
   * ("1 exchange in flight, the most maxInFlight allows"). A deadlock there
   * then says whether a bound explains it or the protocol itself is stuck.
   */
  readonly boundsReached?: (state: S) => readonly string[];
  /**
   * Optional: why a step taken in `state` changes nothing, in words, for the
   * traces people read ("S1 is crashed, so the message is lost at once").
   */
  readonly whyNoChange?: (action: A, state: S) => string | undefined;
}

/** A spec gives its steps one of two ways; the engine reads both through `steps` (steps.ts). */
export type Spec<S, A> = SpecParts<S, A> & (ActionTransitions<S, A> | SuccessorTransitions<S, A>);

/** A spec written with `actions` and `next`, as the protocol's is. */
export type ActionSpec<S, A> = SpecParts<S, A> & ActionTransitions<S, A>;

/** Any spec, for code that handles specs without looking inside states. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = Spec<any, any>;
