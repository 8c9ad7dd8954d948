// The actions enabled in a state, always listed in the same order, and the
// transition each one makes.

import { getViewMessage, hasWorkLeft, requestMessage, requestTarget, sendRequest } from "./client.ts";
import type { Context } from "./context.ts";
import { deliver, deliverable, discardStale } from "./deliver.ts";
import { canSpend, crash, cut, drop, duplicate, heal, isolate, restart, restartViewService } from "./faults.ts";
import { distinctMessages, inFlight, isCut, linkName } from "./network.ts";
import { owesTransfer, pingMessage, receiveViewReply, transferMessage } from "./server.ts";
import { clientOf, send, serverOf } from "./state-helpers.ts";
import type { Action, Message, NodeName, ServerName, State } from "./types.ts";
import { afterPing, afterSuspicion, receivePing, suspect, withinViewCap } from "./view-service.ts";

/** Every node, in a fixed order. */
export const allNodes = (ctx: Context): NodeName[] => ["VS", ...ctx.serverNames, ...ctx.clientNames];

/** The links a partition can cut: every pair of nodes except two clients, which never talk. */
export function links(ctx: Context): [NodeName, NodeName][] {
  const nodes = allNodes(ctx);
  const pairs: [NodeName, NodeName][] = [];
  nodes.forEach((a, i) => {
    for (const b of nodes.slice(i + 1)) if (!(a.startsWith("C") && b.startsWith("C"))) pairs.push([a, b]);
  });
  return pairs;
}

/** The names of the links that isolating `node` cuts. */
const linksOf = (ctx: Context, node: NodeName): string[] =>
  links(ctx)
    .filter(([a, b]) => a === node || b === node)
    .map(([a, b]) => linkName(a, b));

const between = (a: NodeName, b: NodeName) => (m: Message) => (m.from === a && m.to === b) || (m.from === b && m.to === a);

// A reduction, not a rule: a ping whose round trip would leave the view
// service and the server exactly as they are is the same as no ping, so it is
// not explored (sending it later, once it matters, covers every interleaving
// it could be part of). The same holds for a client asking for a view it has.
function pingMatters(ctx: Context, state: State, name: ServerName): boolean {
  const ping = pingMessage(state, name);
  const vs = afterPing(ctx, state.vs, name, ping.viewnum);
  if (vs !== state.vs) return true;
  const reply = receivePing(ctx, { ...state, network: [] }, ping).network[0];
  return reply?.kind === "ViewReply" && receiveViewReply(ctx, state, name, reply) !== state;
}

// VS-6: "faulty" suspicion only of servers that are crashed or cut off from the view service.
function suspectable(ctx: Context, state: State, name: ServerName): boolean {
  return ctx.config.suspicion === "any" || !serverOf(state, name).up || isCut(state.cuts, name, "VS");
}

/**
 * The steps only the view cap (maxView) keeps from being taken: a ping whose
 * delivery, or a suspicion whose verdict, would open a view past it. The
 * liveness check counts them as enabled, so a run that stops at the cap is
 * not taken for the protocol getting stuck.
 */
export function beyondViewCap(ctx: Context, state: State): Action[] {
  const out: Action[] = [];
  for (const message of distinctMessages(state.network)) {
    if (message.kind !== "Ping" || isCut(state.cuts, message.from, message.to)) continue;
    if (!withinViewCap(ctx, afterPing(ctx, state.vs, message.from, message.viewnum))) out.push({ kind: "Deliver", message });
  }
  for (const name of ctx.serverNames) {
    if (!suspectable(ctx, state, name)) continue;
    const after = afterSuspicion(ctx, state.vs, name);
    if (after !== state.vs && !withinViewCap(ctx, after)) out.push({ kind: "Suspect", server: name });
  }
  return out;
}

/**
 * The steps that start an exchange: pings, transfers, view queries and
 * requests. Each may start only while the network is below its bound
 * (maxInFlight).
 */
