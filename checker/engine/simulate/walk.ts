// One random walk: from an initial state, take random enabled steps (weighted,
// walk-bias.ts) until the walk is as long as its style allows, nothing is
// enabled, or a state breaks an invariant. Every state it is in is checked
// against every invariant, the initial state too, as an exhaustive check
// would. The walk records the index of each step among those the spec lists
// in its state, as the breadth-first search does, so its path replays through
// the spec (engine/trace.ts) into the trace a person reads.

import { fingerprint, type Fingerprint } from "../fingerprint.ts";
import { FingerprintTable } from "../fingerprint-table.ts";
import type { Spec } from "../spec.ts";
import type { Random } from "./random.ts";
import { chooseWeighted, WalkBias, type WalkStyle } from "./walk-bias.ts";

export type WalkEnd =
  /** It took as many steps as its style allows. */
  | "depth"
  /** No step was enabled, or every one weighs 0 or leads back into a state the walk has been in (deadlocks not checked). */
  | "stuck"
  /** Its next step would have left the spec's state constraint. */
  | "constraint"
  | "violation";

export interface WalkResult {
  readonly initialIndex: number;
  readonly actionIndices: readonly number[];
  readonly end: WalkEnd;
  readonly violation?: { readonly property: string; readonly explanation: string };
}

/** What the series running the walk wants to hear of it. */
export interface WalkObserver<S, A> {
  /** The walk is in `state` (whose fingerprint is `fp`), after `path.length` steps (the path so far: read it, do not keep it). */
  visit(state: S, fp: Fingerprint, initialIndex: number, path: readonly number[]): void;
  /** It computed a step of this action family, which took these rule branches (with the spec's rules hook); `moved` unless it led back into a state of the walk (and was not taken). */
  stepped(family: string, rules: readonly string[] | undefined, moved: boolean): void;
}

export interface WalkSettings {
  /** A state with no enabled step that is not final (spec.isFinal) is a violation, "deadlock". */
  readonly checkDeadlock: boolean;
}

const NO_RULES: readonly string[] = [];
/** Slots of the table of states a walk has been in; it grows past three quarters full. */
const WALK_TABLE = 256;

export function walk<S, A>(spec: Spec<S, A>, initials: readonly S[], style: WalkStyle, random: Random, settings: WalkSettings, observer: WalkObserver<S, A>): WalkResult {
  const bias = new WalkBias(spec, style, random);
  const initialIndex = random.int(initials.length);
  const path: number[] = [];
  let state: S = initials[initialIndex]!;
  let weights = new Float64Array(64);
  const been = new FingerprintTable(WALK_TABLE);
  let fp = fingerprint(state);
  been.add(fp.hi, fp.lo);
  const ended = (end: WalkEnd, violation?: WalkResult["violation"]): WalkResult => ({ initialIndex, actionIndices: path, end, ...(violation && { violation }) });

  for (;;) {
    observer.visit(state, fp, initialIndex, path);
    const broken = brokenInvariant(spec, state);
    if (broken !== undefined) return ended("violation", broken);
    if (path.length >= style.depth) return ended("depth");
    const out = spec.successors?.(state);
    const actions = out === undefined ? spec.actions!(state) : out.map((s) => s.action);
    if (actions.length > weights.length) weights = new Float64Array(actions.length * 2);
    for (let i = 0; i < actions.length; i++) weights[i] = bias.weightOf(actions[i]!, state);
    let chosen = chooseWeighted(weights, actions.length, random);
    let successor: S = state;
    // A step back into a state this walk has been in (a request sent over a
    // cut link and lost at once; a client asking a server that turns it away,
    // again and again) shows no invariant anything new, and a walk that took it
    // would go round in circles until its depth runs out. Another step is
    // drawn instead; when every step leads back, the walk is stuck.
    while (chosen >= 0) {
      successor = out === undefined ? spec.next!(state, actions[chosen]!) : out[chosen]!.state;
      fp = successor === state ? fp : fingerprint(successor);
      const moved = successor !== state && been.add(fp.hi, fp.lo);
      // Asked right after the step was computed, as the rules hook's contract says.
      observer.stepped(spec.actionName(actions[chosen]!, state), spec.rules === undefined ? undefined : spec.rules.taken(state, actions[chosen]!) ?? NO_RULES, moved);
      if (moved) break;
      weights[chosen] = 0;
      chosen = chooseWeighted(weights, actions.length, random);
    }
    if (chosen < 0) {
      if (actions.length === 0 && settings.checkDeadlock && !(spec.isFinal?.(state) ?? false)) {
        return ended("violation", { property: "deadlock", explanation: "no action is enabled and the state is not final" });
      }
      return ended("stuck");
    }
    const action = actions[chosen]!;
    if (spec.constraint !== undefined && !spec.constraint(successor)) return ended("constraint");
    bias.stepped(action, path.length);
    path.push(chosen);
    state = successor;
  }
}

function brokenInvariant<S, A>(spec: Spec<S, A>, state: S): WalkResult["violation"] {
  for (const invariant of spec.invariants) {
    if (!invariant.holds(state)) return { property: invariant.name, explanation: invariant.explain?.(state) ?? `${invariant.name} does not hold` };
  }
  return undefined;
}
