// The mistakes students make in the Raft lab, each declared once, here: its
// name, the rule of spec/raft/rules.md it breaks, the property of Figure 3
// it is meant to break and the named configuration that catches it.
// --variant, configuration files, the pinned tests and the catalog in
// counterexamples/raft/ all derive from this list.

export interface RaftCatalogEntry {
  readonly variant: string;
  readonly mistake: string;
  /** The rule it breaks, as spec/raft/rules.md names it. */
  readonly breaks: string;
  /** The property it is meant to break (its ID, e.g. "ES"); its pin is checked with only that property selected. */
  readonly violates: "ES" | "LM" | "LC" | "SMS" | "LAO";
  readonly config: string;
  /** Why a configuration other than the smallest, if so. */
  readonly why?: string;
  /** Being written (`splitbrain new variant`): accepted by --variant, not yet pinned. */
  readonly draft?: true;
}

export const RAFT_VARIANT_CATALOG = [
  { variant: "two-votes", mistake: "a server grants its vote to every candidate that asks, even after voting in the same term", breaks: "RV-2", violates: "ES", config: "election" },
  {
    variant: "forget-on-restart",
    mistake: "a restarted server comes back with currentTerm 0 and no vote, as if they were volatile",
    breaks: "PS-1",
    violates: "ES",
    config: "election-crash",
    why: "the voter must crash and restart between two elections of one term: election has no crash.",
  },
  { variant: "no-log-check", mistake: "a server grants its vote without checking that the candidate's log is at least as up-to-date as its own", breaks: "RV-2", violates: "LC", config: "replication" },
  {
    variant: "count-old-term",
    mistake: "a leader commits an entry of an earlier term once a majority holds it, counting replicas (the paper's Figure 8)",
    breaks: "LD-5",
    violates: "LC",
    config: "figure-8",
    why: "the old entry must be re-replicated by a leader two terms later, and then lost to a leader of a fourth term: replication has 3 terms.",
  },
  {
    variant: "truncate-always",
    mistake: "a follower deletes everything after prevLogIndex on every AppendEntries, even when the entries match",
    breaks: "AE-3",
    violates: "LC",
    config: "reordering",
    why: "an old AppendEntries must arrive after a newer one, so two must be in flight at once: replication allows one.",
  },
  { variant: "commit-past-new", mistake: "a follower sets commitIndex to leaderCommit, not bounded by the index of the last new entry", breaks: "AE-5", violates: "SMS", config: "replication" },
  { variant: "accept-old-term", mistake: "a follower accepts AppendEntries from a leader of an older term", breaks: "AE-1", violates: "SMS", config: "replication" },
] as const satisfies readonly RaftCatalogEntry[];

export type RaftVariant = (typeof RAFT_VARIANT_CATALOG)[number]["variant"];

export const RAFT_FINISHED_CATALOG: readonly RaftCatalogEntry[] = RAFT_VARIANT_CATALOG.filter((e: RaftCatalogEntry) => e.draft !== true);

export const RAFT_VARIANTS = RAFT_VARIANT_CATALOG.map((e) => e.variant) as unknown as readonly [RaftVariant, ...RaftVariant[]];
