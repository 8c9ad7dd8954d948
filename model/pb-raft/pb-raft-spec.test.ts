// The primary-backup protocol on a view service replicated by Raft: INV-1
// holds exhaustively where exercise 4's standby broke it, with pinned state
// counts; each mistake of a replicated view service is caught with its
// shortest trace pinned; the glue's rules are named both ways and pure.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frozen } from "../../checker/engine/frozen-spec.ts";
import { check } from "../../checker/engine/bfs.ts";
import type { ActionSpec } from "../../checker/engine/spec.ts";
import { select } from "../../checker/engine/spec-source.ts";
import { invariantWithId } from "../../checker/cli/catalog-page.ts";
import { simulate } from "../../checker/engine/simulate/simulate.ts";
import { checkPurity, showFinding } from "../../checker/quality/purity-check.ts";
import { checkRuleIds } from "../../checker/quality/rule-ids.ts";
import { PB_RAFT_CONFIGS } from "../../spec/pb-raft/configs/index.ts";
import { pbRaftConfig } from "./config.ts";
import { PB_RAFT_FINISHED_CATALOG, type PbRaftVariant } from "./variant-catalog.ts";
import { pbRaftSpec } from "./pb-raft-spec.ts";
import { PB_RAFT_RULE_BRANCHES } from "./rules.ts";
import type { PbRaftAction, PbRaftState } from "./types.ts";

const dir = import.meta.dirname;
const CATALOG = join(dir, "../../counterexamples/pb-raft");
const modelFiles = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => join(dir, f));

const declared = (spec: ActionSpec<PbRaftState, PbRaftAction>, id: string) => invariantWithId(spec.invariants, id)!.name;

const PINNED: Record<string, number> = { failover: 495_854, "cut-off": 689_196 };

describe.each(Object.entries(PINNED))("the correct composed model, config %s", (name, states) => {
  it(`keeps every invariant, INV-1 first, in all ${states.toLocaleString("en-US")} states, deep-frozen, and reaches every witness`, async () => {
    const result = await check(frozen(pbRaftSpec(PB_RAFT_CONFIGS[name]!)));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(states);
    expect(result.witnesses.filter((w) => w.trace === undefined).map((w) => w.name)).toEqual([]);
    // VR-2 and VR-3 each ran, and the leader held back a table it had not committed yet.
    const taken = new Set((result.rules ?? []).filter((r) => r.taken > 0).map((r) => r.name));
    expect(PB_RAFT_RULE_BRANCHES.filter((b) => !taken.has(b))).toEqual([]);
  }, 240_000);
});

describe("a replicated view service's mistakes", () => {
  it.each(PB_RAFT_FINISHED_CATALOG.map((e) => [e.variant, e] as const))("%s breaks its invariant as declared, in the committed shortest trace", async (variant, entry) => {
    const spec = pbRaftSpec({ ...PB_RAFT_CONFIGS[entry.config]!, variants: [variant as PbRaftVariant] });
    const result = await check(select(spec, { invariants: [declared(spec, entry.violates)] }));
    if (result.verdict.kind !== "violation") throw new Error(`${variant} was not caught (${result.verdict.kind})`);
    expect(result.verdict.property.startsWith(`${entry.violates} `)).toBe(true);
    expect(result.rules?.find((r) => r.name === `variant ${variant}`)?.taken).toBeGreaterThan(0);
    const committed = JSON.parse(readFileSync(join(CATALOG, `${variant}.json`), "utf8")) as { steps: string[] };
    expect(result.verdict.trace.steps.map((s) => s.label), `counterexamples/pb-raft/${variant}.json is stale: run npm run counterexamples -- ${variant}`).toEqual(committed.steps);
    // Neither needs a crash: V1 does not know yet that V2 has won term 2.
    expect(result.verdict.trace.steps.some((s) => s.label.startsWith("crash"))).toBe(false);
  }, 60_000);

  it("are found by random walks in exercise 4's whole setting, which the correct model passes", async () => {
    const walk = (variants: PbRaftVariant[], only?: string) => {
      const spec = pbRaftSpec({ ...PB_RAFT_CONFIGS["exercise-4"]!, variants });
      // With a mistake, only its invariant is asked: majority-of-one also breaks Raft's own properties, which a walk may meet first.
      const asked = only === undefined ? spec : select(spec, { invariants: [declared(spec, only)] });
      return simulate([{ index: 0, spec: asked, style: { depth: 60, familyWeights: {} } }], { seed: 1, walks: 1500 });
    };
    expect((await walk([])).verdict.kind).toBe("none-found");
    for (const entry of PB_RAFT_FINISHED_CATALOG) {
      const found = await walk([entry.variant as PbRaftVariant], entry.violates);
      expect(found.verdict.kind === "violation" && found.verdict.finding.property.startsWith(`${entry.violates} `)).toBe(true);
    }
  }, 120_000);
});

describe("the composed model's start and configuration", () => {
  it("starts where Raft's own steps put V1: leader of term 1 with V2's vote, nothing in flight", () => {
    const [start] = pbRaftSpec(PB_RAFT_CONFIGS.failover!).initialStates();
    expect(start!.cluster.servers.map((s) => [s.role, s.term, s.votedFor])).toEqual([
      ["leader", 1, 0],
      ["follower", 1, 0],
      ["follower", 0, -1],
    ]);
    expect([start!.cluster.network, start!.tables, start!.pb.vs.view.num]).toEqual([[], [], 0]);
  });

  it("refuses what it cannot model, saying where", () => {
    const failover = PB_RAFT_CONFIGS.failover!;
    const refused = (change: object) => pbRaftConfig.safeParse({ ...failover, ...change }).error?.issues.map((i) => i.path.join("."));
    expect(refused({ viewService: { ...failover.viewService, variants: ["two-votes"] } })).toEqual(["viewService.variants"]);
    // (stable-view needs maxView 2 too, which primary-backup's own schema says.)
    expect(refused({ primaryBackup: { ...failover.primaryBackup, start: "stable-view" } })).toContain("primaryBackup.start");
    expect(refused({ primaryBackup: { ...failover.primaryBackup, variants: ["vs-amnesia"] } })).toEqual(["primaryBackup.variants"]);
    expect(refused({})).toBeUndefined();
  });
});

describe("the composed model's rules", () => {
  it("are named both ways between spec/pb-raft/rules.md and model/pb-raft/", () => {
    expect(checkRuleIds(join(dir, "../../spec/pb-raft/rules.md"), modelFiles)).toEqual([]);
  });

  it("have no impurity the static check can see", () => {
    expect(checkPurity(modelFiles).map(showFinding)).toEqual([]);
  }, 30_000);
});
