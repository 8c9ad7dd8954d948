// The specs the command line can check, each with its configuration schema and
// named configurations. This is the only place where the checker's CLI meets
// particular specs; the engine itself (bfs.ts) never imports a spec.

import { z } from "zod";
import type { AnySpec } from "../engine/spec.ts";
import type { SpecSource } from "../engine/spec-source.ts";
import { dieHard } from "../../examples/die-hard.ts";
import { twoPhase } from "../../examples/two-phase.ts";
import { ADDED_SPECS } from "../../examples/index.ts";
import { protocolConfig } from "../../model/config.ts";
import { describeConfig, smallerConfigs } from "../../model/shrink-config.ts";
import { FINISHED_CATALOG, VARIANTS, type CatalogEntry } from "../../model/variant-catalog.ts";
import { protocolSpec } from "../../model/protocol-spec.ts";
import { narrowConfig } from "../../model/simulation.ts";
import { EXPECTED_LIVENESS_FAILURES } from "../../model/liveness.ts";
import { guardSpec } from "./guarded-spec.ts";
import { NAMED_CONFIGS } from "../../spec/configs/index.ts";
import { raftConfig } from "../../model/raft/config.ts";
import { raftSpec } from "../../model/raft/raft-spec.ts";
import { RAFT_FINISHED_CATALOG, RAFT_VARIANTS, type RaftCatalogEntry } from "../../model/raft/variant-catalog.ts";
import { RAFT_EXPECTED_LIVENESS_FAILURES } from "../../model/raft/liveness.ts";
import { describeRaftConfig, smallerRaftConfigs } from "../../model/raft/shrink-config.ts";
import { RAFT_CONFIGS } from "../../spec/raft/configs/index.ts";
import { pbRaftConfig } from "../../model/pb-raft/config.ts";
import { PB_RAFT_FINISHED_CATALOG, PB_RAFT_VARIANTS, type PbRaftCatalogEntry } from "../../model/pb-raft/variant-catalog.ts";
import { pbRaftSpec } from "../../model/pb-raft/pb-raft-spec.ts";
import { narrowPbRaftConfig } from "../../model/pb-raft/narrow.ts";
import { PB_RAFT_CONFIGS } from "../../spec/pb-raft/configs/index.ts";

export interface SpecEntry<C> {
  readonly name: string;
  readonly description: string;
  readonly configSchema: z.ZodType<C>;
  readonly configs: Readonly<Record<string, C>>;
  readonly defaultConfig: string;
  readonly build: (config: C) => AnySpec;
  /** The same spec as data, for the workers of a parallel search to build their own copies (--workers). */
  readonly source: (config: C) => SpecSource;
  /** Bug variants the spec can switch on (`--variant`), if any. */
  readonly variants?: readonly string[];
  /** Add variants to a configuration. */
  readonly withVariants?: (config: C, variants: readonly string[]) => unknown;
  /** Smaller neighbours of a configuration, and a configuration in words (--minimize-config). */
  readonly smallerConfigs?: (config: C) => C[];
  readonly describeConfig?: (config: C) => string;
  /**
   * A random narrowing of a configuration, for a member of a swarm (simulate
   * --swarm): it may only take behaviour away, so that a trace found in it
   * replays in the configuration the user gave. `random` gives numbers in [0, 1).
   */
  readonly narrow?: (config: C, random: () => number) => C;
  /** The counterexamples to keep in counterexamples/, one per variant. */
  readonly catalog?: readonly CatalogItem[];
  /** Liveness failures the spec is known to have: `counterexamples` keeps a lasso for each, and fails if one no longer fails. */
  readonly expectedLivenessFailures?: readonly ExpectedLivenessFailure[];
  /** A page whose table of the catalog `counterexamples` rewrites, between CATALOG_TABLE_MARKS. */
  readonly catalogPage?: { readonly file: string; readonly header: readonly string[] };
  /** Where `counterexamples` keeps this spec's catalog; counterexamples/ when left out. */
  readonly catalogFolder?: string;
}

export interface ExpectedLivenessFailure {
  readonly name: string;
  readonly summary: string;
  readonly config: string;
  /** The liveness property's ID, e.g. "LIVE-1". */
  readonly fails: string;
}

export interface CatalogItem {
  readonly name: string;
  readonly summary: string;
  readonly configName: string;
  readonly variants: readonly string[];
  /** The invariant the entry is meant to break (a prefix of its name): the only one checked for it. */
  readonly invariant: string;
  /** Its row in the catalog page's table, but for the trace's length, which comes last. */
  readonly row: readonly string[];
}

const dieHardConfig = z.strictObject({
  big: z.number().int().min(1).max(100),
  small: z.number().int().min(1).max(100),
  goal: z.number().int().min(0).max(100),
});

const twoPhaseConfig = z.strictObject({
  resourceManagers: z.number().int().min(1).max(10),
});

