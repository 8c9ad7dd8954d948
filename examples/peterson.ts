// Peterson's mutual exclusion for two processes, with a liveness property:
// a process that wants the critical section gets there. It does under weak
// fairness of each process's steps, and a process may stay outside forever
// (leaving the non-critical section is never forced). Without fairness, a
// waiting process may simply never be scheduled: the checker shows it.

import type { ActionSpec } from "../checker/engine/spec.ts";

type Pc = "ncs" | "set-turn" | "wait" | "cs";

export interface PetersonState {
  readonly pc: readonly [Pc, Pc];
  readonly flag: readonly [boolean, boolean];
  readonly turn: 0 | 1;
}

export interface PetersonAction {
  readonly p: 0 | 1;
  readonly pc: Pc;
}

const other = (p: 0 | 1): 0 | 1 => (p === 0 ? 1 : 0);
const setAt = <T>(pair: readonly [T, T], p: 0 | 1, value: T): readonly [T, T] => (p === 0 ? [value, pair[1]] : [pair[0], value]);

export function peterson(options: { fair?: boolean } = {}): ActionSpec<PetersonState, PetersonAction> {
  const enabled = (s: PetersonState, p: 0 | 1) => s.pc[p] !== "wait" || !s.flag[other(p)] || s.turn === p;
  return {
    name: `peterson${options.fair === false ? " (no fairness)" : ""}`,
    initialStates: () => [{ pc: ["ncs", "ncs"], flag: [false, false], turn: 0 }],
    actions: (s) => ([0, 1] as const).filter((p) => enabled(s, p)).map((p) => ({ p, pc: s.pc[p] })),
    next: (s, { p }) => {
      switch (s.pc[p]) {
        case "ncs":
          return { ...s, pc: setAt(s.pc, p, "set-turn"), flag: setAt(s.flag, p, true) };
        case "set-turn":
          return { ...s, pc: setAt(s.pc, p, "wait"), turn: other(p) };
        case "wait":
          return { ...s, pc: setAt(s.pc, p, "cs") };
        case "cs":
          return { ...s, pc: setAt(s.pc, p, "ncs"), flag: setAt(s.flag, p, false) };
      }
    },
    label: ({ p, pc }) => `P${p} ${pc === "ncs" ? "wants in" : pc === "set-turn" ? "gives the turn away" : pc === "wait" ? "enters" : "leaves"}`,
    actionName: ({ pc }) => pc,
    invariants: [{ name: "mutual exclusion", holds: (s) => !(s.pc[0] === "cs" && s.pc[1] === "cs") }],
    witnesses: [],
    liveness: [{ kind: "leadsTo", name: "P0 wanting in leads to P0 in", from: (s) => s.pc[0] === "set-turn" || s.pc[0] === "wait", to: (s) => s.pc[0] === "cs" }],
    ...(options.fair === false ? {} : { fairness: ({ p, pc }: PetersonAction) => (pc === "ncs" ? undefined : { name: `P${p}`, strength: "weak" as const }) }),
  };
}
