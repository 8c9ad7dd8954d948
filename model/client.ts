// A client (the clerk): runs its script one operation at a time, asking the
// view service where the primary is and retrying until it gets an answer.

import { taking, type Context } from "./context.ts";
import { recordCompletion, recordInvocation } from "./history.ts";
import { clientIndex, clientOf, send, withClient } from "./state-helpers.ts";
import type { Client, ClientName, Message, ServerName, State } from "./types.ts";
import { NO_VIEW } from "./types.ts";

type Msg<K extends Message["kind"]> = Extract<Message, { kind: K }>;

export const INITIAL_CLIENT: Client = { done: 0, view: NO_VIEW };

export function hasWorkLeft(ctx: Context, state: State, name: ClientName): boolean {
  return clientOf(state, name).done < ctx.scripts[clientIndex(name)]!.length;
}

export function currentOperation(ctx: Context, state: State, name: ClientName) {
  return ctx.scripts[clientIndex(name)]![clientOf(state, name).done]!;
}

// CL-2: ask the view service for the current view.
export function getViewMessage(name: ClientName): Msg<"GetView"> {
  return { kind: "GetView", from: name, to: "VS" };
}

// CL-2: cache the newest view heard of.
export function receiveViewReply(state: State, name: ClientName, m: Msg<"ViewReply">): State {
  const c = clientOf(state, name);
  return m.view.num > c.view.num ? withClient(state, name, { ...c, view: m.view }) : state;
}

/** CL-2: where the client sends its current operation: the primary of its cached view. */
export function requestTarget(ctx: Context, state: State, name: ClientName): ServerName | "" {
  const { view } = clientOf(state, name);
  if (ctx.bug("read-from-backup") && currentOperation(ctx, state, name).kind === "Get" && view.backup !== "") return view.backup;
  return view.primary;
}

// CL-1, CL-2: the current operation, sent (or resent) with the same sequence number.
export function requestMessage(ctx: Context, state: State, name: ClientName): Msg<"Request"> {
  const to = requestTarget(ctx, state, name) as ServerName;
  return { kind: "Request", from: name, to, seq: clientOf(state, name).done + 1, op: currentOperation(ctx, state, name) };
}

export function sendRequest(state: State, request: Msg<"Request">): State {
  return send(recordInvocation(state, request.from), request);
}

// CL-1: a success for the current operation completes it; anything else is dropped.
export function receiveReply(ctx: Context, state: State, name: ClientName, m: Msg<"Reply">): State {
  const c = clientOf(state, name);
  if (m.seq !== c.done + 1 || !m.reply.ok) return taking(ctx, "CL-1 a stale or failed reply is dropped", state);
  ctx.took("CL-1 a reply completes the operation");
  const recorded = recordCompletion(state, name, m.reply.value);
  return withClient(recorded, name, { ...c, done: c.done + 1 });
}
