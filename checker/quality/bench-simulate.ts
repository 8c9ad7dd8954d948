// npm run bench -- simulate: how fast random walks find each catalog variant
// on the whole protocol's two shapes (spec/configs/beyond-reach/, where an
// exhaustive check does not finish), against breadth-first search given the
// same time; then how much the swarm covers of the correct model.
//
// Per shape and variant, for seeds 1..N, on one worker, in this process:
// the time to the first violation of the variant's own invariant (the one its
// pin names), whether it came within the limit, and the length of the trace
// after delta debugging against the variant's pinned shortest trace. Times
// are read off one noisy machine: the medians and the hit counts are what to
// compare, and nothing here is asserted.
//
//   npm run bench -- simulate [--shapes full-empty,full-stable] [--variants a,b]
//                             [--seeds 10] [--limit 60] [--modes swarm,plain,bfs] [--correct 600]

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { check } from "../engine/bfs.ts";
import { select } from "../engine/spec-source.ts";
import { simulate } from "../engine/simulate/simulate.ts";
import { planMembers } from "../engine/simulate/swarm-plan.ts";
import type { AnySpec } from "../engine/spec.ts";
import { settleFinding } from "../trace/walk-finding.ts";
import { protocolConfig, type ProtocolConfig, type Variant } from "../../model/config.ts";
import { protocolSpec } from "../../model/protocol-spec.ts";
import { narrowConfig } from "../../model/simulation.ts";
import { FINISHED_CATALOG } from "../../model/variant-catalog.ts";

const SHAPES = ["full-empty", "full-stable"] as const;
const SWARM_MEMBERS = 20;
const DEPTH = 100;

const shapeConfig = (shape: string): ProtocolConfig =>
  protocolConfig.parse(JSON.parse(readFileSync(new URL(`../../spec/configs/beyond-reach/${shape}.json`, import.meta.url), "utf8")));

const pinnedLength = (variant: string): number =>
  (JSON.parse(readFileSync(new URL(`../../counterexamples/${variant}.json`, import.meta.url), "utf8")) as { steps: string[] }).steps.length;

const source = (config: ProtocolConfig) => ({ module: new URL("../../model/protocol-spec.ts", import.meta.url).href, exportName: "protocolSpec", args: [config] });

/** The variant's configuration checked for its own invariant only, as its pin is. */
function declared(config: ProtocolConfig, variant: string, invariantId: string): { config: ProtocolConfig; spec: AnySpec; invariant: string } {
  const withVariant = { ...config, variants: [variant as Variant] };
  const spec = protocolSpec(withVariant);
  const invariant = spec.invariants.find((i) => i.name.startsWith(`${invariantId} `))!.name;
  return { config: withVariant, spec: select(spec, { invariants: [invariant] }), invariant };
}

interface Try {
  readonly seconds: number | undefined;
  readonly length: number | undefined;
  readonly walkSteps: number | undefined;
}

async function walkUntilFound(mode: "swarm" | "plain", config: ProtocolConfig, invariant: string, seed: number, limitSeconds: number): Promise<Try> {
  const selection = { invariants: [invariant] };
  const planned = planMembers(
    { config, build: (c: ProtocolConfig) => protocolSpec(c), source, narrow: narrowConfig, selection },
    { seed, depth: DEPTH, swarm: mode === "swarm" ? SWARM_MEMBERS : undefined },
  );
  const result = await simulate(
    planned.map((p) => p.member),
    { seed, timeLimitMs: limitSeconds * 1000 },
  );
  if (result.verdict.kind !== "violation") return { seconds: undefined, length: undefined, walkSteps: undefined };
  const finding = result.verdict.finding;
  const member = planned.find((p) => p.member.index === finding.member)!;
  const whole = select(protocolSpec(config), selection);
  const settled = settleFinding(finding, "primary-backup", whole, member.member.spec, member.config, config);
  return { seconds: result.stats.elapsedMs / 1000, length: settled.trace.steps.length, walkSteps: settled.walkSteps };
}

