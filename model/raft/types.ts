// The one global state of Raft (spec/raft/rules.md), its messages and its
// actions. Plain, immutable data. Servers are numbered 0..n-1 here and named
// S1..Sn wherever a person reads them. A log entry is only its term, as the
// paper's figures draw it: the value a client asked for adds nothing the
// properties could tell apart, since an entry is identified by index and term.

export type Role = "follower" | "candidate" | "leader";

/** No vote cast in the current term. */
export const NO_VOTE = -1;

export interface RaftServer {
  readonly up: boolean;
  // Persistent (PS-1): kept across a crash.
  readonly term: number;
  readonly votedFor: number;
  /** The term of each entry, index 1 first. */
  readonly log: readonly number[];
  // Volatile: lost in a crash.
  readonly role: Role;
  /** CA-1: as candidate, the servers that granted it their vote in this term, as a bit set. */
  readonly votes: number;
  /** LD-3: as leader, per server, the index of the next entry to send it. */
  readonly nextIndex: readonly number[];
  /** LD-3: as leader, per server, the highest index known to be replicated there. */
  readonly matchIndex: readonly number[];
  readonly commitIndex: number;
}

export type Message =
  | { readonly kind: "RequestVote"; readonly from: number; readonly to: number; readonly term: number; readonly lastLogIndex: number; readonly lastLogTerm: number }
  | { readonly kind: "Vote"; readonly from: number; readonly to: number; readonly term: number; readonly granted: boolean }
  | {
      readonly kind: "AppendEntries";
      readonly from: number;
      readonly to: number;
      readonly term: number;
      readonly prevLogIndex: number;
      readonly prevLogTerm: number;
      /** At most one entry (its term): a heartbeat has none. */
      readonly entries: readonly number[];
      readonly leaderCommit: number;
    }
  | { readonly kind: "Appended"; readonly from: number; readonly to: number; readonly term: number; readonly success: boolean; readonly matchIndex: number };

/** Faults left to spend in this run. */
export interface FaultsLeft {
  readonly crashes: number;
  readonly restarts: number;
  readonly partitions: number;
  readonly heals: number;
  readonly drops: number;
  readonly duplicates: number;
}

/**
 * History variables: in no server, only there so that Figure 3's properties
 * can be stated over states. Kept as small as those properties allow.
 */
export interface RaftHistory {
  /** Election Safety: "term:server" for every server that became leader, sorted. */
  readonly leaders: readonly string[];
  /** Leader Completeness: per index, the entry first committed there and the leader's term when it was. */
  readonly committed: readonly { readonly entry: number; readonly inTerm: number }[];
  /** State Machine Safety: per index, the entry first applied there by any server. */
  readonly applied: readonly number[];
  /** Leader Append-Only, a property of steps: set by the step in which a leader's log lost or changed an entry. */
  readonly leaderLogShrank: boolean;
  /** The witness "a conflicting entry truncated": some server deleted an entry (AE-3). */
  readonly truncated: boolean;
}

export interface RaftState {
  readonly servers: readonly RaftServer[];
  /** The messages in flight, as a set in a fixed order (sorted by messageKey). */
  readonly network: readonly Message[];
  /** Cut links, as "i|j" with i < j, sorted. */
  readonly cuts: readonly string[];
  readonly faultsLeft: FaultsLeft;
  readonly history: RaftHistory;
}

export const RAFT_ACTION_KINDS = [
  "Timeout",
  "RequestVote",
  "ClientRequest",
  "AppendEntries",
  "Heartbeat",
  "Deliver",
  "Crash",
  "Restart",
  "Cut",
  "Heal",
  "Drop",
  "Duplicate",
] as const;
export type RaftActionKind = (typeof RAFT_ACTION_KINDS)[number];

export type RaftAction =
  | { readonly kind: "Timeout"; readonly server: number }
  | { readonly kind: "RequestVote"; readonly from: number; readonly to: number }
  | { readonly kind: "ClientRequest"; readonly server: number }
  | { readonly kind: "AppendEntries"; readonly from: number; readonly to: number }
  | { readonly kind: "Heartbeat"; readonly from: number; readonly to: number }
  | { readonly kind: "Deliver"; readonly message: Message }
  | { readonly kind: "Crash"; readonly server: number }
  | { readonly kind: "Restart"; readonly server: number }
  | { readonly kind: "Cut"; readonly a: number; readonly b: number }
  | { readonly kind: "Heal" }
  | { readonly kind: "Drop"; readonly message: Message }
  | { readonly kind: "Duplicate"; readonly message: Message };

export const serverName = (i: number): string => `S${i + 1}`;
