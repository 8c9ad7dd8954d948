// The view service as a replicated state machine (spec/pb-raft/rules.md): the
// leader replica applies the view service's rules (VS-2..VS-6) to the table
// its log ends with and appends the result, and answers with the table it
// knows to be committed.

import { answer, send } from "../state-helpers.ts";
import type { ClientName, Message, ServerName, ViewService } from "../types.ts";
import { afterPing, afterSuspicion, withinViewCap } from "../view-service.ts";
import { raiseCommit } from "../raft/servers.ts";
import { clientRequest } from "../raft/replication.ts";
import { discardStale } from "../deliver.ts";
import { removeMessage } from "../network.ts";
import type { PbRaftContext } from "./context.ts";
import { committedTable, latestTable, withTable } from "./tables.ts";
import type { PbRaftState, ToViewService } from "./types.ts";

export const isLeader = (state: PbRaftState, i: number): boolean => {
  const s = state.cluster.servers[i]!;
  return s.up && s.role === "leader";
};

/**
 * The table a leader's change would append, if the configuration lets it:
 * undefined when nothing changes, "beyond" when the view cap or the log's
 * bound keeps the change from being made.
 */
export function change(ctx: PbRaftContext, state: PbRaftState, i: number, decide: (table: ViewService) => ViewService): ViewService | "beyond" | undefined {
  // VR-2: the change starts from the table the leader's log ends with, committed or not.
  const table = ctx.mistake("decide-from-committed") ? committedTable(state, i) : latestTable(state, i);
  const after = decide(table);
  if (after === table) return undefined;
  const full = state.cluster.servers[i]!.log.length >= ctx.config.viewService.maxLog;
  return full || !withinViewCap(ctx.pb, after) ? "beyond" : after;
}

// VR-2: a view change is a new log entry of the leader's term, holding the whole new table.
function append(ctx: PbRaftContext, state: PbRaftState, i: number, table: ViewService): PbRaftState {
  ctx.took("VR-2");
  const s = state.cluster.servers[i]!;
  const index = s.log.length + 1;
  // Raft's LD-2: the command is appended to the leader's log as an entry of its term.
  let cluster = clientRequest(ctx.raft, state.cluster, i);
  // The mistake majority-of-one: the leader takes its own copy for a majority, as a view service with a standby does.
  if (ctx.mistake("majority-of-one")) cluster = raiseCommit(ctx.raft, cluster, i, index);
  return { ...state, cluster, tables: withTable(state.tables, { index, term: s.term, table }) };
}

// VR-3: a leader tells a server or a client the table of its highest committed entry, never a newer one.
export function servedTable(ctx: PbRaftContext, state: PbRaftState, i: number): ViewService {
  if (isLeader(state, i) && ctx.mistake("serve-uncommitted")) return latestTable(state, i);
  return committedTable(state, i);
}

// VS-7 as the replicas keep it: the reply carries the view, and tells a server whether its primary acknowledged it (PB-10).
export const viewReply = (table: ViewService, to: ServerName | ClientName): Extract<Message, { kind: "ViewReply" }> =>
  table.acked && to.startsWith("S") ? { kind: "ViewReply", from: "VS", to, view: table.view, acked: true } : { kind: "ViewReply", from: "VS", to, view: table.view };

// VR-2, VR-3: leader replica i receives a ping or a view query: it decides a ping against its last table, and answers.
export function serve(ctx: PbRaftContext, state: PbRaftState, i: number, m: ToViewService): PbRaftState {
  let next: PbRaftState = { ...state, pb: { ...state.pb, network: removeMessage(state.pb.network, m) } };
  if (!isLeader(state, i)) throw new Error(`serve: ${m.kind} delivered to V${i + 1}, which does not lead`);
  if (m.kind === "Ping") {
    const table = change(ctx, state, i, (t) => afterPing(ctx.pb, t, m.from, m.viewnum));
    if (table === "beyond") throw new Error("serve: a change beyond the configuration's bounds was taken");
    if (table !== undefined) next = append(ctx, next, i, table);
  }
  const leader = next.cluster.servers[i]!;
  ctx.took(leader.commitIndex < leader.log.length ? "VR-3 uncommitted entries held back" : "VR-3");
  const reply = viewReply(servedTable(ctx, next, i), m.from);
  const pb = m.kind === "Ping" ? answer(next.pb, m, reply) : send(next.pb, reply);
  return { ...next, pb: discardStale(ctx.pb, pb) };
}

// VR-2: the leader replica suspects a server (VS-6), and appends the table that follows.
export function suspect(ctx: PbRaftContext, state: PbRaftState, i: number, server: ServerName): PbRaftState {
  const table = change(ctx, state, i, (t) => afterSuspicion(ctx.pb, t, server));
  if (table === undefined || table === "beyond") throw new Error("suspect: a suspicion that changes nothing, or goes beyond the bounds, was taken");
  return append(ctx, state, i, table);
}
