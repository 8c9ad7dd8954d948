// Where a search starts. "empty" is the real beginning: no views, nothing in
// flight. "stable-view" is the state after a fixed, fault-free start-up (view
// 2 acknowledged, S1 primary, S2 backup holding S1's state, other servers
// idle), so a search can spend its budget on failures instead of on every
// order in which servers can boot (DSLabs searches from such a state too).
// The setup is played through the model's own enabled actions, so its end
// state is reachable from the empty one by construction.

import { enabledActions, next } from "./actions.ts";
import type { ProtocolConfig } from "./config.ts";
import type { Context } from "./context.ts";
import { emptyHistory } from "./history.ts";
import { INITIAL_CLIENT } from "./client.ts";
import { INITIAL_SERVER } from "./server.ts";
import type { Action, Message, ServerName, State } from "./types.ts";
import { INITIAL_VIEW_SERVICE } from "./view-service.ts";

export function emptyState(config: ProtocolConfig): State {
  return {
    vs: INITIAL_VIEW_SERVICE,
    servers: Array.from({ length: config.servers }, () => INITIAL_SERVER),
    clients: config.clients.map(() => INITIAL_CLIENT),
    network: [],
    cuts: [],
    budgets: config.faults,
    history: emptyHistory(config.servers, config.clients.length),
  };
}

export function startState(ctx: Context): State {
  const empty = emptyState(ctx.config);
  return ctx.config.start === "empty" ? empty : stableView(ctx, empty);
}

function stableView(ctx: Context, empty: State): State {
  let state = empty;
  const take = (what: string, matches: (a: Action) => boolean, optional = false) => {
    const action = enabledActions(ctx, state).find(matches);
    if (action === undefined && !optional) throw new Error(`setup stable-view: "${what}" is not enabled`);
    if (action !== undefined) state = next(ctx, state, action);
  };
  const deliver = (kind: Message["kind"], to: Message["to"], optional = false) =>
    take(`deliver ${kind} to ${to}`, (a) => a.kind === "Deliver" && a.message.kind === kind && a.message.to === to, optional);
  const pingRound = (server: ServerName) => {
    take(`${server} pings`, (a) => a.kind === "Ping" && a.message.from === server);
    deliver("Ping", "VS");
    deliver("ViewReply", server);
  };
  pingRound("S1"); // VS-2: view 1, S1 primary
  pingRound("S1"); // S1 acknowledges view 1 and is confirmed (PB-10)
  pingRound("S2"); // S2 is idle and learns view 1
  pingRound("S2"); // VS-5: view 2 with S2 as backup
  pingRound("S1"); // S1 learns view 2
  // (A variant without state transfer skips these three steps.)
  take("S1 sends its state", (a) => a.kind === "SendTransfer", ctx.bug("no-state-transfer"));
  deliver("Transfer", "S2", ctx.bug("no-state-transfer"));
  deliver("TransferReply", "S1", ctx.bug("no-state-transfer"));
  pingRound("S1"); // S1 acknowledges view 2 and is confirmed
  for (const server of ctx.serverNames.slice(2)) pingRound(server); // idle
  return state;
}
