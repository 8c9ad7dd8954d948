// What a mutant is checked by, in order, stopping at the first that notices
// it: an exhaustive check of each named configuration (stopping at its first
// violation, and noticing a witness the correct model reaches and the mutant
// does not), the liveness properties that hold on the correct model, then a
// short swarm of random walks on the whole protocol's shapes. The model is
// loaded from a folder, so the same code checks the correct model and a copy
// with one mutant in it.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { check } from "../../engine/bfs.ts";
import { sameFingerprint } from "../../engine/fingerprint.ts";
import { checkLiveness } from "../../engine/liveness/check-liveness.ts";
import { planMembers } from "../../engine/simulate/swarm-plan.ts";
import { simulate } from "../../engine/simulate/simulate.ts";
import type { ActionSpec } from "../../engine/spec.ts";
import type { ProtocolConfig } from "../../../model/config.ts";
import type { Fault } from "../../../model/faults.ts";

export interface KillerPlan {
  /** Named configurations checked exhaustively, in this order. */
  readonly configs: readonly string[];
  /**
   * Liveness checks, each right after the exhaustive check of its
   * configuration, with these faults taken away: the properties that hold on
   * the correct model there must hold on the mutant.
   */
  readonly liveness?: readonly LivenessRun[];
  /** Swarm walks on each of these configuration files (beyond reach of a check), after the checks. */
  readonly swarm?: { readonly files: readonly string[]; readonly walks: number; readonly members: number; readonly depth: number; readonly seed: number };
}

export interface LivenessRun {
  readonly config: string;
  readonly without: readonly Fault[];
}

export const DEFAULT_PLAN: KillerPlan = {
  configs: ["tiny", "pipelined", "small"],
  // Each after the exhaustive check of its configuration, with the faults taken away that make the correct
  // model fail there (spec/properties.md, LIVE-3): what holds on the correct model must hold on the mutant.
  liveness: [
    { config: "tiny", without: [] },
    { config: "pipelined", without: ["partitions"] },
    { config: "small", without: ["partitions", "drops"] },
  ],
  swarm: { files: ["spec/configs/beyond-reach/full-stable.json", "spec/configs/beyond-reach/full-empty.json"], walks: 3000, members: 20, depth: 60, seed: 24 },
};

/** What the correct model does under the plan: a mutant is judged against it. */
export interface Baseline {
  /** Distinct states of each configuration; a mutant's search stops at a multiple of it. */
  readonly states: Readonly<Record<string, number>>;
  /** The witnesses each configuration reaches: `check` says so when one is no longer reached (exit 3). */
  readonly witnesses: Readonly<Record<string, readonly string[]>>;
  /** The liveness properties that hold on the correct model, each as "where: property". */
  readonly holding: readonly string[];
}

export type Outcome =
  | { readonly kind: "killed"; readonly by: string; readonly property: string; readonly steps: number }
  /** The model threw: a user would see it at once. */
  | { readonly kind: "crashed"; readonly by: string; readonly message: string }
  | { readonly kind: "survived"; readonly grew?: string; readonly changesTiny: boolean };

/** A mutant's search may grow this many times past the correct model's before it is stopped. */
const GROWTH = 4;

interface Model {
  readonly protocolSpec: (config: ProtocolConfig) => ActionSpec<unknown, unknown>;
  readonly narrowConfig: (config: ProtocolConfig, random: () => number) => ProtocolConfig;
  readonly configs: Readonly<Record<string, ProtocolConfig>>;
  readonly parse: (value: unknown) => ProtocolConfig;
}

/** The model in `root` (a folder holding `model/`). The configurations come from the repository's `spec/`. */
export async function loadModel(root: string, repository: string): Promise<Model> {
  const at = (file: string) => pathToFileURL(join(root, file)).href;
  const spec = (await import(at("model/protocol-spec.ts"))) as { protocolSpec: Model["protocolSpec"] };
  const simulation = (await import(at("model/simulation.ts"))) as { narrowConfig: Model["narrowConfig"] };
  const config = (await import(at("model/config.ts"))) as { protocolConfig: { parse: (v: unknown) => ProtocolConfig } };
  const named = (await import(pathToFileURL(join(repository, "spec/configs/index.ts")).href)) as { NAMED_CONFIGS: Model["configs"] };
  return { protocolSpec: spec.protocolSpec, narrowConfig: simulation.narrowConfig, configs: named.NAMED_CONFIGS, parse: (v) => config.protocolConfig.parse(v) };
}

function named(model: Model, name: string): ProtocolConfig {
  const config = model.configs[name];
  if (config === undefined) throw new Error(`no configuration named ${name}`);
  return config;
}

function livenessConfig(model: Model, plan: LivenessRun): ProtocolConfig {
  const config = named(model, plan.config);
  return { ...config, faults: { ...config.faults, ...Object.fromEntries(plan.without.map((f) => [f, 0])) } };
}

