import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../bfs.ts";
import type { AnySpec } from "../spec.ts";
import type { SpecSource } from "../spec-source.ts";
import { distances, graphSpec, graphs, runs, type Graph } from "../test-graphs.ts";
import { lastState } from "../trace.ts";
import { simulate, type SimulateOptions, type SimulationMember, type SimulationProgress, type SimulationResult } from "./simulate.ts";
import { planMembers } from "./swarm-plan.ts";
import { evenStyle } from "./walk-bias.ts";
import { protocolSpec } from "../../../model/protocol-spec.ts";
import { narrowConfig } from "../../../model/simulation.ts";
import type { ProtocolConfig } from "../../../model/config.ts";
import { NAMED_CONFIGS } from "../../../spec/configs/index.ts";

const one = (spec: AnySpec, depth = 30, source?: SpecSource): SimulationMember<unknown, unknown>[] => [{ index: 0, spec, style: evenStyle(depth), ...(source && { source }) }];

const protocolSource = (config: ProtocolConfig): SpecSource => ({ module: new URL("../../../model/protocol-spec.ts", import.meta.url).href, exportName: "protocolSpec", args: [config] });

/** One witness per node: a node was visited exactly when its witness was reached. */
const everyNode = (g: Graph) => g.edges.map((_, n) => ({ name: `reach ${n}`, reached: (m: number) => m === n }));

/** What must not depend on the number of workers: everything but the clock. */
function comparable(r: SimulationResult<unknown, unknown>) {
  return {
    verdict: r.verdict.kind,
    findings: r.findings.map((f) => ({ member: f.member, walk: f.walk, property: f.property, labels: f.trace.steps.map((s) => s.label) })),
    witnesses: r.witnesses.map((w) => [w.name, w.member, w.walk, w.trace?.steps.map((s) => s.label)]),
    stats: { ...r.stats, elapsedMs: undefined, timeline: undefined },
    fired: r.fired,
    rules: r.rules,
    members: r.members,
  };
}

describe("simulate, on random graphs", () => {
  it("reports only violations that are there: each replays into a bad state, and check finds one too", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(30), fc.integer({ min: 0, max: 2 ** 32 - 1 }), async (g, seed) => {
        const spec = graphSpec(g, { costs: true });
        const result = await simulate(one(spec), { seed, walks: 40, walksPerJob: 7 });
        const exhaustive = await check(spec);
        if (result.verdict.kind === "violation") {
          const { trace, property } = result.verdict.finding;
          expect(property).toBe("not bad");
          expect(g.bad.has(lastState(trace) as number)).toBe(true);
          // Only the last state is bad: the walk stopped at the first.
          const states = [trace.initial, ...trace.steps.map((s) => s.state)];
          expect(states.slice(0, -1).some((s) => g.bad.has(s as number))).toBe(false);
          expect(exhaustive.verdict.kind).toBe("violation");
        }
        if (exhaustive.verdict.kind === "pass") expect(result.verdict).toEqual({ kind: "none-found", reason: "ran --walks 40" });
      }),
      runs(300, 31),
    );
  });

  it("counts as distinct exactly the states its walks were in", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(20), fc.integer({ min: 0, max: 1000 }), async (g, seed) => {
        const spec = { ...graphSpec(g, { checkBad: false }), witnesses: everyNode(g) };
        const result = await simulate(one(spec), { seed, walks: 25 });
        const visited = result.witnesses.filter((w) => w.trace !== undefined).length;
        expect(result.stats.distinct).toBe(visited);
        expect(visited).toBeLessThanOrEqual(distances(g).size);
        expect(result.verdict.kind).toBe("none-found");
        expect(result.stats.walks).toBe(25);
        expect(result.stats.ends.depth + result.stats.ends.stuck).toBe(25);
      }),
      runs(200, 32),
    );
  });

  it("keeps going after a violation when asked, with one finding per property", async () => {
    const g: Graph = { edges: [[1, 2], [3], [4], [], []], bad: new Set([3, 4]), starts: [0] };
    const spec = { ...graphSpec(g), invariants: [{ name: "not 3", holds: (n: number) => n !== 3 }, { name: "not 4", holds: (n: number) => n !== 4 }] };
    const stopping = await simulate(one(spec), { seed: 5, walks: 100 });
    expect(stopping.findings).toHaveLength(1);
    expect(stopping.stats.walks).toBeLessThan(100);
    const going = await simulate(one(spec), { seed: 5, walks: 100, keepGoing: true });
    expect(going.findings.map((f) => f.property).sort()).toEqual(["not 3", "not 4"]);
    expect(going.stats.walks).toBe(100);
    expect(going.members[0]!.violatingWalks).toBe(100);
    expect(going.verdict.kind).toBe("violation");
  });
});

