// The parts of the search a spec or a user switches on: several initial
// states, symmetry through the symmetries hook, the time limit, progress reports and
// per-action coverage counts.

import { describe, expect, it } from "vitest";
import { dieHard } from "../../examples/die-hard.ts";
import { check, type Progress } from "./bfs.ts";
import type { ActionSpec } from "./spec.ts";
import { graphSpec } from "./test-graphs.ts";

describe("initial states", () => {
  it("explores from every initial state, not only the first", async () => {
    // Two disconnected chains: 0 → 1 → 2 and 10 → 11.
    const edges = Array.from({ length: 12 }, (_, n): number[] => (n === 0 || n === 1 || n === 10 ? [n + 1] : []));
    const result = await check(graphSpec({ edges, bad: new Set([11]), starts: [0, 10] }));
    if (result.verdict.kind !== "violation") throw new Error("expected the violation reachable from the second initial state");
    expect(result.verdict.trace.initialIndex).toBe(1);
    expect(result.verdict.trace.initial).toBe(10);
    expect(result.verdict.trace.steps.map((s) => s.state)).toEqual([11]);
  });

  it("counts every distinct initial state once, and reports a bad initial state with an empty trace", async () => {
    const edges = [[1], [], [], []];
    const pass = await check(graphSpec({ edges, bad: new Set(), starts: [0, 2, 2, 3] }));
    expect(pass.stats.distinct).toBe(4);
    expect(pass.stats.generated).toBe(5);
    const bad = await check(graphSpec({ edges, bad: new Set([3]), starts: [0, 2, 3] }));
    if (bad.verdict.kind !== "violation") throw new Error("expected a violation");
    expect(bad.verdict.trace.initialIndex).toBe(2);
    expect(bad.verdict.trace.steps).toHaveLength(0);
  });
});

describe("symmetry", () => {
  // States are pairs [a, b] of counters up to 3; swapping a and b is a symmetry.
  type Pair = readonly [number, number];
  const pairs = (canonical: boolean, bad?: (p: Pair) => boolean): ActionSpec<Pair, 0 | 1> => ({
    name: "pairs",
    initialStates: () => [[0, 0]],
    actions: (p) => ([0, 1] as const).filter((i) => p[i] < 3),
    next: (p, i) => (i === 0 ? [p[0] + 1, p[1]] : [p[0], p[1] + 1]),
    label: (i) => `inc ${i}`,
    actionName: () => "inc",
    actionNames: ["inc"],
    invariants: bad ? [{ name: "not bad", holds: (p) => !bad(p) }] : [],
    witnesses: [],
    ...(canonical ? { symmetries: (p: Pair) => [p, [p[1], p[0]]] } : {}),
  });

  it("stores one state per symmetry class", async () => {
    expect((await check(pairs(false))).stats.distinct).toBe(16);
    expect((await check(pairs(true))).stats.distinct).toBe(10);
  });

  it("is switched off by symmetry: false", async () => {
    expect((await check(pairs(true), { symmetry: false })).stats.distinct).toBe(16);
  });

  it("stores a state by the least fingerprint of its images, whichever of them is reached first", async () => {
    // Each pair's images under a swap: [1, 2] and [2, 1] fall in one class, so only one is stored.
    const twoStarts = { ...pairs(true), initialStates: () => [[1, 2], [2, 1]] as Pair[] };
    expect((await check(twoStarts, { maxDepth: 0 })).stats.distinct).toBe(1);
  });

  it("is a bug in the spec when a state has no image", async () => {
    await expect(check({ ...pairs(false), symmetries: () => [] })).rejects.toThrow("symmetries: a state must have at least one image (itself)");
  });

  it("widens the collision estimate by the square of the images per state", async () => {
    const plain = await check(pairs(false));
    const reduced = await check(pairs(true));
    expect(reduced.collisionProbability / plain.collisionProbability).toBeCloseTo((4 * 10 * 9) / (16 * 15));
  });

  it("still reports a trace that replays through the original states", async () => {
    // A symmetric property, as symmetry reduction requires.
    const result = await check(pairs(true, (p) => Math.min(...p) === 0 && Math.max(...p) === 2));
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    // The search stored [2, 0] or [0, 2], whichever came first; the trace replays to a real state of the class.
    const end = result.verdict.trace.steps.at(-1)!.state;
    expect([...end].sort()).toEqual([0, 2]);
    expect(result.verdict.trace.steps).toHaveLength(2);
  });
});

describe("the time limit", () => {
  const endless: ActionSpec<number, number> = { ...graphSpec({ edges: [], bad: new Set(), starts: [0] }), actions: (n) => [n + 1], next: (_n, m) => m };

  it("stops an endless search as incomplete, saying why", async () => {
    const result = await check(endless, { timeLimitMs: 200 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "reached --time-limit 0.2s" });
    expect(result.stats.elapsedMs).toBeGreaterThanOrEqual(200);
    expect(result.stats.distinct).toBeGreaterThan(1024);
  });
});

