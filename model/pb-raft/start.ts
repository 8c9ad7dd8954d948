// Where a search of the composed model starts: the primary-backup protocol's
// empty start, and the replicas either as Raft starts or just after V1 won
// term 1's election, reached by Raft's own steps.

import { startState } from "../setup.ts";
import { enabledActions, next } from "../raft/actions.ts";
import { makeRaftContext } from "../raft/context.ts";
import { raftStart } from "../raft/raft-spec.ts";
import type { RaftAction, RaftState } from "../raft/types.ts";
import type { PbRaftContext } from "./context.ts";
import type { PbRaftState } from "./types.ts";

/** Raft's steps from its start until V1 leads term 1 with V2's vote, the network empty (V3 has not heard of it yet). */
function v1Elected(ctx: PbRaftContext): RaftState {
  // A context of its own, so that setting up counts for no rule's coverage.
  const raft = makeRaftContext(ctx.config.viewService);
  let state = raftStart(ctx.config.viewService);
  const take = (what: string, matches: (a: RaftAction) => boolean) => {
    const action = enabledActions(raft, state).find(matches);
    if (action === undefined) throw new Error(`start elected: "${what}" is not enabled`);
    state = next(raft, state, action);
  };
  take("V1 times out", (a) => a.kind === "Timeout" && a.server === 0);
  take("V1 asks V2 for its vote", (a) => a.kind === "RequestVote" && a.from === 0 && a.to === 1);
  take("V2 receives the request", (a) => a.kind === "Deliver" && a.message.kind === "RequestVote");
  take("V1 receives the vote", (a) => a.kind === "Deliver" && a.message.kind === "Vote");
  if (state.servers[0]!.role !== "leader" || state.network.length > 0) throw new Error("start elected: V1 is not the leader of term 1");
  return state;
}

export function pbRaftStart(ctx: PbRaftContext): PbRaftState {
  const cluster = ctx.config.start === "elected" ? v1Elected(ctx) : raftStart(ctx.config.viewService);
  return { pb: startState(ctx.pb), cluster, tables: [] };
}