describe("simulate on the protocol, pinned", () => {
  it("walks tiny as it always has: a change to how walks choose their steps is a decision, not an accident", async () => {
    const result = await simulate(one(protocolSpec(NAMED_CONFIGS.tiny!), 100), { seed: 1, walks: 500 });
    expect({ ...result.stats, elapsedMs: undefined, timeline: undefined }).toEqual({
      walks: 500,
      steps: 16_866,
      distinct: 3_569,
      coverageFull: false,
      deepest: { member: 0, walk: 370, steps: 61 },
      ends: { depth: 0, stuck: 500, constraint: 0, violation: 0 },
      elapsedMs: undefined,
      timeline: undefined,
    });
    expect(result.fired.map((f) => [f.name, f.count])).toEqual([
      ["Deliver", 9_405],
      ["Ping", 3_604],
      ["SendTransfer", 302],
      ["QueryView", 558],
      ["SendRequest", 698],
      ["Suspect", 1_299],
      ["Crash", 500],
      ["Restart", 500],
    ]);
    expect(result.witnesses.map((w) => [w.walk, w.trace?.steps.length])).toEqual([
      [10, 38],
      [2, 29],
      [126, 39],
      [32, 37],
      [10, 46],
    ]);
    expect(result.collisionProbability).toBeGreaterThan(0);
  });

  it("reports progress while it runs: walks, steps, distinct states, new ones per second, the deepest walk", async () => {
    const reports: SimulationProgress[] = [];
    const result = await simulate(one(protocolSpec(NAMED_CONFIGS.tiny!), 100), { seed: 2, timeLimitMs: 400, progressIntervalMs: 0, onProgress: (p) => reports.push(p) });
    expect(reports.length).toBeGreaterThan(1);
    for (const [i, p] of reports.entries()) {
      expect(p.walks).toBeGreaterThan(0);
      expect(p.steps).toBeGreaterThan(p.walks);
      expect(p.distinct).toBeGreaterThan(0);
      expect(p.deepest).toBeGreaterThan(0);
      expect(p.newPerSecond).toBeGreaterThanOrEqual(0);
      expect(p.memoryBytes).toBeGreaterThan(0);
      if (i > 0) expect(p.distinct).toBeGreaterThanOrEqual(reports[i - 1]!.distinct);
    }
    expect(reports.some((p) => p.newPerSecond > 0)).toBe(true);
    const last = result.stats.timeline.at(-1)!;
    expect([last.walks, last.distinct]).toEqual([result.stats.walks, result.stats.distinct]);
  });
});

describe("a swarm's members", () => {
  const config = NAMED_CONFIGS.small!;
  const plan = (seed: number, swarm?: number, only?: number) => planMembers({ config, build: protocolSpec, source: protocolSource, narrow: narrowConfig }, { seed, depth: 80, swarm, only });

  it("are one plain member without --swarm, and with it member 0 plain and the others narrowed and steered, each from its own seed", () => {
    const plain = plan(1);
    expect(plain).toHaveLength(1);
    expect(plain[0]!.config).toBe(config);
    expect(plain[0]!.member.style).toEqual({ depth: 80, familyWeights: {} });
    const swarm = plan(1, 12);
    expect(swarm.map((p) => p.member.index)).toEqual([...Array(12).keys()]);
    expect(swarm[0]!.config).toBe(config);
    expect(swarm[0]!.member.style).toEqual({ depth: 80, familyWeights: {} });
    const others = swarm.slice(1);
    expect(others.every((p) => p.config !== config)).toBe(true);
    for (const p of others) {
      expect(p.member.style.depth).toBeGreaterThanOrEqual(10);
      expect(p.member.style.depth).toBeLessThanOrEqual(80);
      for (const [family, w] of Object.entries(p.member.style.familyWeights)) {
        expect(p.member.spec.actionNames).toContain(family);
        expect(w).toBeGreaterThanOrEqual(0.1);
        expect(w).toBeLessThanOrEqual(10);
      }
    }
    expect(new Set(others.map((p) => JSON.stringify([p.config, p.member.style]))).size).toBe(11);
    expect(others.some((p) => Object.keys(p.member.style.familyWeights).length > 0)).toBe(true);
    // The same seed draws the same members; member 5 alone is member 5 of the swarm.
    expect(plan(1, 12).map((p) => [p.config, p.member.style])).toEqual(swarm.map((p) => [p.config, p.member.style]));
    const alone = plan(1, 12, 5);
    expect(alone.map((p) => [p.member.index, p.config, p.member.style])).toEqual([[5, swarm[5]!.config, swarm[5]!.member.style]]);
    expect(alone[0]!.member.source).toEqual({ ...protocolSource(swarm[5]!.config), select: undefined });
    expect(plan(2, 12).map((p) => p.config)).not.toEqual(swarm.map((p) => p.config));
  });

  it("take turns, member 0 every other one", async () => {
    const result = await simulate(
      plan(3, 4).map((p) => p.member),
      { seed: 3, walks: 8 * 6, walksPerJob: 8 },
    );
    expect(result.members.map((m) => [m.index, m.walks])).toEqual([
      [0, 24],
      [1, 8],
      [2, 8],
      [3, 8],
    ]);
    expect(result.members.reduce((n, m) => n + m.newStates, 0)).toBe(result.stats.distinct);
    expect(result.members.reduce((n, m) => n + m.steps, 0)).toBe(result.stats.steps);
  });
});