describe("progress reports", () => {
  it("come while the search runs, with counts that only grow", async () => {
    const seen: Progress[] = [];
    // Progress is looked at every 1,024 generated states.
    const line = graphSpec({ edges: Array.from({ length: 20_000 }, (_, n) => (n < 19_999 ? [n + 1] : [])), bad: new Set(), starts: [0] });
    await check(line, { progressIntervalMs: 0, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(10);
    for (const [i, p] of seen.entries()) {
      expect(p.distinct).toBeLessThanOrEqual(p.generated);
      if (i === 0) continue;
      expect(p.generated).toBeGreaterThan(seen[i - 1]!.generated);
      expect(p.depth).toBeGreaterThanOrEqual(seen[i - 1]!.depth);
    }
  }, 30_000);

  it("are optional: an interval with no one to report to is fine", async () => {
    const line = graphSpec({ edges: Array.from({ length: 3_000 }, (_, n) => (n < 2_999 ? [n + 1] : [])), bad: new Set(), starts: [0] });
    expect((await check(line, { progressIntervalMs: 0 })).verdict.kind).toBe("pass");
  });
});

describe("coverage counts", () => {
  /** A textbook BFS that credits each state to the action that first found it. */
  function referenceCoverage<S, A>(spec: ActionSpec<S, A>): Record<string, [number, number]> {
    const counts: Record<string, [number, number]> = Object.fromEntries((spec.actionNames ?? []).map((n) => [n, [0, 0]]));
    const key = (s: S) => JSON.stringify(s);
    const seen = new Set(spec.initialStates().map(key));
    const queue = [...spec.initialStates()];
    for (let head = 0; head < queue.length; head++) {
      for (const action of spec.actions(queue[head]!)) {
        const next = spec.next(queue[head]!, action);
        const count = counts[spec.actionName(action, queue[head]!)]!;
        count[0]++;
        if (seen.has(key(next))) continue;
        seen.add(key(next));
        queue.push(next);
        count[1]++;
      }
    }
    return counts;
  }

  it("say, per action, how often it fired and how many new states it found (DieHard)", async () => {
    const spec = { ...dieHard(), invariants: [] };
    const result = await check(spec);
    const coverage = Object.fromEntries(result.coverage.map((c) => [c.name, [c.fired, c.newStates]]));
    expect(coverage).toEqual(referenceCoverage(spec));
    // 16 states, 6 actions always enabled: 96 firings, 15 states found after the first.
    expect(result.stats.generated).toBe(1 + 16 * 6);
    expect(Object.values(coverage).reduce((sum, [, found]) => sum + found!, 0)).toBe(15);
  });
});

describe("many initial states", () => {
  it("trace a violation back to an initial state numbered past 65,535", async () => {
    // 70,001 initial states, each its own node; only the last is bad.
    const starts = Array.from({ length: 70_001 }, (_, i) => i);
    const spec = graphSpec({ edges: [], bad: new Set([70_000]), starts });
    const result = await check(spec);
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    expect(result.verdict.trace.initialIndex).toBe(70_000);
    expect(result.verdict.trace.initial).toBe(70_000);
  }, 30_000);
});

describe("a state constraint", () => {
  it("counts a state outside it as generated, but neither checks, stores nor expands it", async () => {
    // 0 → 1 → 2 → 3 (bad); the constraint keeps states below 2.
    const g = { edges: [[1], [2], [3], []], bad: new Set([3]), starts: [0] };
    const expanded: number[] = [];
    const spec: ActionSpec<number, number> = { ...graphSpec(g), actions: (n) => (expanded.push(n), g.edges[n]!), constraint: (n) => n < 2 };
    const result = await check(spec);
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(2);
    expect(result.stats.generated).toBe(3);
    expect(expanded).toEqual([0, 1]);
  });

  it("goes on past a state outside it, to the steps after it and the states after them", async () => {
    // 0 → 5 (outside), 1; 1 → 2. The step into 5 is taken first and must not end the search.
    const g = { edges: [[5, 1], [2], [], [], [], []], bad: new Set([2]), starts: [0] };
    const result = await check({ ...graphSpec(g), constraint: (n: number) => n !== 5 });
    expect(result.verdict.kind === "violation" && result.verdict.trace.steps.map((s) => s.label)).toEqual(["go 1", "go 2"]);
    expect([result.stats.distinct, result.stats.generated]).toEqual([3, 4]);
  });

  it("applies to initial states too", async () => {
    const result = await check({ ...graphSpec({ edges: [[], []], bad: new Set([1]), starts: [0, 1] }), constraint: (n: number) => n === 0 });
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(1);
  });
});

describe("action families", () => {
  it("need not be declared: coverage then lists the families that fired", async () => {
    const { actionNames: _, ...spec } = dieHard();
    const result = await check({ ...spec, invariants: [] });
    expect(result.coverage.map((c) => c.name)).toEqual(["FillSmall", "FillBig", "EmptySmall", "EmptyBig", "SmallToBig", "BigToSmall"]);
  });
});
