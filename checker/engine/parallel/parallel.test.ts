import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAMED_CONFIGS } from "../../../spec/configs/index.ts";
import { check, type CheckOptions, type CheckResult } from "../bfs.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { graphs, runs, type Graph } from "../test-graphs.ts";
import { balance, checkParallel } from "./coordinator.ts";

const at = (path: string) => new URL(path, import.meta.url).href;

/** Everything a user reads off a result, but the time and memory. */
function outcome<S, A>(result: CheckResult<S, A>) {
  const { verdict, stats } = result;
  return {
    verdict: verdict.kind,
    property: verdict.kind === "violation" ? verdict.property : undefined,
    explanation: verdict.kind === "violation" ? verdict.explanation : undefined,
    trace: verdict.kind === "violation" ? verdict.trace.steps.map((s) => s.label) : undefined,
    cost: verdict.kind === "violation" ? verdict.cost : undefined,
    reason: verdict.kind === "incomplete" ? verdict.reason : undefined,
    counts: [stats.distinct, stats.generated, stats.depth, stats.queued, stats.widestLevel.depth, stats.widestLevel.states],
    witnesses: result.witnesses.map((w) => [w.name, w.trace?.steps.map((s) => s.label)]),
    coverage: result.coverage,
    rules: result.rules,
  };
}

/** The one-worker engine, then 1, 2 and 4 workers: all four must agree. */
async function sameForEveryN(source: SpecSource, options: CheckOptions = {}): Promise<ReturnType<typeof outcome>> {
  const expected = outcome(await check(await buildSpec(source), options));
  for (const workers of [1, 2, 4]) expect(outcome(await checkParallel(source, workers, options)), `${workers} workers`).toEqual(expected);
  return expected;
}

const protocol = (name: string, variants: string[] = []): SpecSource => ({
  module: at("../../../model/protocol-spec.ts"),
  exportName: "protocolSpec",
  args: [{ ...NAMED_CONFIGS[name]!, variants }],
});

describe("a parallel search reports what the one-worker search reports, for 1, 2 and 4 workers", () => {
  it.each([
    ["TwoPhase, 4 resource managers", { module: at("../../../examples/two-phase.ts"), exportName: "twoPhase", args: [4] }],
    ["DieHard (a violation)", { module: at("../../../examples/die-hard.ts"), exportName: "dieHard", args: [] }],
    ["the bakery, 2 processes", { module: at("../../../examples/bakery.ts"), exportName: "bakery", args: [2, 4] }],
    ["counters, 3 to 5", { module: at("../../../examples/counters.ts"), exportName: "counters", args: [3, 5] }],
  ])("%s", async (_name, source) => {
    await sameForEveryN(source);
  }, 60_000);

  it("with deadlocks checked: the first deadlock of the level, as one worker finds it", async () => {
    // 0 → 1..6; 3 and 5 have no step; the others go on to 7.
    const g: Graph = { edges: [[1, 2, 3, 4, 5, 6], [7], [7], [], [7], [], [7], [0]], bad: new Set(), starts: [0] };
    const result = await sameForEveryN({ module: at("../test-graphs.ts"), exportName: "graphSpec", args: [g] }, { checkDeadlock: true });
    expect([result.property, result.trace]).toEqual(["deadlock", ["go 3"]]);
  }, 60_000);

  it.each([
    ["with symmetry", true, 9_455],
    ["without symmetry", false, 18_909],
  ])("the protocol's tiny configuration, with path costs and rule coverage, %s", async (_how, symmetry, distinct) => {
    const result = await sameForEveryN(protocol("tiny"), { symmetry });
    expect(result.counts[0]).toBe(distinct);
  }, 120_000);

  it.each(["promote-idle", "vs-amnesia"])("tiny with %s: the same shortest, fewest-fault counterexample", async (variant) => {
    const result = await sameForEveryN(protocol("tiny", [variant]));
    expect(result.verdict).toBe("violation");
  }, 120_000);

  it("random graphs, with and without path costs and deadlock checks", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(30), fc.boolean(), fc.boolean(), async (g: Graph, costs, checkDeadlock) => {
        await sameForEveryN({ module: at("../test-graphs.ts"), exportName: "graphSpec", args: [g, { costs }] }, { checkDeadlock });
      }),
      runs(12, 61),
    );
  }, 300_000);

  it("stops between levels at a limit, and says so", async () => {
    const result = await checkParallel(protocol("tiny"), 2, { maxDepth: 5 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: expect.stringMatching(/^reached --max-depth 5 with \d+ states unexpanded$/) });
    expect(outcome(result)).toEqual(outcome(await check(await buildSpec(protocol("tiny")), { maxDepth: 5 })));
  }, 60_000);
});

describe("balancing the partitions", () => {
  it("moves states only past a tenth of the share, and then to even shares", () => {
    expect(balance([500, 520])).toEqual([[0, 0], [0, 0]]);
    expect(balance([1000, 0])).toEqual([[0, 500], [0, 0]]);
    const ship = balance([900, 50, 50, 0]);
    const after = [900, 50, 50, 0].map((c, i) => c - ship[i]!.reduce((a, b) => a + b, 0) + ship.reduce((n, row) => n + row[i]!, 0));
    expect(after).toEqual([250, 250, 250, 250]);
  });
});