function sends(ctx: Context, state: State): Action[] {
  const actions: Action[] = [];
  const { network } = state;
  for (const name of ctx.serverNames) {
    const s = serverOf(state, name);
    if (!s.up) continue;
    // Pings are RPCs: one at a time; a lost one is resent (timeouts abstracted).
    if (!inFlight(network, between(name, "VS")) && pingMatters(ctx, state, name)) actions.push({ kind: "Ping", message: pingMessage(state, name) });
    const transferring = (m: Message) => (m.kind === "Transfer" || m.kind === "TransferReply") && between(name, s.view.backup as NodeName)(m);
    if (owesTransfer(ctx, s, name) && !inFlight(network, transferring)) actions.push({ kind: "SendTransfer", message: transferMessage(state, name) });
  }
  for (const name of ctx.clientNames) {
    if (!hasWorkLeft(ctx, state, name)) continue;
    if (!inFlight(network, between(name, "VS")) && state.vs.view.num > clientOf(state, name).view.num) {
      actions.push({ kind: "QueryView", message: getViewMessage(name) });
    }
    // CL-2: send or resend when no request for the current operation is in flight and no reply is on its way back.
    // A copy of an older operation's request does not hold the client back: it cannot know the copy is there.
    const current = clientOf(state, name).done + 1;
    const outstanding = (m: Message) => (m.kind === "Request" && m.from === name && m.seq === current) || (m.kind === "Reply" && m.to === name);
    if (requestTarget(ctx, state, name) !== "" && !inFlight(network, outstanding)) actions.push({ kind: "SendRequest", message: requestMessage(ctx, state, name) });
  }
  return actions;
}

const roomToSend = (ctx: Context, state: State) => state.network.length < (ctx.config.maxInFlight ?? Infinity);

/**
 * The steps only a bound of the configuration keeps from being taken: past
 * the view cap (beyondViewCap), or an exchange the full network holds back
 * (maxInFlight). The liveness check counts them as enabled, so a run that
 * stops only because of a bound is not taken for the protocol getting stuck.
 */
export function beyondBounds(ctx: Context, state: State): Action[] {
  const capped = beyondViewCap(ctx, state);
  return roomToSend(ctx, state) ? capped : [...capped, ...sends(ctx, state)];
}

export function enabledActions(ctx: Context, state: State): Action[] {
  const actions: Action[] = [];
  const { network, budgets } = state;
  for (const message of distinctMessages(network)) {
    if (deliverable(ctx, state, message)) actions.push({ kind: "Deliver", message });
  }
  if (roomToSend(ctx, state)) actions.push(...sends(ctx, state));
  for (const name of ctx.serverNames) {
    if (!suspectable(ctx, state, name)) continue;
    const after = afterSuspicion(ctx, state.vs, name);
    if (after !== state.vs && withinViewCap(ctx, after)) actions.push({ kind: "Suspect", server: name });
  }
  for (const name of ctx.serverNames) {
    const { up } = serverOf(state, name);
    if (up && canSpend(budgets, "crashes")) actions.push({ kind: "Crash", server: name });
    if (!up && canSpend(budgets, "restarts")) actions.push({ kind: "Restart", server: name });
  }
  if (ctx.bug("vs-amnesia") && canSpend(budgets, "crashes")) actions.push({ kind: "RestartVS" });
  if (canSpend(budgets, "partitions")) {
    const allowed = (entry: string) => ctx.config.partitionable?.includes(entry) ?? true;
    for (const [a, b] of links(ctx)) {
      const link = linkName(a, b);
      if (allowed(link) && !state.cuts.includes(link)) actions.push({ kind: "Cut", a, b });
    }
    for (const node of allNodes(ctx)) {
      if (allowed(node) && linksOf(ctx, node).some((link) => !state.cuts.includes(link))) actions.push({ kind: "Isolate", node });
    }
  }
  if (canSpend(budgets, "heals") && state.cuts.length > 0) actions.push({ kind: "Heal" });
  for (const message of distinctMessages(network)) {
    if (canSpend(budgets, "drops")) actions.push({ kind: "Drop", message });
    if (canSpend(budgets, "duplicates")) actions.push({ kind: "Duplicate", message });
  }
  return actions;
}

export function next(ctx: Context, state: State, action: Action): State {
  return discardStale(ctx, step(ctx, state, action));
}

function step(ctx: Context, state: State, action: Action): State {
  switch (action.kind) {
    case "Deliver":
      return deliver(ctx, state, action.message);
    case "Ping":
    case "SendTransfer":
    case "QueryView":
      return send(state, action.message);
    case "SendRequest":
      return sendRequest(state, action.message);
    case "Suspect":
      return suspect(ctx, state, action.server);
    case "Crash":
      return crash(ctx, state, action.server);
    case "Restart":
      return restart(state, action.server);
    case "RestartVS":
      return restartViewService(state);
    case "Cut":
      return cut(state, action.a, action.b);
    case "Isolate":
      return isolate(state, linksOf(ctx, action.node));
    case "Heal":
      return heal(state);
    case "Drop":
      return drop(state, action.message);
    case "Duplicate":
      return duplicate(state, action.message);
  }
}
