// Random walks on the protocol: the weights steer, the narrowings only take
// behaviour away, and what a walk reports is a violation the exhaustive check
// confirms, in the same configuration.

import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { select } from "../checker/engine/spec-source.ts";
import { simulate } from "../checker/engine/simulate/simulate.ts";
import { planMembers } from "../checker/engine/simulate/swarm-plan.ts";
import { Random } from "../checker/engine/simulate/random.ts";
import { invariantWithId } from "../checker/cli/catalog-page.ts";
import { settleFinding } from "../checker/trace/walk-finding.ts";
import { reproduction } from "../checker/trace/minimize.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { allNodes, enabledActions, links } from "./actions.ts";
import { protocolConfig, type ProtocolConfig, type Variant } from "./config.ts";
import { makeContext } from "./context.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { narrowConfig, stepWeight } from "./simulation.ts";
import { linkName } from "./network.ts";
import { FINISHED_CATALOG } from "./variant-catalog.ts";
import { stepInfo } from "./labels.ts";
import fullStable from "../spec/configs/beyond-reach/full-stable.json" with { type: "json" };

const FULL = protocolConfig.parse(fullStable);
const source = (config: ProtocolConfig) => ({ module: new URL("./protocol-spec.ts", import.meta.url).href, exportName: "protocolSpec", args: [config] });

describe("step weights", () => {
  it("give each fault family at most the weight of one delivery, spread over its steps", () => {
    const ctx = makeContext(FULL);
    const weight = stepWeight(ctx);
    const state = protocolSpec(FULL).initialStates()[0]!;
    // A state with messages in flight, so that drops and duplicates are enabled too.
    const spec = protocolSpec(FULL);
    const busy = spec.next(state, spec.actions(state).find((a) => a.kind === "QueryView")!);
    expect(busy.network.length).toBe(1);
    for (const at of [state, busy]) {
      const byKind = new Map<string, number>();
      for (const action of enabledActions(ctx, at)) {
        if (stepInfo(action).fault) byKind.set(action.kind, (byKind.get(action.kind) ?? 0) + weight(action, at));
        else expect(weight(action, at)).toBe(1);
      }
      for (const total of byKind.values()) expect(total).toBeCloseTo(0.25, 6);
      expect([...byKind.keys()]).toEqual(expect.arrayContaining(at === busy ? ["Crash", "Cut", "Isolate", "Drop", "Duplicate"] : ["Crash", "Cut", "Isolate"]));
    }
  });
});

describe("a swarm member's narrowing", () => {
  it("only takes behaviour away, and is a valid configuration", () => {
    const choices = new Set([...links(makeContext(FULL)).map(([a, b]) => linkName(a, b)), ...allNodes(makeContext(FULL))]);
    for (const config of [FULL, NAMED_CONFIGS.small!, NAMED_CONFIGS.pipelined!, NAMED_CONFIGS.tiny!]) {
      for (let seed = 0; seed < 300; seed++) {
        const random = new Random(seed);
        const narrowed = narrowConfig(config, () => random.next());
        expect(protocolConfig.safeParse(narrowed).success).toBe(true);
        for (const fault of ["crashes", "restarts", "partitions", "heals", "drops", "duplicates"] as const) expect(narrowed.faults[fault]).toBeLessThanOrEqual(config.faults[fault]);
        if (config.faults.total !== undefined) expect(narrowed.faults.total).toBeLessThanOrEqual(config.faults.total);
        for (const p of narrowed.partitionable ?? []) expect(config.partitionable?.includes(p) ?? choices.has(p)).toBe(true);
        expect(narrowed.maxInFlight ?? Infinity).toBeLessThanOrEqual(config.maxInFlight ?? Infinity);
        if (config.suspicion === "faulty") expect(narrowed.suspicion).toBe("faulty");
        expect([narrowed.servers, narrowed.clients, narrowed.start, narrowed.maxView, narrowed.variants]).toEqual([config.servers, config.clients, config.start, config.maxView, config.variants]);
      }
    }
  });

  it("finds traces that replay in the configuration given", async () => {
    const config = { ...NAMED_CONFIGS.tiny!, variants: ["promote-idle" as const] };
    const whole = protocolSpec(config);
    const planned = planMembers({ config, build: protocolSpec, source, narrow: narrowConfig }, { seed: 4, depth: 60, swarm: 8 });
    const result = await simulate(
      planned.map((p) => p.member),
      { seed: 4, walks: 3000, keepGoing: true },
    );
    expect(result.findings.length).toBeGreaterThan(0);
    for (const f of result.findings) {
      const labels = f.trace.steps.map((s) => s.label);
      expect(reproduction(whole, f.property, labels)).toEqual(labels);
    }
  });
});

describe("random walks on every catalog variant, in tiny", () => {
  // Each variant in tiny: a violation the walks report must be one the
  // exhaustive check reports in the same configuration, for the same property,
  // and its minimized trace must still break it; where check finds nothing
  // (six variants need more than tiny has), neither may the walks.
  it.each(FINISHED_CATALOG.map((e) => [e.variant, e] as const))("%s", async (variant, entry) => {
    const config = { ...NAMED_CONFIGS.tiny!, variants: [variant as Variant] };
    const whole = protocolSpec(config);
    const spec = select(whole, { invariants: [invariantWithId(whole.invariants, entry.violates)!.name] });
    const exhaustive = await check(spec);
    const walked = await simulate([{ index: 0, spec, style: { depth: 80, familyWeights: {} } }], { seed: 1, walks: 2000 });
    if (exhaustive.verdict.kind === "pass") {
      expect(walked.verdict.kind).toBe("none-found");
      return;
    }
    // Seeded, so this is the same every run: each bug tiny can show, a few hundred walks find.
    if (walked.verdict.kind !== "violation") throw new Error(`${variant}: check finds it in tiny, 2,000 walks do not`);
    const { finding } = walked.verdict;
    expect(finding.property).toBe(exhaustive.verdict.kind === "violation" && exhaustive.verdict.property);
    const settled = settleFinding(finding, "primary-backup", spec, spec, config, config);
    expect(settled.inOriginal).toBe(true);
    expect(reproduction(spec, finding.property, settled.file.steps)).toEqual(settled.file.steps);
    expect(settled.trace.steps.length).toBeLessThanOrEqual(finding.trace.steps.length);
    expect(settled.trace.steps.length).toBeGreaterThanOrEqual(exhaustive.verdict.kind === "violation" ? exhaustive.verdict.trace.steps.length : 0);
  }, 60_000);
});
