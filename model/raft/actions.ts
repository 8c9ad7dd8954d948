// Which steps are enabled in a state, and the step each one takes: the one
// place that dispatches on an action's kind. Bounds of the configuration
// (maxTerm, maxLog, maxInFlight) switch steps off; liveness counts those as
// enabled (beyondBounds) so that a bound never looks like a stuck protocol.

import type { RaftContext } from "./context.ts";
import { canTimeOut, receiveRequestVote, receiveVote, requestVoteMessage, timeout } from "./election.ts";
import { cut, drop, faultActions, heal, spendDuplicate } from "./faults.ts";
import { isCut, send, without } from "./network.ts";
import { appendEntriesMessage, clientRequest, receiveAppended, receiveAppendEntries } from "./replication.ts";
import { crash, restart } from "./servers.ts";
import { countTermsFromOldest } from "./term-window.ts";
import type { Message, RaftAction, RaftState } from "./types.ts";

function requests(ctx: RaftContext, state: RaftState): RaftAction[] {
  const actions: RaftAction[] = [];
  for (let from = 0; from < ctx.n; from++) {
    for (let to = 0; to < ctx.n; to++) {
      if (requestVoteMessage(state, from, to) !== undefined) actions.push({ kind: "RequestVote", from, to });
      if (appendEntriesMessage(state, from, to) !== undefined) actions.push({ kind: "AppendEntries", from, to });
      if (appendEntriesMessage(state, from, to, true) !== undefined) actions.push({ kind: "Heartbeat", from, to });
    }
  }
  return actions;
}

const roomToSend = (ctx: RaftContext, state: RaftState) => ctx.config.maxInFlight === undefined || state.network.length < ctx.config.maxInFlight;
const belowMaxTerm = (ctx: RaftContext, state: RaftState, i: number) => state.servers[i]!.term < ctx.config.maxTerm;

function timeouts(ctx: RaftContext, state: RaftState, withinBound: boolean): RaftAction[] {
  return state.servers.flatMap((_, i) => (canTimeOut(ctx, state, i) && belowMaxTerm(ctx, state, i) === withinBound ? [{ kind: "Timeout" as const, server: i }] : []));
}

const canAppend = (ctx: RaftContext, state: RaftState, i: number) => state.servers[i]!.up && state.servers[i]!.role === "leader";

export function enabledActions(ctx: RaftContext, state: RaftState): RaftAction[] {
  const actions: RaftAction[] = state.network.map((message) => ({ kind: "Deliver", message }));
  actions.push(...timeouts(ctx, state, true));
  if (roomToSend(ctx, state)) actions.push(...requests(ctx, state));
  state.servers.forEach((s, i) => {
    if (canAppend(ctx, state, i) && s.log.length < ctx.config.maxLog) actions.push({ kind: "ClientRequest", server: i });
  });
  actions.push(...faultActions(ctx, state));
  return actions;
}

/** Steps only a bound of the configuration keeps from being taken. */
export function beyondBounds(ctx: RaftContext, state: RaftState): RaftAction[] {
  return [...timeouts(ctx, state, false), ...(roomToSend(ctx, state) ? [] : requests(ctx, state))];
}

// FL-1: every server answers the requests it receives, whatever its role.
function deliver(ctx: RaftContext, state: RaftState, m: Message): RaftState {
  const to = state.servers[m.to]!;
  // NW-1: a message to a crashed server, or across a cut link, is lost.
  if (!to.up || isCut(state, m.from, m.to)) {
    ctx.took("NW-1");
    return state;
  }
  switch (m.kind) {
    case "RequestVote":
      return receiveRequestVote(ctx, state, m);
    case "Vote":
      return receiveVote(ctx, state, m);
    case "AppendEntries":
      return receiveAppendEntries(ctx, state, m);
    case "Appended":
      return receiveAppended(ctx, state, m);
  }
}

function step(ctx: RaftContext, state: RaftState, action: RaftAction): RaftState {
  switch (action.kind) {
    case "Timeout":
      return timeout(ctx, state, action.server);
    case "RequestVote":
      ctx.took("CA-1 request");
      return send(state, requestVoteMessage(state, action.from, action.to)!);
    case "AppendEntries":
      ctx.took("LD-1");
      return send(state, appendEntriesMessage(state, action.from, action.to)!);
    case "Heartbeat":
      ctx.took("LD-1 heartbeat");
      return send(state, appendEntriesMessage(state, action.from, action.to, true)!);
    case "ClientRequest":
      return clientRequest(ctx, state, action.server);
    case "Deliver":
      return deliver(ctx, without(state, action.message), action.message);
    case "Crash":
      return crash(ctx, state, action.server);
    case "Restart":
      return restart(ctx, state, action.server);
    case "Cut":
      return cut(state, action.a, action.b);
    case "Heal":
      return heal(state);
    case "Drop":
      return drop(state, action.message);
    case "Duplicate":
      return deliver(ctx, spendDuplicate(state), action.message);
  }
}

/** The step, with the monitor that turns Leader Append-Only, a property of steps, into a history variable. */
export function next(ctx: RaftContext, state: RaftState, action: RaftAction): RaftState {
  const after = step(ctx, state, action);
  const shrank = state.servers.some((s, i) => {
    const t = after.servers[i]!;
    return s.role === "leader" && t.role === "leader" && s.term === t.term && !s.log.every((entry, k) => t.log[k] === entry);
  });
  const monitored = shrank && !after.history.leaderLogShrank ? { ...after, history: { ...after.history, leaderLogShrank: true } } : after;
  return countTermsFromOldest(ctx, monitored);
}
