// Which steps are enabled in a state of the composed model, and the step each
// one takes. The primary-backup protocol's own steps and Raft's own steps are
// listed by their own models; this file adds the glue: pings and queries
// reach one replica (VR-3), and only a leader replica changes the table (VR-2).

import { enabledActions as pbActions, next as pbNext } from "../actions.ts";
import { getViewMessage, hasWorkLeft } from "../client.ts";
import { distinctMessages, inFlight, isCut } from "../network.ts";
import { pingMessage, receiveViewReply } from "../server.ts";
import { clientOf, serverOf } from "../state-helpers.ts";
import type { Action, ClientName, Message, NodeName, ServerName, State, ViewService } from "../types.ts";
import { afterPing, afterSuspicion } from "../view-service.ts";
import { enabledActions as raftActions, next as raftNext } from "../raft/actions.ts";
import type { PbRaftContext } from "./context.ts";
import { change, isLeader, serve, servedTable, suspect, viewReply } from "./replicas.ts";
import { heldTables, newestCommitted } from "./tables.ts";
import type { PbRaftAction, PbRaftState, ToViewService } from "./types.ts";

const toViewService = (m: Message): m is ToViewService => m.kind === "Ping" || m.kind === "GetView";
const between = (a: NodeName) => (m: Message) => (m.from === a && m.to === "VS") || (m.from === "VS" && m.to === a);

/** The steps of the primary-backup model that involve the view service are replaced by the replicas' (VR-2, VR-3). */
function ownPbStep(action: Action): boolean {
  switch (action.kind) {
    case "Deliver":
      return !toViewService(action.message);
    case "Ping":
    case "QueryView":
    case "Suspect":
    case "RestartVS":
      return false;
    default:
      return true;
  }
}

// VR-3: only replicas that believe they lead answer; a follower redirects (Raft's section 8), so the message waits for one.
const answering = (state: PbRaftState) => state.cluster.servers.flatMap((_, i) => (isLeader(state, i) ? [i] : []));

// A reduction, as the primary-backup model's own: a ping whose round trip
// would leave every replica and the server as they are is the same as no
// ping. It matters if an answering replica would change its table or teach
// the server something, or if no replica answers now: then it waits in
// flight for a leader, and what the server learns meanwhile cannot make it
// the same as a ping sent later.
function pingMatters(ctx: PbRaftContext, state: PbRaftState, name: ServerName): boolean {
  const ping = pingMessage(state.pb, name);
  const leaders = answering(state);
  return (
    leaders.length === 0 ||
    leaders.some((i) => {
      if (change(ctx, state, i, (t) => afterPing(ctx.pb, t, name, ping.viewnum)) !== undefined) return true;
      return receiveViewReply(ctx.pb, state.pb, name, viewReply(servedTable(ctx, state, i), name)) !== state.pb;
    })
  );
}

/** Pings and view queries: sent while the primary-backup network has room, one at a time per node, as in the primary-backup model. */
function viewServiceSends(ctx: PbRaftContext, state: PbRaftState): PbRaftAction[] {
  const { pb } = state;
  if (pb.network.length >= (ctx.pb.config.maxInFlight ?? Infinity)) return [];
  const out: PbRaftAction[] = [];
  for (const name of ctx.pb.serverNames) {
    if (serverOf(pb, name).up && !inFlight(pb.network, between(name)) && pingMatters(ctx, state, name)) {
      out.push({ kind: "Pb", action: { kind: "Ping", message: pingMessage(pb, name) } });
    }
  }
  for (const name of ctx.pb.clientNames) {
    const knows = clientOf(pb, name).view.num;
    if (hasWorkLeft(ctx.pb, pb, name) && !inFlight(pb.network, between(name)) && answering(state).some((i) => servedTable(ctx, state, i).view.num > knows)) {
      out.push({ kind: "Pb", action: { kind: "QueryView", message: getViewMessage(name as ClientName) } });
    }
  }
  return out;
}

// VS-6: "faulty" suspicion only of servers that are crashed or cut off from the view service, as in the primary-backup model.
const suspectable = (ctx: PbRaftContext, pb: State, name: ServerName) => ctx.pb.config.suspicion === "any" || !serverOf(pb, name).up || isCut(pb.cuts, name, "VS");

function replicaSteps(ctx: PbRaftContext, state: PbRaftState, withinBounds: boolean): PbRaftAction[] {
  const out: PbRaftAction[] = [];
  const { pb } = state;
  const enabled = (table: ViewService | "beyond" | undefined) => table !== undefined && (table === "beyond") !== withinBounds;
  for (const message of distinctMessages(pb.network)) {
    if (!toViewService(message) || isCut(pb.cuts, message.from, "VS")) continue;
    for (const i of answering(state)) {
      const table = message.kind === "Ping" ? change(ctx, state, i, (t) => afterPing(ctx.pb, t, message.from, message.viewnum)) : undefined;
      if (table === "beyond" ? !withinBounds : withinBounds) out.push({ kind: "Serve", replica: i, message });
    }
  }
  for (const i of answering(state)) {
    for (const server of ctx.pb.serverNames) {
      if (suspectable(ctx, pb, server) && enabled(change(ctx, state, i, (t) => afterSuspicion(ctx.pb, t, server)))) out.push({ kind: "Suspect", replica: i, server });
    }
  }
  return out;
}

export function enabledActions(ctx: PbRaftContext, state: PbRaftState): PbRaftAction[] {
  const pbOwn = pbActions(ctx.pb, state.pb).filter(ownPbStep);
  // Raft's client commands are the view service's own changes here (VR-2).
  const raftOwn = raftActions(ctx.raft, state.cluster).filter((a) => a.kind !== "ClientRequest");
  return [
    ...pbOwn.map((action): PbRaftAction => ({ kind: "Pb", action })),
    ...viewServiceSends(ctx, state),
    ...replicaSteps(ctx, state, true),
    ...raftOwn.map((action): PbRaftAction => ({ kind: "Raft", action })),
  ];
}

/** Steps only a bound keeps from being taken: a table change past the view cap or the log's bound. */
export const beyondBounds = (ctx: PbRaftContext, state: PbRaftState): PbRaftAction[] => replicaSteps(ctx, state, false);

function step(ctx: PbRaftContext, state: PbRaftState, action: PbRaftAction): PbRaftState {
  switch (action.kind) {
    case "Pb":
      return { ...state, pb: pbNext(ctx.pb, state.pb, action.action) };
    case "Raft":
      return { ...state, cluster: raftNext(ctx.raft, state.cluster, action.action) };
    case "Serve":
      return serve(ctx, state, action.replica, action.message);
    case "Suspect":
      return suspect(ctx, state, action.replica, action.server);
  }
}

/** The step; then tables no log or message holds any more are dropped, and `pb.vs` is the newest committed table again (VR-4). */
export function next(ctx: PbRaftContext, state: PbRaftState, action: PbRaftAction): PbRaftState {
  const after = step(ctx, state, action);
  const tables = heldTables(after.tables, after.cluster);
  const vs = newestCommitted(after);
  const pb = vs === after.pb.vs ? after.pb : { ...after.pb, vs };
  return tables === after.tables && pb === after.pb ? after : { ...after, tables, pb };
}