describe("simulate's budgets", () => {
  const spec = protocolSpec(NAMED_CONFIGS.tiny!);

  it("runs exactly the walks asked for, in jobs of any size", async () => {
    const runsOf = async (walksPerJob: number) => comparable(await simulate(one(spec), { seed: 3, walks: 50, walksPerJob }));
    const whole = await runsOf(16);
    expect(whole.stats.walks).toBe(50);
    expect(await runsOf(1)).toEqual(whole);
    expect(await runsOf(64)).toEqual(whole);
  });

  it("stops once the distinct states reach --max-states, at a job's end", async () => {
    const result = await simulate(one(spec), { seed: 3, maxStates: 500, walksPerJob: 4 });
    expect(result.verdict).toEqual({ kind: "none-found", reason: "reached --max-states 500" });
    expect(result.stats.distinct).toBeGreaterThanOrEqual(500);
  });

  it("stops at the time limit as no violation found, and when told to stop as incomplete", async () => {
    const timed = await simulate(one(spec), { seed: 3, timeLimitMs: 300 });
    expect(timed.verdict).toEqual({ kind: "none-found", reason: "reached --time-limit 0.3s" });
    expect(timed.stats.walks).toBeGreaterThan(0);
    let polls = 0;
    const stopped = await simulate(one(spec), { seed: 3, shouldStop: () => (++polls > 2 ? "interrupted by a signal" : undefined) });
    expect(stopped.verdict).toEqual({ kind: "incomplete", reason: "interrupted by a signal" });
  });

  it("holds its distinct-state set to its limit and then says the count is a lower bound", async () => {
    const result = await simulate(one(spec), { seed: 3, walks: 200, coverageLimit: 100 });
    expect(result.stats).toMatchObject({ distinct: 100, coverageFull: true });
  });
});

describe("simulate with worker threads", () => {
  it("gives the same walks, counts and traces for 1, 2 and 4 workers: a violation, and a run that finds nothing", async () => {
    const buggy = { ...NAMED_CONFIGS.tiny!, variants: ["vs-amnesia" as const] };
    for (const [config, options] of [
      [buggy, { seed: 11, walks: 3000 }],
      [NAMED_CONFIGS.tiny!, { seed: 12, walks: 300, keepGoing: true }],
    ] as [ProtocolConfig, SimulateOptions][]) {
      const members = one(protocolSpec(config), 60, protocolSource(config));
      const byWorkers = await Promise.all([1, 2, 4].map(async (workers) => comparable(await simulate(members, { ...options, workers, walksPerJob: 8 }))));
      expect(byWorkers[1]).toEqual(byWorkers[0]);
      expect(byWorkers[2]).toEqual(byWorkers[0]);
    }
  }, 60_000);

  it("gives the same swarm for 1 and 3 workers, and a member rerun alone repeats its walks", async () => {
    const config = { ...NAMED_CONFIGS.tiny!, variants: ["serve-unconfirmed" as const] };
    const plan = (only?: number) =>
      planMembers({ config, build: protocolSpec, source: protocolSource, narrow: narrowConfig }, { seed: 21, depth: 60, swarm: 6, ...(only !== undefined && { only }) }).map((p) => p.member);
    const swarm = [1, 3].map((workers) => simulate(plan(), { seed: 21, walks: 4000, workers, walksPerJob: 8 }));
    const [alone, threaded] = await Promise.all(swarm);
    expect(comparable(threaded!)).toEqual(comparable(alone!));
    expect(alone!.verdict.kind).toBe("violation");
    const found = alone!.findings[0]!;
    const rerun = await simulate(plan(found.member), { seed: 21, walks: found.walk + 1, walksPerJob: 8 });
    expect(rerun.findings[0]).toMatchObject({ member: found.member, walk: found.walk, property: found.property });
    expect(rerun.findings[0]!.trace.steps.map((s) => s.label)).toEqual(found.trace.steps.map((s) => s.label));
  }, 60_000);
});
