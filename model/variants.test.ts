// Each classic mistake is caught, and how: the property it breaks and the
// length of its shortest counterexample are pinned, so a change to the model
// or the engine that moves either shows up here.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import type { Variant } from "./config.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { VARIANT_CATALOG } from "./variant-catalog.ts";

const CATALOG = join(import.meta.dirname, "..", "counterexamples");
const INV1 = "INV-1 at most one primary per view";
const INV2 = "INV-2 acknowledged writes survive, once each";
const INV3 = "INV-3 linearizable";

const PINNED: Record<Variant, { config: "tiny" | "small" | "pipelined"; property: string; steps: number }> = {
  "no-backup-ack": { config: "small", property: INV2, steps: 6 },
  "backup-serves-clients": { config: "small", property: INV3, steps: 16 },
  "no-view-check": { config: "small", property: INV2, steps: 19 },
  "vs-no-ack-wait": { config: "small", property: INV2, steps: 15 },
  "ack-before-transfer": { config: "small", property: INV2, steps: 20 },
  "no-state-transfer": { config: "small", property: INV2, steps: 13 },
  "promote-idle": { config: "tiny", property: INV2, steps: 19 },
  "restart-keeps-view": { config: "small", property: INV2, steps: 13 },
  "vs-amnesia": { config: "tiny", property: INV1, steps: 7 },
  "no-dedup": { config: "small", property: INV2, steps: 8 },
  "local-reads": { config: "small", property: INV3, steps: 22 },
  "read-from-backup": { config: "small", property: INV3, steps: 19 },
  "transfer-twice": { config: "pipelined", property: INV2, steps: 24 },
  "keep-stale-forward": { config: "pipelined", property: INV2, steps: 18 },
  "restart-takes-primary": { config: "small", property: INV2, steps: 15 },
  "serve-unconfirmed": { config: "tiny", property: INV2, steps: 14 },
  "restarted-primary-stays": { config: "tiny", property: INV2, steps: 17 },
};

describe("bug variants", () => {
  it.each(VARIANT_CATALOG.map((e) => [e.variant, e] as const))("%s is caught as pinned", async (variant, entry) => {
    const pinned = PINNED[variant];
    expect(entry.config).toBe(pinned.config);
    const result = await check(protocolSpec({ ...NAMED_CONFIGS[pinned.config]!, variants: [variant] }));
    if (result.verdict.kind !== "violation") throw new Error(`${variant} was not caught (${result.verdict.kind})`);
    expect(result.verdict.property).toBe(pinned.property);
    expect(result.verdict.trace.steps).toHaveLength(pinned.steps);
    // Coverage sees the variant's own code run in the configuration that catches it: in a rule
    // (rule coverage), or, for vs-amnesia, as the action it adds (action coverage).
    const ran = variant === "vs-amnesia" ? result.coverage.find((c) => c.name === "RestartVS")?.fired : result.rules?.find((r) => r.name === `variant ${variant}`)?.taken;
    expect(ran).toBeGreaterThan(0);
    // The committed trace is the one the checker produces today.
    const committed = JSON.parse(readFileSync(join(CATALOG, `${variant}.json`), "utf8")) as { steps: string[] };
    expect(result.verdict.trace.steps.map((s) => s.label), `counterexamples/${variant}.json is stale: run npm run counterexamples -- ${variant}`).toEqual(committed.steps);
    // Symmetry reduction changes neither the property nor the length of the shortest counterexample.
    const unreduced = await check(protocolSpec({ ...NAMED_CONFIGS[pinned.config]!, variants: [variant] }), { symmetry: false });
    expect(unreduced.verdict.kind === "violation" && [unreduced.verdict.property, unreduced.verdict.trace.steps.length]).toEqual([pinned.property, pinned.steps]);
  }, 60_000);

  it("are each caught by a configuration of the default check (npm run check)", () => {
    const script = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: { check: string } }).scripts.check;
    const suite = /--config (\S+)/.exec(script)![1]!.split(",");
    expect(VARIANT_CATALOG.filter((e) => !suite.includes(PINNED[e.variant].config)).map((e) => e.variant)).toEqual([]);
  });

  it("can be combined", async () => {
    const result = await check(protocolSpec({ ...NAMED_CONFIGS.small!, variants: ["no-backup-ack", "no-dedup"] }));
    expect(result.verdict.kind).toBe("violation");
  });
});
