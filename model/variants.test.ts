// Each classic mistake is caught, and how: it is checked for the invariant
// its declaration names (model/variant-catalog.ts), and its shortest
// counterexample is pinned by the committed trace, so a change to the model
// or the engine that moves either shows up here. A new invariant moves none
// of these pins.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check, type CheckOptions } from "../checker/engine/bfs.ts";
import { select } from "../checker/engine/spec-source.ts";
import { invariantWithId } from "../checker/cli/catalog-page.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import type { Variant } from "./config.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { FINISHED_CATALOG, type CatalogEntry } from "./variant-catalog.ts";

const CATALOG = join(import.meta.dirname, "..", "counterexamples");

/** The variant's configuration, checked for only the invariant it is meant to break. */
function declared(entry: CatalogEntry, options: CheckOptions = {}) {
  const spec = protocolSpec({ ...NAMED_CONFIGS[entry.config]!, variants: [entry.variant as Variant] });
  const invariant = invariantWithId(spec.invariants, entry.violates)!;
  return check(select(spec, { invariants: [invariant.name] }), options);
}

describe("bug variants", () => {
  it.each(FINISHED_CATALOG.map((e) => [e.variant, e] as const))("%s is caught as declared in model/variant-catalog.ts", async (variant, entry: CatalogEntry) => {
    const result = await declared(entry);
    if (result.verdict.kind !== "violation") throw new Error(`${variant} was not caught (${result.verdict.kind})`);
    expect(result.verdict.property.startsWith(`${entry.violates} `)).toBe(true);
    // Coverage sees the variant's own code run in the configuration that catches it: in a rule
    // (rule coverage), or, for vs-amnesia, as the action it adds (action coverage).
    const ran = variant === "vs-amnesia" ? result.coverage.find((c) => c.name === "RestartVS")?.fired : result.rules?.find((r) => r.name === `variant ${variant}`)?.taken;
    expect(ran).toBeGreaterThan(0);
    // The committed trace, and so its length, is the one the checker produces today.
    const committed = JSON.parse(readFileSync(join(CATALOG, `${variant}.json`), "utf8")) as { steps: string[] };
    expect(result.verdict.trace.steps.map((s) => s.label), `counterexamples/${variant}.json is stale: run npm run counterexamples -- ${variant}`).toEqual(committed.steps);
    // Symmetry reduction changes neither the property nor the length of the shortest counterexample.
    const unreduced = await declared(entry, { symmetry: false });
    expect(unreduced.verdict.kind === "violation" && [unreduced.verdict.property, unreduced.verdict.trace.steps.length]).toEqual([result.verdict.property, committed.steps.length]);
  }, 60_000);

  it("are each caught by a configuration of the default check (npm run check)", () => {
    const script = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: { check: string } }).scripts.check;
    const suite = /--config (\S+)/.exec(script)![1]!.split(",");
    expect(FINISHED_CATALOG.filter((e) => !suite.includes(e.config)).map((e) => e.variant)).toEqual([]);
  });

  it("can be combined", async () => {
    const result = await check(protocolSpec({ ...NAMED_CONFIGS.small!, variants: ["no-backup-ack", "no-dedup"] }));
    expect(result.verdict.kind).toBe("violation");
  });
});
