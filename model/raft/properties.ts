// Figure 3 of the paper as invariants over states, and the witnesses that
// show the search got somewhere (spec/raft/properties.md). Leader
// Append-Only is a property of steps: the step itself records a breach in
// the history (actions.ts), and the invariant reads it.

import type { Invariant, Witness } from "../../checker/engine/spec.ts";
import type { RaftConfig } from "./config.ts";
import { serverName, type RaftState } from "./types.ts";
import type { RaftWitnessName } from "./witness-names.ts";

const leaderRecords = (state: RaftState) => state.history.leaders.map((r) => r.split(":").map(Number) as [number, number]);

function twoLeadersOfOneTerm(state: RaftState): [number, number, number] | undefined {
  const records = leaderRecords(state);
  for (const [term, a] of records) {
    const other = records.find(([t, b]) => t === term && b !== a);
    if (other !== undefined) return [term, a, other[1]];
  }
  return undefined;
}

/** Two logs that share an entry (index and term) but differ before it. */
function unmatchedLogs(state: RaftState): string | undefined {
  const { servers } = state;
  for (let a = 0; a < servers.length; a++) {
    for (let b = a + 1; b < servers.length; b++) {
      const x = servers[a]!.log;
      const y = servers[b]!.log;
      for (let k = Math.min(x.length, y.length) - 1; k >= 0; k--) {
        if (x[k] !== y[k]) continue;
        const differs = x.slice(0, k).findIndex((e, j) => e !== y[j]);
        if (differs >= 0) return `${serverName(a)} and ${serverName(b)} both hold an entry of term ${x[k]} at index ${k + 1}, but differ at index ${differs + 1}`;
      }
    }
  }
  return undefined;
}

/** A leader of a later term that lacks an entry committed in an earlier one. */
function incompleteLeader(state: RaftState): string | undefined {
  for (const [i, s] of state.servers.entries()) {
    if (!s.up || s.role !== "leader") continue;
    for (const [k, c] of state.history.committed.entries()) {
      if (c.inTerm < s.term && s.log[k] !== c.entry) {
        return `${serverName(i)} leads term ${s.term}, but lacks the entry of term ${c.entry} committed at index ${k + 1} in term ${c.inTerm} (its log: [${s.log.join(", ")}])`;
      }
    }
  }
  return undefined;
}

/** A server that has applied an entry where another entry was applied before. */
function divergentApply(state: RaftState): string | undefined {
  for (const [i, s] of state.servers.entries()) {
    for (let k = 0; k < s.commitIndex && k < s.log.length; k++) {
      const first = state.history.applied[k];
      if (first !== undefined && s.log[k] !== first) return `${serverName(i)} applied the entry of term ${s.log[k]} at index ${k + 1}, where an entry of term ${first} was applied before`;
    }
  }
  return undefined;
}

export function raftInvariants(): Invariant<RaftState>[] {
  return [
    {
      name: "ES Election Safety: at most one leader in a term",
      holds: (state) => twoLeadersOfOneTerm(state) === undefined,
      explain: (state) => {
        const [term, a, b] = twoLeadersOfOneTerm(state)!;
        return `${serverName(a)} and ${serverName(b)} both became leader of term ${term}`;
      },
    },
    {
      name: "LAO Leader Append-Only: a leader never overwrites or deletes entries in its log",
      holds: (state) => !state.history.leaderLogShrank,
      explain: () => "a step changed or removed an entry of a leader's log while it led",
    },
    { name: "LM Log Matching: logs with an entry of the same index and term are identical up to it", holds: (state) => unmatchedLogs(state) === undefined, explain: (state) => unmatchedLogs(state)! },
    {
      name: "LC Leader Completeness: a leader holds every entry committed in an earlier term",
      holds: (state) => incompleteLeader(state) === undefined,
      explain: (state) => incompleteLeader(state)!,
    },
    {
      name: "SMS State Machine Safety: no two servers apply different entries at one index",
      holds: (state) => divergentApply(state) === undefined,
      explain: (state) => divergentApply(state)!,
    },
  ];
}

export function raftWitnesses(config: RaftConfig): Witness<RaftState>[] {
  const all: (Witness<RaftState> & { name: RaftWitnessName })[] = [
    { name: "a leader was elected", reached: (state) => state.servers.some((s) => s.role === "leader") },
    { name: "an entry was committed", reached: (state) => state.history.committed.length > 0 },
    {
      name: "a leader was replaced after it crashed",
      reached: (state) =>
        leaderRecords(state).some(([term, old]) => !state.servers[old]!.up && state.servers.some((s, i) => i !== old && s.up && s.role === "leader" && s.term > term)),
    },
    { name: "a conflicting entry was truncated", reached: (state) => state.history.truncated },
  ];
  return all.filter((w) => !config.omitWitnesses.includes(w.name));
}
