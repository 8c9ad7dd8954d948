// History variables: what the properties need to remember about the past,
// and nothing more. No node reads them; only the properties do.

import { clientIndex, serverIndex } from "./state-helpers.ts";
import type { ClientName, History, ServerName, State } from "./types.ts";

export const emptyHistory = (servers: number, clients: number): History => ({
  primaryBeliefs: [],
  ops: Array.from({ length: clients }, () => []),
  restarted: Array.from({ length: servers }, () => false),
});

const withHistory = (state: State, history: History): State => ({ ...state, history });

/** INV-1: `server` now believes it is the primary of view `num`. */
export function believePrimary(state: State, server: ServerName, num: number): State {
  const entry = `${num}:${server}`;
  const beliefs = state.history.primaryBeliefs;
  if (beliefs.includes(entry)) return state;
  return withHistory(state, { ...state.history, primaryBeliefs: [...beliefs, entry].sort() });
}

/** INV-3: the client invokes its current operation (only the first send counts). */
export function recordInvocation(state: State, client: ClientName): State {
  const c = clientIndex(client);
  const done = state.clients[c]!.done;
  const ops = state.history.ops[c]!;
  if (ops.length > done) return state;
  const record = { invokedAfter: state.clients.map((other) => other.done), result: undefined };
  return withHistory(state, { ...state.history, ops: state.history.ops.map((o, i) => (i === c ? [...o, record] : o)) });
}

/** INV-3: the client's current operation returned `result`. */
export function recordCompletion(state: State, client: ClientName, result: string): State {
  const c = clientIndex(client);
  const done = state.clients[c]!.done;
  const ops = state.history.ops[c]!.map((op, i) => (i === done ? { ...op, result } : op));
  return withHistory(state, { ...state.history, ops: state.history.ops.map((o, i) => (i === c ? ops : o)) });
}

export function markRestarted(state: State, server: ServerName): State {
  const s = serverIndex(server);
  if (state.history.restarted[s]) return state;
  return withHistory(state, { ...state.history, restarted: state.history.restarted.map((r, i) => i === s || r) });
}