const median = (xs: readonly number[]): number | undefined => {
  if (xs.length === 0) return undefined;
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** "9/10, median 3.2 s, 18 steps (1.06×)": misses count as past the limit in the median, as they are. */
function summary(tries: readonly Try[], limit: number, pinned: number): string {
  const hits = tries.filter((t) => t.seconds !== undefined);
  const times = tries.map((t) => t.seconds ?? Infinity);
  const med = median(times)!;
  const len = median(hits.map((t) => t.length!));
  const medText = Number.isFinite(med) ? `${med.toFixed(1)} s` : `>${limit} s`;
  const lenText = len === undefined ? "-" : `${len} steps (${(len / pinned).toFixed(2)}×)`;
  return `${hits.length}/${tries.length} in ${limit} s, median ${medText}, ${lenText}`;
}

async function bfsUntilFound(spec: AnySpec, limitSeconds: number): Promise<string> {
  const started = performance.now();
  const result = await check(spec, { timeLimitMs: limitSeconds * 1000 });
  const seconds = (performance.now() - started) / 1000;
  if (result.verdict.kind === "violation") return `found in ${seconds.toFixed(1)} s, ${result.verdict.trace.steps.length} steps (shortest)`;
  return `not in ${limitSeconds} s (depth ${result.stats.depth}, ${result.stats.distinct.toLocaleString("en-US")} states)`;
}

/** The swarm on the correct model for a while: it must find nothing; what it covered and which branches it never took. */
async function correctModel(shape: string, seconds: number): Promise<void> {
  const config = shapeConfig(shape);
  const planned = planMembers({ config, build: (c: ProtocolConfig) => protocolSpec(c), source, narrow: narrowConfig }, { seed: 1, depth: DEPTH, swarm: SWARM_MEMBERS });
  const result = await simulate(
    planned.map((p) => p.member),
    { seed: 1, timeLimitMs: seconds * 1000 },
  );
  const never = result.rules?.filter((r) => r.taken === 0).map((r) => r.name) ?? [];
  const witnesses = result.witnesses.filter((w) => w.trace !== undefined).length;
  process.stdout.write(
    `  ${shape}: ${result.verdict.kind === "violation" ? `VIOLATION ${result.verdict.finding.property}` : "no violation found"} in ${(result.stats.elapsedMs / 1000).toFixed(0)} s; ` +
      `${result.stats.walks.toLocaleString("en-US")} walks, ${result.stats.distinct.toLocaleString("en-US")} distinct states, ` +
      `${witnesses}/${result.witnesses.length} witnesses; rule branches never taken: ${never.length === 0 ? "none" : never.join("; ")}\n`,
  );
}

export async function simulateBench(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      shapes: { type: "string", default: SHAPES.join(",") },
      variants: { type: "string" },
      seeds: { type: "string", default: "10" },
      limit: { type: "string", default: "60" },
      modes: { type: "string", default: "swarm,plain,bfs" },
      correct: { type: "string", default: "600" },
    },
  });
  const shapes = values.shapes.split(",");
  const seeds = Number(values.seeds);
  const limit = Number(values.limit);
  const modes = values.modes.split(",");
  const wanted = values.variants?.split(",");
  const entries = FINISHED_CATALOG.filter((e) => wanted === undefined || wanted.includes(e.variant));
  process.stdout.write(`simulate: time to the first violation on one worker, ${seeds} seeds, at most ${limit} s each; trace length after delta debugging against the pinned shortest\n`);
  for (const shape of shapes) {
    process.stdout.write(`\n${shape}:\n`);
    for (const entry of entries) {
      const { config, spec, invariant } = declared(shapeConfig(shape), entry.variant, entry.violates);
      const pinned = pinnedLength(entry.variant);
      const cells: string[] = [];
      for (const mode of modes) {
        if (mode === "bfs") {
          cells.push(`bfs: ${await bfsUntilFound(spec, limit)}`);
          continue;
        }
        const tries: Try[] = [];
        for (let seed = 1; seed <= seeds; seed++) tries.push(await walkUntilFound(mode as "swarm" | "plain", config, invariant, seed, limit));
        cells.push(`${mode}: ${summary(tries, limit, pinned)}`);
      }
      process.stdout.write(`  ${entry.variant.padEnd(24)} pinned ${String(pinned).padStart(2)} (${entry.violates})  ${cells.join("  |  ")}\n`);
    }
  }
  const correctSeconds = Number(values.correct);
  if (correctSeconds > 0) {
    process.stdout.write(`\nthe correct model, the swarm for ${correctSeconds} s on each shape:\n`);
    for (const shape of shapes) await correctModel(shape, correctSeconds);
  }
}
