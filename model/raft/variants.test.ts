// Each mistake of the Raft catalog is caught, and how: checked for only the
// property its declaration names (model/raft/variant-catalog.ts), its
// shortest counterexample pinned by the committed trace in
// counterexamples/raft/, with and without symmetry reduction.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, type CheckOptions } from "../../checker/engine/bfs.ts";
import { select } from "../../checker/engine/spec-source.ts";
import { invariantWithId } from "../../checker/cli/catalog-page.ts";
import { RAFT_CONFIGS, RAFT_SLOW_CONFIGS } from "../../spec/raft/configs/index.ts";
import { raftSpec } from "./raft-spec.ts";
import { RAFT_FINISHED_CATALOG, type RaftCatalogEntry, type RaftVariant } from "./variant-catalog.ts";

const CATALOG = join(import.meta.dirname, "../../counterexamples/raft");

function declared(entry: RaftCatalogEntry, options: CheckOptions = {}) {
  const spec = raftSpec({ ...RAFT_CONFIGS[entry.config]!, variants: [entry.variant as RaftVariant] });
  const invariant = invariantWithId(spec.invariants, entry.violates)!;
  return check(select(spec, { invariants: [invariant.name] }), options);
}

describe("Raft's bug variants", () => {
  it.each(RAFT_FINISHED_CATALOG.map((e) => [e.variant, e] as const))("%s is caught as declared", async (variant, entry: RaftCatalogEntry) => {
    const result = await declared(entry);
    if (result.verdict.kind !== "violation") throw new Error(`${variant} was not caught (${result.verdict.kind})`);
    expect(result.verdict.property.startsWith(`${entry.violates} `)).toBe(true);
    // The variant's own code ran where it was caught.
    expect(result.rules?.find((r) => r.name === `variant ${variant}`)?.taken).toBeGreaterThan(0);
    const committed = JSON.parse(readFileSync(join(CATALOG, `${variant}.json`), "utf8")) as { steps: string[] };
    expect(result.verdict.trace.steps.map((s) => s.label), `counterexamples/raft/${variant}.json is stale: run npm run counterexamples -- ${variant}`).toEqual(committed.steps);
    const unreduced = await declared(entry, { symmetry: false });
    expect(unreduced.verdict.kind === "violation" && [unreduced.verdict.property, unreduced.verdict.trace.steps.length]).toEqual([result.verdict.property, committed.steps.length]);
  }, 120_000);

  it("are each caught by a configuration of npm run check, or say why they need a slow one", () => {
    const script = (JSON.parse(readFileSync(join(import.meta.dirname, "../../package.json"), "utf8")) as { scripts: { check: string } }).scripts.check;
    const suite = /--spec raft --config (\S+)/.exec(script)![1]!.split(",");
    const outside = RAFT_FINISHED_CATALOG.filter((e) => !suite.includes(e.config));
    expect(outside.filter((e) => !RAFT_SLOW_CONFIGS.includes(e.config) || e.why === undefined).map((e) => e.variant)).toEqual([]);
    expect(outside.map((e) => e.variant)).toEqual(["truncate-always"]);
  });
});
