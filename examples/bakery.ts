// Lamport's bakery algorithm for mutual exclusion, with bounded tickets: a
// benchmark shape whose states are records of per-process arrays and sets,
// like a user's own spec. Each process takes a ticket one more than the
// largest it saw, reading the others one at a time (the set `unchecked`), then
// waits for every process with a smaller (ticket, id) pair. A process whose
// next ticket would pass `maxTicket` waits: the bound that keeps the state
// space finite.

import type { ActionSpec } from "../checker/engine/spec.ts";

type Pc = "ncs" | "choose" | "read" | "take" | "doorway" | "wait-flag" | "wait-ticket" | "cs";

export interface BakeryState {
  readonly pc: readonly Pc[];
  readonly choosing: readonly boolean[];
  readonly ticket: readonly number[];
  /** Per process: the others it has still to read (in "read") or to wait for (in "wait-*"). */
  readonly unchecked: readonly ReadonlySet<number>[];
  /** Per process: the largest ticket read so far. */
  readonly max: readonly number[];
  /** Per process: the one it is waiting for. */
  readonly next: readonly number[];
}

/** Process `p` takes the step at its label `pc`, looking at process `other` where it picks one. */
export interface BakeryAction {
  readonly p: number;
  readonly pc: Pc;
  readonly other: number;
}

const PCS: readonly Pc[] = ["ncs", "choose", "read", "take", "doorway", "wait-flag", "wait-ticket", "cs"];

const set = <T>(xs: readonly T[], i: number, value: T): readonly T[] => xs.map((x, j) => (j === i ? value : x));
const without = (s: ReadonlySet<number>, x: number): ReadonlySet<number> => {
  const copy = new Set(s);
  copy.delete(x);
  return copy;
};

/** `skipTicketWait`: the classic mistake of not waiting for smaller tickets; mutual exclusion fails. */
export function bakery(processes = 3, maxTicket = 3, options: { skipTicketWait?: boolean } = {}): ActionSpec<BakeryState, BakeryAction> {
  const ids = [...Array(processes).keys()];
  const others = (p: number): ReadonlySet<number> => new Set(ids.filter((q) => q !== p));
  const before = (s: BakeryState, p: number, q: number) => s.ticket[p]! < s.ticket[q]! || (s.ticket[p] === s.ticket[q] && p < q);

  const enabled = (s: BakeryState, { p, other }: BakeryAction): boolean => {
    switch (s.pc[p]!) {
      case "read":
      case "wait-flag":
        return s.unchecked[p]!.has(other) && (s.pc[p] === "read" || !s.choosing[other]);
      case "take":
        return s.max[p]! + 1 <= maxTicket;
      case "wait-ticket":
        return options.skipTicketWait === true || s.ticket[s.next[p]!] === 0 || before(s, p, s.next[p]!);
      default:
        return true;
    }
  };

  const next = (s: BakeryState, { p, other }: BakeryAction): BakeryState => {
    const go = (pc: Pc, change: Partial<BakeryState> = {}): BakeryState => ({ ...s, ...change, pc: set(s.pc, p, pc) });
    switch (s.pc[p]!) {
      case "ncs":
        return go("choose");
      case "choose":
        return go("read", { choosing: set(s.choosing, p, true), unchecked: set(s.unchecked, p, others(p)), max: set(s.max, p, 0) });
      case "read": {
        const unchecked = without(s.unchecked[p]!, other);
        const max = set(s.max, p, Math.max(s.max[p]!, s.ticket[other]!));
        return go(unchecked.size === 0 ? "take" : "read", { unchecked: set(s.unchecked, p, unchecked), max });
      }
      case "take":
        return go("doorway", { ticket: set(s.ticket, p, s.max[p]! + 1) });
      case "doorway":
        return go("wait-flag", { choosing: set(s.choosing, p, false), unchecked: set(s.unchecked, p, others(p)), max: set(s.max, p, 0) });
      case "wait-flag":
        return go("wait-ticket", { next: set(s.next, p, other) });
      case "wait-ticket": {
        const unchecked = without(s.unchecked[p]!, s.next[p]!);
        return go(unchecked.size === 0 ? "cs" : "wait-flag", { unchecked: set(s.unchecked, p, unchecked), next: set(s.next, p, 0) });
      }
      case "cs":
        return go("ncs", { ticket: set(s.ticket, p, 0) });
    }
  };

  const candidates = (s: BakeryState): BakeryAction[] =>
    ids.flatMap((p): BakeryAction[] => {
      const pc = s.pc[p]!;
      return pc === "read" || pc === "wait-flag" ? [...s.unchecked[p]!].sort().map((other) => ({ p, pc, other })) : [{ p, pc, other: p }];
    });

  return {
    name: `bakery(${processes} processes, tickets up to ${maxTicket})`,
    initialStates: () => [
      {
        pc: ids.map((): Pc => "ncs"),
        choosing: ids.map(() => false),
        ticket: ids.map(() => 0),
        unchecked: ids.map(() => new Set<number>()),
        max: ids.map(() => 0),
        next: ids.map(() => 0),
      },
    ],
    actions: (s) => candidates(s).filter((a) => enabled(s, a)),
    next,
    label: ({ p, pc, other }) => (pc === "read" || pc === "wait-flag" ? `P${p} ${pc} P${other}` : `P${p} ${pc}`),
    actionName: ({ pc }) => pc,
    actionNames: PCS,
    invariants: [{ name: "mutual exclusion", holds: (s) => s.pc.filter((pc) => pc === "cs").length <= 1 }],
    witnesses: [{ name: "a process entered its critical section", reached: (s) => s.pc.includes("cs") }],
  };
}
