// What Raft promises over whole runs, and the fairness it rests on
// (spec/raft/properties.md). Servers keep sending what they have to send and
// the network delivers what it holds; a server whose timer can fire does so
// in the end. Clients and faults are never forced.

import type { FairnessClass, LivenessProperty } from "../../checker/engine/liveness/liveness-spec.ts";
import { messageKey } from "./network.ts";
import { serverName, type RaftAction, type RaftState } from "./types.ts";

const weak = (name: string): FairnessClass => ({ name, strength: "weak" });
const strong = (name: string): FairnessClass => ({ name, strength: "strong" });

export function raftFairness(action: RaftAction): FairnessClass | undefined {
  switch (action.kind) {
    case "Deliver":
      return weak(`deliver ${messageKey(action.message)}`);
    // Strong: a send waits for room in the network (maxInFlight) and for its last copy to be delivered, so it can be switched off and on forever.
    case "RequestVote":
      return strong(`${serverName(action.from)} asks ${serverName(action.to)} for its vote`);
    case "AppendEntries":
      return strong(`${serverName(action.from)} sends AppendEntries to ${serverName(action.to)}`);
    case "Heartbeat":
      return strong(`${serverName(action.from)} sends heartbeats to ${serverName(action.to)}`);
    case "Timeout":
      return weak(`${serverName(action.server)} times out`);
    case "ClientRequest":
    case "Crash":
    case "Restart":
    case "Cut":
    case "Heal":
    case "Drop":
    case "Duplicate":
      return undefined;
  }
}

export const raftLiveness: readonly LivenessProperty<RaftState>[] = [
  { kind: "eventually", name: "EL-1 a leader is elected", holds: (state) => state.servers.some((s) => s.up && s.role === "leader") },
];

/** Liveness failures the catalog keeps, each with the configuration that shows it. */
export const RAFT_EXPECTED_LIVENESS_FAILURES = [
  {
    name: "split-votes",
    summary:
      "With timeouts that may fire at any moment, every server can stand for election at once, vote for itself, and time out again before anyone wins: terms climb forever and no leader is ever elected. Randomized timeouts are Raft's answer: the configuration election-randomized elects a leader in every fair run.",
    config: "election-liveness",
    fails: "EL-1",
  },
] as const;
