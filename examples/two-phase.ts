// Two-phase commit as in the TLA+ example TwoPhase.tla (Gray and Lamport): a
// transaction manager and `rmCount` resource managers exchanging messages
// through a set that only grows. Published state counts: 288 with 3 resource
// managers, 8,832 with 5, 296,448 with 7.

import { hashedWords } from "../checker/engine/codec-hash.ts";
import type { ActionSpec, StateCodec } from "../checker/engine/spec.ts";

type RmState = "working" | "prepared" | "committed" | "aborted";

export interface TwoPhaseState {
  readonly rmState: readonly RmState[];
  readonly tmState: "init" | "done";
  readonly tmPrepared: ReadonlySet<number>;
  /** "Prepared:<rm>", "Commit" or "Abort": the set of messages ever sent. */
  readonly msgs: ReadonlySet<string>;
}

export type TwoPhaseAction =
  | { readonly kind: "TMRcvPrepared"; readonly rm: number }
  | { readonly kind: "TMCommit" }
  | { readonly kind: "TMAbort" }
  | { readonly kind: "RMPrepare"; readonly rm: number }
  | { readonly kind: "RMChooseToAbort"; readonly rm: number }
  | { readonly kind: "RMRcvCommitMsg"; readonly rm: number }
  | { readonly kind: "RMRcvAbortMsg"; readonly rm: number };

const withRm = (s: TwoPhaseState, rm: number, value: RmState): readonly RmState[] =>
  s.rmState.map((old, i) => (i === rm ? value : old));

const plus = <T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> => new Set(set).add(item);

const RM_STATES: readonly RmState[] = ["working", "prepared", "committed", "aborted"];

/**
 * A state in 4 × rmCount + 3 bits (one word up to 7 resource managers): each
 * RM's state in two bits, the TM's in one, then one bit per possible member
 * of tmPrepared and of msgs. It keeps a level of TwoPhase-7 in 16 bytes a
 * state instead of about 300.
 */
function twoPhaseCodec(rmCount: number, prepared: readonly string[]): StateCodec<TwoPhaseState> {
  const messages = [...prepared, "Commit", "Abort"];
  const bits = 4 * rmCount + 3;
  const words = Math.ceil(bits / 32);
  // No closures made per call: encoding and decoding run once per state.
  const setBit = (into: Int32Array, at: number, bit: number): void => {
    into[at + (bit >>> 5)]! |= 1 << (bit & 31);
  };
  const bitAt = (from: Int32Array, at: number, bit: number): number => (from[at + (bit >>> 5)]! >>> (bit & 31)) & 1;
  return {
    words,
    encode: (s, into, at) => {
      into.fill(0, at, at + words);
      let bit = 0;
      for (const r of s.rmState) {
        const code = RM_STATES.indexOf(r);
        if (code & 1) setBit(into, at, bit);
        if (code & 2) setBit(into, at, bit + 1);
        bit += 2;
      }
      if (s.tmState === "done") setBit(into, at, bit);
      bit++;
      for (let rm = 0; rm < rmCount; rm++, bit++) if (s.tmPrepared.has(rm)) setBit(into, at, bit);
      for (let m = 0; m < messages.length; m++, bit++) if (s.msgs.has(messages[m]!)) setBit(into, at, bit);
    },
    decode: (from, at) => {
      let bit = 0;
      const rmState = new Array<RmState>(rmCount);
      for (let rm = 0; rm < rmCount; rm++, bit += 2) rmState[rm] = RM_STATES[bitAt(from, at, bit) | (bitAt(from, at, bit + 1) << 1)]!;
      const tmState = bitAt(from, at, bit++) ? "done" : "init";
      const tmPrepared = new Set<number>();
      for (let rm = 0; rm < rmCount; rm++, bit++) if (bitAt(from, at, bit)) tmPrepared.add(rm);
      const msgs = new Set<string>();
      for (let m = 0; m < messages.length; m++, bit++) if (bitAt(from, at, bit)) msgs.add(messages[m]!);
      return { rmState, tmState, tmPrepared, msgs };
    },
  };
}

