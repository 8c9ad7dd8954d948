// The primary-backup protocol with its view service replicated by Raft
// (spec/pb-raft/rules.md): one global state made of the two protocols' own
// states, and the table each view-service log entry holds.

import type { RaftAction, RaftState } from "../raft/types.ts";
import type { Action, Message, ServerName, State, ViewService } from "../types.ts";

/**
 * VR-1: the table a view-service log entry holds. Raft names an entry by its
 * index and term (Log Matching), so the table is kept once under that name,
 * not copied into every log and message that carries the entry.
 */
export interface TableEntry {
  readonly index: number;
  readonly term: number;
  readonly table: ViewService;
}

export interface PbRaftState {
  /**
   * The servers and clients of the primary-backup protocol, their network,
   * faults and history. Its `vs` is not a node of its own: it is the newest
   * committed table (VR-4), what the properties of spec/properties.md call
   * "the view service's view".
   */
  readonly pb: State;
  /** The view service's replicas, V1..Vn, running Raft. */
  readonly cluster: RaftState;
  /** The table of every entry some log or message still holds, sorted by index then term. */
  readonly tables: readonly TableEntry[];
}

export type ToViewService = Extract<Message, { kind: "Ping" | "GetView" }>;

export type PbRaftAction =
  /** A step of the primary-backup servers and clients that involves no view-service replica. */
  | { readonly kind: "Pb"; readonly action: Action }
  /** A step of Raft between the view service's replicas. */
  | { readonly kind: "Raft"; readonly action: RaftAction }
  /** VR-2, VR-3: a ping or a view query reaches one replica. */
  | { readonly kind: "Serve"; readonly replica: number; readonly message: ToViewService }
  /** VR-2: the leader replica suspects a server (VS-6). */
  | { readonly kind: "Suspect"; readonly replica: number; readonly server: ServerName };

export const PB_RAFT_ACTION_KINDS = ["Pb", "Raft", "Serve", "Suspect"] as const;

export const replicaName = (i: number): string => `V${i + 1}`;
