// The classic mistakes, each declared once, here: its name, the rule it
// breaks, the invariant it is meant to break and the named configuration
// that catches it (small where it can). Everything else derives from this
// list: --variant and configuration files accept these names, the pinned
// tests check each one against its own invariant, and npm run
// counterexamples writes its trace and its row of spec/variants.md.

export interface CatalogEntry {
  readonly variant: string;
  readonly mistake: string;
  /** The rule it breaks, as spec/protocol.md names it. */
  readonly breaks: string;
  /** The invariant it is meant to break (its ID); its pin is checked with only that invariant selected. */
  readonly violates: `INV-${number}`;
  readonly config: "tiny" | "small" | "pipelined";
  /** Why a configuration other than small, if so. */
  readonly why?: string;
  /**
   * Being written (`splitbrain new variant` sets it): --variant accepts it,
   * but it is not pinned and has no counterexample yet. Remove it once
   * `check --variant NAME` catches the bug, then run npm run counterexamples -- NAME.
   */
  readonly draft?: true;
}

export const VARIANT_CATALOG = [
  { variant: "no-backup-ack", mistake: "the primary replies to the client before the backup accepted the forward", breaks: "PB-4", violates: "INV-2", config: "small" },
  { variant: "backup-serves-clients", mistake: "a backup executes client requests sent to it directly", breaks: "PB-6", violates: "INV-3", config: "small" },
  { variant: "no-view-check", mistake: "a server accepts forwards and transfers from any server claiming to be primary, whatever the view number", breaks: "PB-5", violates: "INV-2", config: "small" },
  { variant: "vs-no-ack-wait", mistake: "the view service moves on without the primary's acknowledgement", breaks: "VS-3", violates: "INV-2", config: "small" },
  { variant: "ack-before-transfer", mistake: "the primary acknowledges a view before its new backup confirmed the state transfer", breaks: "PB-3", violates: "INV-2", config: "small" },
  { variant: "no-state-transfer", mistake: "a new backup gets no state transfer and starts empty", breaks: "PB-3", violates: "INV-2", config: "small" },
  {
    variant: "promote-idle",
    mistake: "when the primary goes and there is no usable backup, the view service promotes an idle server to primary",
    breaks: "VS-4",
    violates: "INV-2",
    config: "tiny",
    why: "small starts with a backup and an idle server ready to replace it; reaching a view with no backup would take more faults than its budget. tiny starts empty, where view 1 has no backup.",
  },
  {
    variant: "restart-keeps-view",
    mistake: "a restarted server pings with the view number it had before the crash instead of 0",
    breaks: "PB-2",
    violates: "INV-2",
    config: "small",
  },
  {
    variant: "vs-amnesia",
    mistake: "the view service can crash and restart from view 0",
    breaks: "VS-1",
    violates: "INV-1",
    config: "tiny",
    why: "in small every server already knows view 2 and ignores the forgetful view service's older views (PB-1), so a second primary of view 1 needs a server that never learned a view: tiny starts empty.",
  },
  { variant: "no-dedup", mistake: "servers apply retried and duplicated requests again", breaks: "PB-7", violates: "INV-2", config: "small" },
  { variant: "local-reads", mistake: "the primary answers Gets from its own store without forwarding them to the backup", breaks: "PB-4", violates: "INV-3", config: "small" },
  { variant: "read-from-backup", mistake: "clients send Gets to the backup", breaks: "CL-2", violates: "INV-3", config: "small" },
  {
    variant: "transfer-twice",
    mistake: "a backup accepts a late copy of the state transfer after it entered the view, and loses the forwards it applied since",
    breaks: "PB-3b",
    violates: "INV-2",
    config: "pipelined",
    why: "the late copy must arrive after a forward, so the duplicate and the forward must be in flight together: small allows one exchange in flight, where the leftover duplicate blocks every other send, and tiny has no duplicates.",
  },
  {
    variant: "keep-stale-forward",
    mistake: "a primary that learns a new view keeps waiting for the backup of the old one, and completes the operation when that backup answers",
    breaks: "PB-4b",
    violates: "INV-2",
    config: "pipelined",
    why: "the old backup's answer must still be in flight when the state transfer to the new backup goes out: small allows one exchange in flight, and tiny has no third server to become the new backup.",
  },
  { variant: "restart-takes-primary", mistake: "a restarted server, which holds no data, believes a view from before its crash that names it primary", breaks: "PB-9", violates: "INV-2", config: "small" },
  {
    variant: "serve-unconfirmed",
    mistake: "a primary serves clients before the view service confirmed that it acknowledged the view",
    breaks: "PB-10",
    violates: "INV-2",
    config: "tiny",
    why: "the primary must serve a write before the view service confirmed it, then crash and restart, so that the service (which cannot move on before the acknowledgement, VS-3) keeps it as primary with an empty store. small starts with a confirmed primary; an unconfirmed one there needs a failover first, which takes the one crash its budget allows.",
  },
  {
    variant: "restarted-primary-stays",
    mistake: "when a primary with no backup restarts, the view service keeps it as primary",
    breaks: "VS-4b",
    violates: "INV-2",
    config: "tiny",
    why: "the primary must have no backup when it restarts: small starts with a backup and an idle server ready to replace it.",
  },
] as const satisfies readonly CatalogEntry[];

export type Variant = (typeof VARIANT_CATALOG)[number]["variant"];

/** The entries that are finished (not drafts): each pinned, with its counterexample in the catalog. */
export const FINISHED_CATALOG: readonly CatalogEntry[] = VARIANT_CATALOG.filter((e: CatalogEntry) => e.draft !== true);

/** Every variant's name, in catalog order: what --variant and configuration files accept. */
export const VARIANTS = VARIANT_CATALOG.map((e) => e.variant) as unknown as readonly [Variant, ...Variant[]];
