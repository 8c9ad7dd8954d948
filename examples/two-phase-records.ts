// TwoPhase.tla as someone porting it would first write it: the TLA+ layout
// kept as plain data, with no codec. `rmState` is a record from names to
// states (a TLA+ function), `tmPrepared` a sorted array (a set), `msgs` a
// sorted array of records (the set of messages ever sent). It is the bench's
// shape for the engine's generic path: every state is hashed by walking it.
// Same state counts as two-phase.ts: 296,448 with 7 resource managers.

import type { ActionSpec } from "../checker/engine/spec.ts";

type RmState = "working" | "prepared" | "committed" | "aborted";
type Msg = { readonly type: "Prepared"; readonly rm: string } | { readonly type: "Commit" } | { readonly type: "Abort" };

export interface TwoPhaseRecords {
  readonly rmState: Readonly<Record<string, RmState>>;
  readonly tmState: "init" | "done";
  readonly tmPrepared: readonly string[];
  readonly msgs: readonly Msg[];
}

type Action = { readonly kind: string; readonly rm?: string };

const msgText = (m: Msg) => (m.type === "Prepared" ? `Prepared:${m.rm}` : m.type);

/** A sorted array with one more element, as a TLA+ set union. */
function withElement<T>(items: readonly T[], item: T, text: (t: T) => string): readonly T[] {
  const key = text(item);
  if (items.some((i) => text(i) === key)) return items;
  return [...items, item].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

const hasMsg = (s: TwoPhaseRecords, m: Msg) => s.msgs.some((x) => msgText(x) === msgText(m));

export function twoPhaseRecords(rmCount: number): ActionSpec<TwoPhaseRecords, Action> {
  const rms = Array.from({ length: rmCount }, (_, i) => `r${i + 1}`);
  const actions = (s: TwoPhaseRecords): Action[] => {
    const out: Action[] = [];
    if (s.tmState === "init") {
      for (const rm of rms) if (hasMsg(s, { type: "Prepared", rm })) out.push({ kind: "TMRcvPrepared", rm });
      if (s.tmPrepared.length === rmCount) out.push({ kind: "TMCommit" });
      out.push({ kind: "TMAbort" });
    }
    for (const rm of rms) {
      if (s.rmState[rm] === "working") out.push({ kind: "RMPrepare", rm }, { kind: "RMChooseToAbort", rm });
      if (hasMsg(s, { type: "Commit" })) out.push({ kind: "RMRcvCommitMsg", rm });
      if (hasMsg(s, { type: "Abort" })) out.push({ kind: "RMRcvAbortMsg", rm });
    }
    return out;
  };
  const setRm = (s: TwoPhaseRecords, rm: string, value: RmState) => ({ ...s, rmState: { ...s.rmState, [rm]: value } });
  const send = (s: TwoPhaseRecords, m: Msg) => withElement(s.msgs, m, msgText);
  const next = (s: TwoPhaseRecords, a: Action): TwoPhaseRecords => {
    const rm = a.rm!;
    switch (a.kind) {
      case "TMRcvPrepared":
        return { ...s, tmPrepared: withElement(s.tmPrepared, rm, (x) => x) };
      case "TMCommit":
        return { ...s, tmState: "done", msgs: send(s, { type: "Commit" }) };
      case "TMAbort":
        return { ...s, tmState: "done", msgs: send(s, { type: "Abort" }) };
      case "RMPrepare":
        return { ...setRm(s, rm, "prepared"), msgs: send(s, { type: "Prepared", rm }) };
      case "RMRcvCommitMsg":
        return setRm(s, rm, "committed");
      default: // RMChooseToAbort, RMRcvAbortMsg
        return setRm(s, rm, "aborted");
    }
  };
  return {
    name: `two-phase-records(${rmCount})`,
    initialStates: () => [{ rmState: Object.fromEntries(rms.map((rm) => [rm, "working" as RmState])), tmState: "init", tmPrepared: [], msgs: [] }],
    actions,
    next,
    label: (a) => (a.rm === undefined ? a.kind : `${a.kind}(${a.rm})`),
    actionName: (a) => a.kind,
    invariants: [{ name: "TCConsistent", holds: (s) => !(Object.values(s.rmState).includes("committed") && Object.values(s.rmState).includes("aborted")) }],
    witnesses: [],
  };
}
