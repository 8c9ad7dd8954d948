// Small helpers that build new states from old ones without mutating them.

import { addMessage, isCut } from "./network.ts";
import type { Client, ClientName, MaybeOrphan, Message, Server, ServerName, State } from "./types.ts";

export const serverIndex = (name: ServerName): number => Number(name.slice(1)) - 1;
export const clientIndex = (name: ClientName): number => Number(name.slice(1)) - 1;

export function serverOf(state: State, name: ServerName): Server {
  const server = state.servers[serverIndex(name)];
  if (server === undefined) throw new Error(`no server ${name}`);
  return server;
}

export function clientOf(state: State, name: ClientName): Client {
  const client = state.clients[clientIndex(name)];
  if (client === undefined) throw new Error(`no client ${name}`);
  return client;
}

export function withServer(state: State, name: ServerName, server: Server): State {
  const i = serverIndex(name);
  if (state.servers[i] === server) return state;
  return { ...state, servers: state.servers.map((s, j) => (j === i ? server : s)) };
}

export function withClient(state: State, name: ClientName, client: Client): State {
  const i = clientIndex(name);
  if (state.clients[i] === client) return state;
  return { ...state, clients: state.clients.map((c, j) => (j === i ? client : c)) };
}

export function updateServer(state: State, name: ServerName, change: (s: Server) => Server): State {
  return withServer(state, name, change(serverOf(state, name)));
}

/**
 * Put a message in flight. A message over a cut link, or to a crashed server,
 * is lost at once: it never enters the network.
 */
export function send(state: State, message: Message): State {
  if (isCut(state.cuts, message.from, message.to)) return state;
  if (message.to.startsWith("S") && !serverOf(state, message.to as ServerName).up) return state;
  return { ...state, network: addMessage(state.network, message) };
}

/** Reply to a request; the reply to an orphaned request is lost (see MaybeOrphan). */
export function answer(state: State, request: Message & MaybeOrphan, reply: Message): State {
  return request.orphan ? state : send(state, reply);
}
