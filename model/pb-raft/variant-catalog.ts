// The mistakes of a replicated view service, each declared once, here: its
// name, the glue rule of spec/pb-raft/rules.md it breaks, the property it is
// meant to break and the named configuration that catches it. --variant,
// the pinned tests and the catalog in counterexamples/pb-raft/ derive from it.

export interface PbRaftCatalogEntry {
  readonly variant: string;
  readonly mistake: string;
  /** The rule it breaks, as spec/pb-raft/rules.md names it. */
  readonly breaks: string;
  /** The primary-backup invariant it is meant to break (its ID); its pin is checked with only that invariant selected. */
  readonly violates: "INV-1" | "INV-2" | "INV-3";
  readonly config: string;
  /** Why a configuration other than the smallest, if so. */
  readonly why?: string;
  /** Being written (`splitbrain new variant --spec pb-raft`): accepted by --variant, not yet pinned. */
  readonly draft?: true;
}

export const PB_RAFT_VARIANT_CATALOG = [
  {
    variant: "serve-uncommitted",
    mistake: "the leader replica answers with the table its log ends with, before a majority holds it",
    breaks: "VR-3",
    violates: "INV-1",
    config: "failover",
  },
  {
    variant: "majority-of-one",
    mistake: "the leader replica counts its own copy as a majority and commits each change at once, as a view service with a standby does",
    breaks: "VR-2",
    violates: "INV-1",
    config: "failover",
  },
  {
    variant: "decide-from-committed",
    mistake: "the leader replica decides a ping against its committed table, not the table its log ends with, so a change it has not committed yet is decided again",
    breaks: "VR-2",
    violates: "INV-1",
    config: "failover-ack",
    why: "the second decision needs a second entry after an uncommitted first: failover has room for one.",
  },
] as const satisfies readonly PbRaftCatalogEntry[];

export type PbRaftVariant = (typeof PB_RAFT_VARIANT_CATALOG)[number]["variant"];

export const PB_RAFT_FINISHED_CATALOG: readonly PbRaftCatalogEntry[] = PB_RAFT_VARIANT_CATALOG.filter((e: PbRaftCatalogEntry) => e.draft !== true);

export const PB_RAFT_VARIANTS = PB_RAFT_VARIANT_CATALOG.map((e) => e.variant) as unknown as readonly [PbRaftVariant, ...PbRaftVariant[]];
