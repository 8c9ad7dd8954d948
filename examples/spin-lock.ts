// A test-and-set lock shared by two processes: the textbook case where weak
// fairness is not enough. While P1 takes and frees the lock again and again,
// P0's "take the lock" is enabled only while the lock is free: enabled again
// and again, never all the time, so weak fairness lets P0 starve. Strong
// fairness (enabled again and again, so eventually taken) does not.

import type { ActionSpec } from "../checker/engine/spec.ts";

type Pc = "idle" | "spinning" | "holding";

export interface SpinLockState {
  readonly pc: readonly [Pc, Pc];
  readonly locked: boolean;
}

export interface SpinLockAction {
  readonly p: 0 | 1;
  readonly pc: Pc;
}

const setAt = <T>(pair: readonly [T, T], p: 0 | 1, value: T): readonly [T, T] => (p === 0 ? [value, pair[1]] : [pair[0], value]);

export function spinLock(strength: "weak" | "strong"): ActionSpec<SpinLockState, SpinLockAction> {
  return {
    name: `spin-lock (${strength} fairness)`,
    initialStates: () => [{ pc: ["idle", "idle"], locked: false }],
    actions: (s) => ([0, 1] as const).filter((p) => s.pc[p] !== "spinning" || !s.locked).map((p) => ({ p, pc: s.pc[p] })),
    next: (s, { p }) => {
      switch (s.pc[p]) {
        case "idle":
          return { ...s, pc: setAt(s.pc, p, "spinning") };
        case "spinning":
          return { pc: setAt(s.pc, p, "holding"), locked: true };
        case "holding":
          return { pc: setAt(s.pc, p, "idle"), locked: false };
      }
    },
    label: ({ p, pc }) => `P${p} ${pc === "idle" ? "wants the lock" : pc === "spinning" ? "takes the lock" : "frees the lock"}`,
    actionName: ({ pc }) => pc,
    invariants: [{ name: "mutual exclusion", holds: (s) => !(s.pc[0] === "holding" && s.pc[1] === "holding") }],
    witnesses: [],
    liveness: [{ kind: "leadsTo", name: "P0 spinning leads to P0 holding", from: (s) => s.pc[0] === "spinning", to: (s) => s.pc[0] === "holding" }],
    // Wanting the lock is a choice, never forced; taking and freeing it are fair.
    fairness: ({ p, pc }) => (pc === "idle" ? undefined : { name: `P${p} ${pc}`, strength }),
  };
}
