// The one global state of the protocol, the messages in its network and the
// actions that move it. Plain, immutable data: every transition builds a new
// state and shares the parts it did not change.

import type { FaultBudgets, Operation } from "./config.ts";

export type ServerName = `S${number}`;
export type ClientName = `C${number}`;
export type NodeName = "VS" | ServerName | ClientName;

/** VS-1: a view names a primary and a backup; "" is no server. */
export interface View {
  readonly num: number;
  readonly primary: ServerName | "";
  readonly backup: ServerName | "";
}

export const NO_VIEW: View = { num: 0, primary: "", backup: "" };

export interface ViewService {
  readonly view: View;
  /** VS-3: the primary of `view` has pinged with view.num. */
  readonly acked: boolean;
  /** Servers heard from that are neither primary nor backup, in the order first heard from (VS-5 takes the first). */
  readonly idle: readonly ServerName[];
}

/** PB-7: per client, the last sequence number applied and the reply it got. */
export type DuplicateTable = Readonly<Record<ClientName, { readonly seq: number; readonly value: string }>>;
export type Store = Readonly<Record<string, string>>;

/** A client operation the primary has forwarded and awaits the backup's answer for (PB-4). */
export interface PendingOp {
  readonly client: ClientName;
  readonly seq: number;
  readonly op: Operation;
  readonly view: number;
  readonly backup: ServerName;
}

export interface Server {
  readonly up: boolean;
  /** PB-1: the newest view learned from the view service. */
  readonly view: View;
  /** PB-2: the number of the view this server has fully entered; what it pings with. */
  readonly entered: number;
  readonly store: Store;
  readonly dedup: DuplicateTable;
  readonly pending: PendingOp | null;
  /** PB-3: as primary, its backup has confirmed the state transfer for this view. */
  readonly backupSynced: boolean;
  /** PB-10: as primary, a view-service reply has shown this view acknowledged. */
  readonly confirmed: boolean;
}

export interface Client {
  /** How many operations of its script are done; the current one has sequence number done + 1. */
  readonly done: number;
  /** CL-2: the view it last heard of (only the number and primary matter to it). */
  readonly view: View;
}

/** One client operation as the properties see it (INV-3). */
export interface OpRecord {
  /** For each client, how many of its operations had completed when this one was invoked. */
  readonly invokedAfter: readonly number[];
  /** The value a completed Get returned; "" for writes; undefined while pending. */
  readonly result: string | undefined;
}

/**
 * History variables: not part of any node, only there so properties can be
 * stated. They are kept as small as the properties allow.
 */
export interface History {
  /** INV-1: "view:server" for every server that believed itself primary of a view, sorted. */
  readonly primaryBeliefs: readonly string[];
  /** INV-3: per client, its invoked operations in script order. */
  readonly ops: readonly (readonly OpRecord[])[];
  /** Per server: has it ever restarted (for the witness "a restarted server became backup again"). */
  readonly restarted: readonly boolean[];
}

export type Reply = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: "wrong-server" };

/**
 * A request whose sender crashed after sending it. It may still arrive and
 * be acted on, but its reply is lost: it would go back on a connection that
 * died with the sender, so a restarted server never hears it.
 */
export interface MaybeOrphan {
  readonly orphan?: true;
}

export type Message =
  | ({ readonly kind: "Ping"; readonly from: ServerName; readonly to: "VS"; readonly viewnum: number } & MaybeOrphan)
  | {
      readonly kind: "ViewReply";
      readonly from: "VS";
      readonly to: ServerName | ClientName;
      readonly view: View;
      /** Told to servers only: the primary has acknowledged this view (PB-10). */
      readonly acked?: true;
    }
  | { readonly kind: "GetView"; readonly from: ClientName; readonly to: "VS" }
  | {
      readonly kind: "Request";
      readonly from: ClientName;
      readonly to: ServerName;
      readonly seq: number;
      readonly op: Operation;
    }
  | { readonly kind: "Reply"; readonly from: ServerName; readonly to: ClientName; readonly seq: number; readonly reply: Reply }
  | ({
      readonly kind: "Forward";
      readonly from: ServerName;
      readonly to: ServerName;
      readonly view: number;
      readonly client: ClientName;
      readonly seq: number;
      readonly op: Operation;
    } & MaybeOrphan)
  | {
      readonly kind: "ForwardReply";
      readonly from: ServerName;
      readonly to: ServerName;
      readonly view: number;
      readonly client: ClientName;
      readonly seq: number;
      readonly ok: boolean;
    }
  | ({
      readonly kind: "Transfer";
      readonly from: ServerName;
      readonly to: ServerName;
      readonly view: number;
      readonly store: Store;
      readonly dedup: DuplicateTable;
    } & MaybeOrphan)
  | { readonly kind: "TransferReply"; readonly from: ServerName; readonly to: ServerName; readonly view: number; readonly ok: boolean };

export interface State {
  readonly vs: ViewService;
  readonly servers: readonly Server[];
  readonly clients: readonly Client[];
  /** A multiset of messages in flight, kept sorted so equal multisets are equal arrays. */
  readonly network: readonly Message[];
  /** Cut links, each "A|B" with A < B, sorted. */
  readonly cuts: readonly string[];
  /** What is left of each fault budget. */
  readonly budgets: FaultBudgets;
  readonly history: History;
}

export type Action =
  | { readonly kind: "Deliver"; readonly message: Message }
  // Sending actions carry the message they put in flight, so a trace shows it.
  | { readonly kind: "Ping"; readonly message: Extract<Message, { kind: "Ping" }> }
  | { readonly kind: "SendTransfer"; readonly message: Extract<Message, { kind: "Transfer" }> }
  | { readonly kind: "QueryView"; readonly message: Extract<Message, { kind: "GetView" }> }
  | { readonly kind: "SendRequest"; readonly message: Extract<Message, { kind: "Request" }> }
  | { readonly kind: "Suspect"; readonly server: ServerName }
  | { readonly kind: "Crash"; readonly server: ServerName }
  | { readonly kind: "Restart"; readonly server: ServerName }
  /** Only with the vs-amnesia variant: the view service crashes and comes back at view 0. */
  | { readonly kind: "RestartVS" }
  | { readonly kind: "Cut"; readonly a: NodeName; readonly b: NodeName }
  | { readonly kind: "Isolate"; readonly node: NodeName }
  | { readonly kind: "Heal" }
  | { readonly kind: "Drop"; readonly message: Message }
  | { readonly kind: "Duplicate"; readonly message: Message };

export type ActionKind = Action["kind"];

export const ACTION_KINDS: readonly ActionKind[] = [
  "Deliver",
  "Ping",
  "SendTransfer",
  "QueryView",
  "SendRequest",
  "Suspect",
  "Crash",
  "Restart",
  "RestartVS",
  "Cut",
  "Isolate",
  "Heal",
  "Drop",
  "Duplicate",
];