/**
 * `withCodec: false` leaves states as objects in the frontier, as a spec
 * without a codec. `fair: false` drops the weak fairness of every action
 * (per action and resource manager, as WF_vars(RMPrepare(rm)) and so on).
 */
export function twoPhase(rmCount: number, options: { withCodec?: boolean; fair?: boolean } = {}): ActionSpec<TwoPhaseState, TwoPhaseAction> {
  const rms = [...Array(rmCount).keys()];
  const prepared = rms.map((rm) => `Prepared:${rm}`);

  const actions = (s: TwoPhaseState): TwoPhaseAction[] => {
    const out: TwoPhaseAction[] = [];
    if (s.tmState === "init") {
      for (const rm of rms) if (s.msgs.has(prepared[rm]!)) out.push({ kind: "TMRcvPrepared", rm });
      if (s.tmPrepared.size === rmCount) out.push({ kind: "TMCommit" });
      out.push({ kind: "TMAbort" });
    }
    for (const rm of rms) {
      if (s.rmState[rm] === "working") {
        out.push({ kind: "RMPrepare", rm });
        out.push({ kind: "RMChooseToAbort", rm });
      }
      if (s.msgs.has("Commit")) out.push({ kind: "RMRcvCommitMsg", rm });
      if (s.msgs.has("Abort")) out.push({ kind: "RMRcvAbortMsg", rm });
    }
    return out;
  };

  const next = (s: TwoPhaseState, a: TwoPhaseAction): TwoPhaseState => {
    switch (a.kind) {
      case "TMRcvPrepared":
        return { ...s, tmPrepared: plus(s.tmPrepared, a.rm) };
      case "TMCommit":
        return { ...s, tmState: "done", msgs: plus(s.msgs, "Commit") };
      case "TMAbort":
        return { ...s, tmState: "done", msgs: plus(s.msgs, "Abort") };
      case "RMPrepare":
        return { ...s, rmState: withRm(s, a.rm, "prepared"), msgs: plus(s.msgs, prepared[a.rm]!) };
      case "RMChooseToAbort":
        return { ...s, rmState: withRm(s, a.rm, "aborted") };
      case "RMRcvCommitMsg":
        return { ...s, rmState: withRm(s, a.rm, "committed") };
      case "RMRcvAbortMsg":
        return { ...s, rmState: withRm(s, a.rm, "aborted") };
    }
  };

  return {
    name: `two-phase(${rmCount})`,
    initialStates: () => [
      { rmState: rms.map(() => "working"), tmState: "init", tmPrepared: new Set(), msgs: new Set() },
    ],
    actions,
    next,
    label: (a) => ("rm" in a ? `${a.kind}(rm${a.rm + 1})` : a.kind),
    actionName: (a) => a.kind,
    actionNames: ["TMRcvPrepared", "TMCommit", "TMAbort", "RMPrepare", "RMChooseToAbort", "RMRcvCommitMsg", "RMRcvAbortMsg"],
    invariants: [
      {
        name: "TCConsistent",
        holds: (s) => !(s.rmState.includes("committed") && s.rmState.includes("aborted")),
        explain: (s) => `resource managers disagree: ${s.rmState.join(", ")}`,
      },
    ],
    witnesses: [
      { name: "all committed", reached: (s) => s.rmState.every((r) => r === "committed") },
    ],
    liveness: [{ kind: "eventually", name: "every resource manager commits or aborts", holds: (s) => s.rmState.every((r) => r === "committed" || r === "aborted") }],
    ...(options.fair === false ? {} : { fairness: (a: TwoPhaseAction) => ({ name: "rm" in a ? `${a.kind}(rm${a.rm + 1})` : a.kind, strength: "weak" as const }) }),
    ...(options.withCodec === false ? {} : { codec: hashedWords(twoPhaseCodec(rmCount, prepared)) }),
  };
}
