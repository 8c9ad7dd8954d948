// How the checker keeps a protocol state compactly: the state cut into its
// components (the view service, each server, each client, the network, the
// cut links, the budgets, the history), each distinct component stored once
// (collapse compression, checker/engine/collapse-codec.ts). A state waiting
// in the frontier is then one number per component, and a step that changes
// one server re-hashes that server, not the whole state.

import { collapseCodec, type ComponentTable } from "../checker/engine/collapse-codec.ts";
import type { StateCodec } from "../checker/engine/spec.ts";
import type { FaultBudgets } from "./config.ts";
import type { Client, History, Message, Server, State, ViewService } from "./types.ts";

/** The components after the servers and the clients, in this order. */
const SHARED = 5;

export function protocolCodec(servers: number, clients: number): StateCodec<State> & { readonly table: ComponentTable } {
  return collapseCodec<State>({
    count: SHARED + servers + clients,
    part: (state, i) => {
      switch (i) {
        case 0:
          return state.vs;
        case 1:
          return state.network;
        case 2:
          return state.cuts;
        case 3:
          return state.budgets;
        case 4:
          return state.history;
        default:
          return i < SHARED + servers ? state.servers[i - SHARED] : state.clients[i - SHARED - servers];
      }
    },
    build: (parts) => ({
      vs: parts[0] as ViewService,
      servers: parts.slice(SHARED, SHARED + servers) as Server[],
      clients: parts.slice(SHARED + servers) as Client[],
      network: parts[1] as readonly Message[],
      cuts: parts[2] as readonly string[],
      budgets: parts[3] as FaultBudgets,
      history: parts[4] as History,
    }),
  });
}
