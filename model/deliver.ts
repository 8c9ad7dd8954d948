// Delivering a message: take it out of the network and hand it to the rule of
// its receiver.

import * as client from "./client.ts";
import type { Context } from "./context.ts";
import { isCut, removeMessage } from "./network.ts";
import * as server from "./server.ts";
import { clientOf, serverOf } from "./state-helpers.ts";
import type { ClientName, Message, ServerName, State } from "./types.ts";
import { afterPing, receiveGetView, receivePing, withinViewCap } from "./view-service.ts";

/** Can this message be delivered now? */
export function deliverable(ctx: Context, state: State, m: Message): boolean {
  if (isCut(state.cuts, m.from, m.to)) return false;
  switch (m.kind) {
    case "Ping":
      return withinViewCap(ctx, afterPing(ctx, state.vs, m.from, m.viewnum));
    case "Request":
      // The primary handles one client request at a time; others wait in the network.
      return !server.isBusy(serverOf(state, m.to));
    default:
      return true;
  }
}

/**
 * A message whose delivery can no longer change anything, now or later: a
 * reply to an operation its client has finished, or a view older than the
 * one its receiver knows (views known only grow; a crash removes the
 * messages on their way to the server anyway).
 */
function isStale(state: State, m: Message): boolean {
  switch (m.kind) {
    case "Reply":
      return m.seq <= clientOf(state, m.to).done;
    case "ViewReply":
      return m.to.startsWith("S")
        ? m.view.num < serverOf(state, m.to as ServerName).view.num
        : m.view.num <= clientOf(state, m.to as ClientName).view.num;
    default:
      return false;
  }
}

/**
 * A reduction, not a rule: a stale message is discarded at once, since
 * delivering it later is the same as never delivering it. Without this, every
 * useless message in flight would multiply the states by its presence.
 *
 * Two checks make a message stale. The bookkeeping above says it can never
 * matter again. And the receiver's own rule, run on it now, ignores it. The
 * second leaves the decision to the rule: a rule changed to accept such a
 * message keeps it in flight, so the reduction cannot hide a broken rule, and
 * the rule's ignoring branch shows in rule coverage.
 */
export function discardStale(ctx: Context, state: State): State {
  const network = state.network.filter((m) => !(isStale(state, m) && ignoredOnDelivery(ctx, state, m)));
  return network.length === state.network.length ? state : { ...state, network };
}

function ignoredOnDelivery(ctx: Context, state: State, m: Message): boolean {
  const without: State = { ...state, network: removeMessage(state.network, m) };
  return receive(ctx, without, m) === without;
}

export function deliver(ctx: Context, state: State, m: Message): State {
  return receive(ctx, { ...state, network: removeMessage(state.network, m) }, m);
}

/** The receiver's rule for a message already taken out of the network. */
function receive(ctx: Context, s: State, m: Message): State {
  switch (m.kind) {
    case "Ping":
      return receivePing(ctx, s, m);
    case "GetView":
      return receiveGetView(s, m);
    case "ViewReply":
      return m.to.startsWith("S")
        ? server.receiveViewReply(ctx, s, m.to as ServerName, m)
        : client.receiveViewReply(s, m.to as ClientName, m);
    case "Request":
      return server.receiveRequest(ctx, s, m.to, m);
    case "Reply":
      return client.receiveReply(ctx, s, m.to, m);
    case "Forward":
      return server.receiveForward(ctx, s, m.to, m);
    case "ForwardReply":
      return server.receiveForwardReply(ctx, s, m.to, m);
    case "Transfer":
      return server.receiveTransfer(ctx, s, m.to, m);
    case "TransferReply":
      return server.receiveTransferReply(ctx, s, m.to, m);
  }
}
