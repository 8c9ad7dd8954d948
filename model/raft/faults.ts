// The faults a run may suffer, each within its budget (spec/raft/rules.md,
// PS-1 and NW-1..NW-4): they are never forced, only allowed.

import type { RaftContext } from "./context.ts";
import { linkKey, without } from "./network.ts";
import type { Message, RaftAction, RaftState } from "./types.ts";

export function faultActions(ctx: RaftContext, state: RaftState): RaftAction[] {
  const actions: RaftAction[] = [];
  const left = state.faultsLeft;
  state.servers.forEach((s, i) => {
    if (s.up && left.crashes > 0) actions.push({ kind: "Crash", server: i });
    if (!s.up && left.restarts > 0) actions.push({ kind: "Restart", server: i });
  });
  if (left.partitions > 0) {
    for (let a = 0; a < ctx.n; a++) for (let b = a + 1; b < ctx.n; b++) if (!state.cuts.includes(linkKey(a, b))) actions.push({ kind: "Cut", a, b });
  }
  if (left.heals > 0 && state.cuts.length > 0) actions.push({ kind: "Heal" });
  for (const message of state.network) {
    if (left.drops > 0) actions.push({ kind: "Drop", message });
    if (left.duplicates > 0) actions.push({ kind: "Duplicate", message });
  }
  return actions;
}

// NW-2: a cut link loses what is sent across it, until a heal.
export function cut(state: RaftState, a: number, b: number): RaftState {
  return { ...state, cuts: [...state.cuts, linkKey(a, b)].sort(), faultsLeft: { ...state.faultsLeft, partitions: state.faultsLeft.partitions - 1 } };
}

export function heal(state: RaftState): RaftState {
  return { ...state, cuts: [], faultsLeft: { ...state.faultsLeft, heals: state.faultsLeft.heals - 1 } };
}

// NW-3: the network may lose a message.
export function drop(state: RaftState, m: Message): RaftState {
  return { ...without(state, m), faultsLeft: { ...state.faultsLeft, drops: state.faultsLeft.drops - 1 } };
}

/** NW-4: a duplicate is a copy delivered now while the message stays in flight, to be delivered again later. */
export function spendDuplicate(state: RaftState): RaftState {
  return { ...state, faultsLeft: { ...state.faultsLeft, duplicates: state.faultsLeft.duplicates - 1 } };
}
