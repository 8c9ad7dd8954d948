// Faults, each spending one unit of its budget from the configuration.

import type { Context } from "./context.ts";
import type { FaultBudgets } from "./config.ts";
import { markRestarted } from "./history.ts";
import { addCuts, addMessage, linkName, removeMessage } from "./network.ts";
import { INITIAL_SERVER } from "./server.ts";
import { INITIAL_VIEW_SERVICE } from "./view-service.ts";
import { serverOf, withServer } from "./state-helpers.ts";
import type { Message, NodeName, ServerName, State } from "./types.ts";

export type Fault = Exclude<keyof FaultBudgets, "total">;

/** Every fault kind, in the order a configuration lists them. */
export const FAULTS: readonly Fault[] = ["crashes", "restarts", "partitions", "heals", "drops", "duplicates"];

/** Is there budget left for one more fault of this kind? */
export function canSpend(budgets: FaultBudgets, fault: Fault): boolean {
  return budgets[fault] > 0 && (budgets.total === undefined || budgets.total > 0);
}

function spend(state: State, fault: Fault): State {
  const { budgets } = state;
  if (!canSpend(budgets, fault)) throw new Error(`no ${fault} left in the budget`);
  const total = budgets.total === undefined ? {} : { total: budgets.total - 1 };
  return { ...state, budgets: { ...budgets, [fault]: budgets[fault] - 1, ...total } };
}

// PB-8: a crash loses all of a server's state. Messages on their way to it are
// lost too, and requests it sent become orphans: they travel on connections
// that die with the process, so a restarted server never hears answers meant
// for its previous life.
export function crash(ctx: Context, state: State, name: ServerName): State {
  const old = serverOf(state, name);
  // restart-keeps-view: the server will ping with its old view number after restarting.
  const entered = ctx.bug("restart-keeps-view") ? old.entered : 0;
  const crashed = withServer(spend(state, "crashes"), name, { ...INITIAL_SERVER, up: false, entered });
  let network: readonly Message[] = [];
  for (const m of crashed.network) {
    if (m.to === name) continue;
    network = addMessage(network, m.from === name && awaitsReply(m) ? { ...m, orphan: true } : m);
  }
  return { ...crashed, network };
}

const awaitsReply = (m: Message): m is Extract<Message, { kind: "Ping" | "Forward" | "Transfer" }> =>
  m.kind === "Ping" || m.kind === "Forward" || m.kind === "Transfer";

// PB-8: it restarts with an empty store, no duplicate table, and view 0.
export function restart(state: State, name: ServerName): State {
  return markRestarted(withServer(spend(state, "restarts"), name, { ...serverOf(state, name), up: true }), name);
}

// vs-amnesia: the view service has no stable storage; a crash and restart
// bring it back at view 0, and what was on its way to it is lost.
export function restartViewService(state: State): State {
  const spent = spend(state, "crashes");
  return { ...spent, vs: INITIAL_VIEW_SERVICE, network: spent.network.filter((m) => m.to !== "VS") };
}

export function cut(state: State, a: NodeName, b: NodeName): State {
  const spent = spend(state, "partitions");
  return { ...spent, cuts: addCuts(spent.cuts, [linkName(a, b)]) };
}

/** Isolate a node: cut every one of its links (named as by `linkName`). */
export function isolate(state: State, links: readonly string[]): State {
  const spent = spend(state, "partitions");
  return { ...spent, cuts: addCuts(spent.cuts, links) };
}

export function heal(state: State): State {
  return { ...spend(state, "heals"), cuts: [] };
}

export function drop(state: State, message: Message): State {
  const spent = spend(state, "drops");
  return { ...spent, network: removeMessage(spent.network, message) };
}

export function duplicate(state: State, message: Message): State {
  const spent = spend(state, "duplicates");
  return { ...spent, network: addMessage(spent.network, message) };
}