export async function baseline(model: Model, plan: KillerPlan): Promise<Baseline> {
  const states: Record<string, number> = {};
  const witnesses: Record<string, string[]> = {};
  for (const name of plan.configs) {
    const result = await check(model.protocolSpec(named(model, name)));
    if (result.verdict.kind !== "pass") throw new Error(`the correct model does not pass ${name}: ${result.verdict.kind}`);
    states[name] = result.stats.distinct;
    witnesses[name] = result.witnesses.filter((w) => w.trace !== undefined).map((w) => w.name);
  }
  const holding: string[] = [];
  for (const run of plan.liveness ?? []) {
    const result = await checkLiveness(model.protocolSpec(livenessConfig(model, run)));
    if (result.kind !== "done") throw new Error(`liveness of the correct model in ${run.config}: ${result.reason}`);
    for (const v of result.verdicts) if (v.kind === "holds") holding.push(`${livenessName(run)}: ${v.property}`);
  }
  return { states, witnesses, holding };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0]!;

export async function judge(model: Model, plan: KillerPlan, base: Baseline, repository: string, original?: Model): Promise<Outcome> {
  let grew: string | undefined;
  for (const name of plan.configs) {
    try {
      const limit = GROWTH * (base.states[name] ?? 1_000_000);
      const result = await check(model.protocolSpec(named(model, name)), { maxStates: limit });
      const v = result.verdict;
      if (v.kind === "violation") return { kind: "killed", by: name, property: v.property, steps: v.trace.steps.length };
      if (v.kind === "incomplete") grew ??= `${name} grew past ${limit.toLocaleString("en-US")} states (${GROWTH}× the correct model's)`;
      // A witness the correct model reaches and the mutant does not: check reports it, and exits 3.
      const lost = v.kind === "pass" ? (base.witnesses[name] ?? []).find((w) => result.witnesses.some((r) => r.name === w && r.trace === undefined)) : undefined;
      if (lost !== undefined) return { kind: "killed", by: name, property: `witness not reached: ${lost}`, steps: 0 };
    } catch (error) {
      return { kind: "crashed", by: name, message: message(error) };
    }
    for (const run of (plan.liveness ?? []).filter((r) => r.config === name)) {
      const killed = await liveness(model, run, base);
      if (killed !== undefined) return killed;
    }
  }
  if (plan.swarm !== undefined) {
    for (const file of plan.swarm.files) {
      const found = await swarm(model, file, plan.swarm, repository);
      if (found !== undefined) return found;
    }
  }
  const changesTiny = original === undefined ? true : await changesSteps(original, model, "tiny");
  return grew === undefined ? { kind: "survived", changesTiny } : { kind: "survived", grew, changesTiny };
}

export const livenessName = (run: LivenessRun) => `liveness in ${run.config}${run.without.length === 0 ? "" : ` without ${run.without.join(" or ")}`}`;

async function liveness(model: Model, plan: LivenessRun, base: Baseline): Promise<Outcome | undefined> {
  const by = livenessName(plan);
  try {
    const result = await checkLiveness(model.protocolSpec(livenessConfig(model, plan)), { maxStates: GROWTH * (base.states[plan.config] ?? 1_000_000) });
    if (result.kind !== "done") return undefined;
    const broken = result.verdicts.find((v) => v.kind === "violated" && base.holding.includes(`${by}: ${v.property}`));
    return broken?.kind === "violated" ? { kind: "killed", by, property: broken.property, steps: broken.trace.steps.length } : undefined;
  } catch (error) {
    return { kind: "crashed", by, message: message(error) };
  }
}

async function swarm(model: Model, file: string, options: NonNullable<KillerPlan["swarm"]>, repository: string): Promise<Outcome | undefined> {
  const by = `swarm on ${file.split("/").pop()!.replace(/\.json$/, "")}`;
  try {
    const config = model.parse(JSON.parse(readFileSync(join(repository, file), "utf8")));
    const planned = planMembers(
      { config, build: model.protocolSpec, source: () => ({ module: "mutant", exportName: "protocolSpec", args: [] }), narrow: model.narrowConfig },
      { seed: options.seed, depth: options.depth, swarm: options.members },
    );
    const result = await simulate(planned.map((p) => p.member), { seed: options.seed, walks: options.walks });
    const v = result.verdict;
    return v.kind === "violation" ? { kind: "killed", by, property: v.finding.property, steps: v.finding.trace.steps.length } : undefined;
  } catch (error) {
    return { kind: "crashed", by, message: message(error) };
  }
}

/** Does the mutant take some step of the configuration differently: other actions enabled, or another successor? */
export async function changesSteps(original: Model, mutant: Model, name: string): Promise<boolean> {
  const config = named(original, name);
  const a = original.protocolSpec(config);
  const b = mutant.protocolSpec(config);
  const seen = new Set<string>();
  let level = a.initialStates();
  const key = (s: unknown) => JSON.stringify(s);
  for (const s of level) seen.add(key(s));
  while (level.length > 0) {
    const next: unknown[] = [];
    for (const state of level) {
      let theirs: readonly unknown[];
      try {
        theirs = b.actions(state);
      } catch {
        return true;
      }
      const ours = a.actions(state);
      if (!sameFingerprint(ours, theirs)) return true;
      for (const action of ours) {
        const successor = a.next(state, action);
        try {
          if (!sameFingerprint(successor, b.next(state, action))) return true;
        } catch {
          return true;
        }
        const k = key(successor);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(successor);
        }
      }
    }
    level = next;
  }
  return false;
}