/** A protocol's variant catalog as the commands read it; `notDefault` says which configuration a `why` explains leaving. */
const catalogItems = (entries: readonly (CatalogEntry | RaftCatalogEntry | PbRaftCatalogEntry)[], notDefault: string): CatalogItem[] =>
  entries.map((e) => ({
    name: e.variant,
    summary: `The mistake: ${e.mistake} (breaks ${e.breaks}).${e.why ? ` Caught in \`${e.config}\`${notDefault}: ${e.why}` : ""}`,
    configName: e.config,
    variants: [e.variant],
    invariant: e.violates,
    row: [`\`${e.variant}\``, e.mistake, e.breaks, e.config, e.violates],
  }));

const moduleUrl = (path: string) => new URL(path, import.meta.url).href;

// The one cast: each entry is checked against its own config type here, and
// the CLI only ever hands `build` a value its `configSchema` has parsed. What
// `build` gives is guarded: a throw in the spec's code names the part that threw.
const entry = <C>(e: SpecEntry<C>): SpecEntry<unknown> => ({ ...e, build: (config: C) => guardSpec(e.build(config)) }) as SpecEntry<unknown>;

export const SPECS: readonly SpecEntry<unknown>[] = [
  entry({
    name: "primary-backup",
    description: "primary-backup replication with a view service (spec/protocol.md)",
    configSchema: protocolConfig,
    configs: NAMED_CONFIGS,
    defaultConfig: "small",
    build: protocolSpec,
    source: (config) => ({ module: moduleUrl("../../model/protocol-spec.ts"), exportName: "protocolSpec", args: [config] }),
    variants: VARIANTS,
    smallerConfigs,
    describeConfig,
    narrow: narrowConfig,
    withVariants: (config, variants) => ({ ...config, variants: [...new Set([...config.variants, ...variants])] }),
    catalog: catalogItems(FINISHED_CATALOG, ", not `small`"),
    expectedLivenessFailures: EXPECTED_LIVENESS_FAILURES,
    catalogPage: { file: "spec/variants.md", header: ["variant", "the mistake", "rule broken", "config", "violates", "steps"] },
  }),
  entry({
    name: "raft",
    description: "Raft, Figure 2 of Ongaro and Ousterhout (spec/raft/rules.md)",
    configSchema: raftConfig,
    configs: RAFT_CONFIGS,
    defaultConfig: "election",
    build: raftSpec,
    source: (config) => ({ module: moduleUrl("../../model/raft/raft-spec.ts"), exportName: "raftSpec", args: [config] }),
    variants: RAFT_VARIANTS,
    smallerConfigs: smallerRaftConfigs,
    describeConfig: describeRaftConfig,
    withVariants: (config, variants) => ({ ...config, variants: [...new Set([...config.variants, ...variants])] }),
    catalog: catalogItems(RAFT_FINISHED_CATALOG, ""),
    expectedLivenessFailures: RAFT_EXPECTED_LIVENESS_FAILURES,
    catalogPage: { file: "spec/raft/variants.md", header: ["variant", "the mistake", "rule broken", "config", "violates", "steps"] },
    catalogFolder: "counterexamples/raft",
  }),
  entry({
    name: "pb-raft",
    description: "primary-backup with its view service replicated by Raft (spec/pb-raft/rules.md)",
    configSchema: pbRaftConfig,
    configs: PB_RAFT_CONFIGS,
    defaultConfig: "failover",
    build: pbRaftSpec,
    source: (config) => ({ module: moduleUrl("../../model/pb-raft/pb-raft-spec.ts"), exportName: "pbRaftSpec", args: [config] }),
    variants: PB_RAFT_VARIANTS,
    narrow: narrowPbRaftConfig,
    withVariants: (config, variants) => ({ ...config, variants: [...new Set([...config.variants, ...variants])] }),
    catalog: catalogItems(PB_RAFT_FINISHED_CATALOG, ""),
    catalogPage: { file: "spec/pb-raft/rules.md", header: ["variant", "the mistake", "rule broken", "config", "violates", "steps"] },
    catalogFolder: "counterexamples/pb-raft",
  }),
  entry({
    name: "two-phase",
    description: "two-phase commit, as TwoPhase.tla (example)",
    configSchema: twoPhaseConfig,
    configs: { tiny: { resourceManagers: 3 }, small: { resourceManagers: 5 }, large: { resourceManagers: 7 } },
    defaultConfig: "small",
    build: (c) => twoPhase(c.resourceManagers),
    source: (c) => ({ module: moduleUrl("../../examples/two-phase.ts"), exportName: "twoPhase", args: [c.resourceManagers] }),
  }),
  entry({
    name: "die-hard",
    description: "the jugs puzzle; its invariant is meant to fail (example)",
    configSchema: dieHardConfig,
    configs: { small: { big: 5, small: 3, goal: 4 } },
    defaultConfig: "small",
    build: (c) => dieHard(c.big, c.small, c.goal),
    source: (c) => ({ module: moduleUrl("../../examples/die-hard.ts"), exportName: "dieHard", args: [c.big, c.small, c.goal] }),
  }),
  ...ADDED_SPECS.map((added) => ({ ...added, build: (config: unknown) => guardSpec(added.build(config)) })),
];

export const DEFAULT_SPEC = "primary-backup";
