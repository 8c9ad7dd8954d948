import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import type { Spec } from "./spec.ts";

interface Graph {
  readonly edges: readonly (readonly number[])[];
  readonly bad: ReadonlySet<number>;
  readonly start: number;
}

/** A spec whose states are the nodes of a graph and whose actions follow its edges. */
function graphSpec(g: Graph, checkBad = true): Spec<number, number> {
  return {
    name: "graph",
    initialStates: () => [g.start],
    actions: (n) => g.edges[n] ?? [],
    next: (_n, to) => to,
    label: (to) => `go ${to}`,
    actionName: () => "go",
    actionNames: ["go"],
    invariants: checkBad ? [{ name: "not bad", holds: (n) => !g.bad.has(n) }] : [],
    witnesses: [],
  };
}

/** The reference: a plain textbook BFS computing each node's distance from the start. */
function distances(g: Graph): Map<number, number> {
  const dist = new Map([[g.start, 0]]);
  const queue = [g.start];
  while (queue.length > 0) {
    const n = queue.shift()!;
    for (const m of g.edges[n] ?? []) {
      if (!dist.has(m)) {
        dist.set(m, dist.get(n)! + 1);
        queue.push(m);
      }
    }
  }
  return dist;
}

const graphs = fc.integer({ min: 1, max: 30 }).chain((size) =>
  fc.record({
    edges: fc.array(fc.array(fc.integer({ min: 0, max: size - 1 }), { maxLength: 4 }), { minLength: size, maxLength: size }),
    bad: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 3 }).map((xs) => new Set(xs)),
    start: fc.integer({ min: 0, max: size - 1 }),
  }),
);

describe("breadth-first search", () => {
  it("finds exactly the reachable states", async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async (g) => {
        const result = await check(graphSpec(g, false));
        expect(result.verdict.kind).toBe("pass");
        expect(result.stats.distinct).toBe(distances(g).size);
      }),
    );
  });

  it("reports a shortest path to a violating state, and it replays", async () => {
    await fc.assert(
      fc.asyncProperty(graphs, async (g) => {
        const dist = distances(g);
        const reachableBad = [...g.bad].filter((n) => dist.has(n));
        const result = await check(graphSpec(g));
        if (reachableBad.length === 0) {
          expect(result.verdict.kind).toBe("pass");
          return;
        }
        if (result.verdict.kind !== "violation") throw new Error("expected a violation");
        const trace = result.verdict.trace;
        const end = trace.steps.at(-1)?.state ?? trace.initial;
        expect(g.bad.has(end)).toBe(true);
        expect(trace.steps.length).toBe(Math.min(...reachableBad.map((n) => dist.get(n)!)));
        // Each step follows an edge of the graph.
        let at = trace.initial;
        for (const step of trace.steps) {
          expect(g.edges[at]).toContain(step.state);
          at = step.state;
        }
      }),
    );
  });

  it("finds a shortest trace to every witness", async () => {
    await fc.assert(
      fc.asyncProperty(graphs, fc.nat(29), async (g, target) => {
        const spec = { ...graphSpec(g, false), witnesses: [{ name: "target", reached: (n: number) => n === target }] };
        const result = await check(spec);
        const expected = distances(g).get(target);
        expect(result.witnesses[0]?.trace?.steps.length).toBe(expected);
      }),
    );
  });
});

describe("preferring few faults among the shortest counterexamples", () => {
  it("reports a shortest counterexample with the fewest fault steps", async () => {
    // Edges to odd-numbered nodes are faults.
    const isFault = (to: number) => to % 2 === 1;
    await fc.assert(
      fc.asyncProperty(graphs, async (g) => {
        const dist = distances(g);
        const reachableBad = [...g.bad].filter((n) => dist.has(n));
        if (reachableBad.length === 0) return;
        // Reference: the fewest faults over shortest paths, level by level.
        const fewest = new Map([[g.start, 0]]);
        const byDepth = [...dist].sort((a, b) => a[1] - b[1]);
        for (const [n, d] of byDepth) {
          for (const m of g.edges[n] ?? []) {
            if (dist.get(m) !== d + 1) continue;
            const via = fewest.get(n)! + (isFault(m) ? 1 : 0);
            if (via < (fewest.get(m) ?? Infinity)) fewest.set(m, via);
          }
        }
        const depth = Math.min(...reachableBad.map((n) => dist.get(n)!));
        const expected = Math.min(...reachableBad.filter((n) => dist.get(n) === depth).map((n) => fewest.get(n)!));
        const spec = { ...graphSpec(g), stepInfo: (to: number) => ({ actor: `n${to % 3}`, fault: isFault(to) }) };
        const result = await check(spec);
        if (result.verdict.kind !== "violation") throw new Error("expected a violation");
        const faults = result.verdict.trace.steps.filter((s) => isFault(s.state)).length;
        expect(result.verdict.trace.steps).toHaveLength(depth);
        expect(faults).toBe(expected);
        expect(result.verdict.cost?.faults).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("limits", () => {
  const line: Graph = { edges: [...Array(50).keys()].map((i) => (i < 49 ? [i + 1] : [])), bad: new Set(), start: 0 };

  it("reports a search stopped by --max-states as incomplete, never a pass", async () => {
    const result = await check(graphSpec(line), { maxStates: 10 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "reached --max-states 10" });
    expect(result.stats.distinct).toBe(10);
  });

  it("reports a search stopped by --max-depth as incomplete", async () => {
    const result = await check(graphSpec(line), { maxDepth: 5 });
    expect(result.verdict.kind).toBe("incomplete");
    expect(result.stats.depth).toBe(5);
  });

  it("passes when the depth limit is beyond the deepest state", async () => {
    const result = await check(graphSpec(line), { maxDepth: 60 });
    expect(result.verdict.kind).toBe("pass");
  });

  it("stops when asked to and says so", async () => {
    const counter: Spec<number, number> = { ...graphSpec(line), actions: (n) => [n + 1], next: (_n, m) => m };
    const result = await check(counter, { shouldStop: () => "interrupted", timeLimitMs: 10_000 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "interrupted" });
    expect(result.stats.distinct).toBeGreaterThan(0);
  });
});

describe("deadlock detection", () => {
  const dead: Graph = { edges: [[1], [2], []], bad: new Set(), start: 0 };

  it("reports a state with no enabled action when asked", async () => {
    const result = await check(graphSpec(dead), { checkDeadlock: true });
    if (result.verdict.kind !== "violation") throw new Error("expected a deadlock");
    expect(result.verdict.property).toBe("deadlock");
    expect(result.verdict.trace.steps).toHaveLength(2);
  });

  it("accepts a state the spec marks as final", async () => {
    const result = await check({ ...graphSpec(dead), isFinal: (n) => n === 2 }, { checkDeadlock: true });
    expect(result.verdict.kind).toBe("pass");
  });
});

describe("coverage", () => {
  it("lists an action that never fired", async () => {
    const spec = { ...graphSpec({ edges: [[0]], bad: new Set(), start: 0 }), actionNames: ["go", "never"] };
    const result = await check(spec);
    expect(result.coverage).toEqual([
      { name: "go", fired: 1, newStates: 0 },
      { name: "never", fired: 0, newStates: 0 },
    ]);
  });
});

describe("replay", () => {
  it("refuses to show a trace from a spec that is not deterministic", async () => {
    let calls = 0;
    const flaky: Spec<number, number> = {
      ...graphSpec({ edges: [[1], [2], [2]], bad: new Set([2]), start: 0 }),
      // The action list changes between the search and the replay.
      actions: (n) => (n === 0 && calls++ > 0 ? [] : [n + 1]),
    };
    await expect(check(flaky)).rejects.toThrow(/not deterministic/);
  });
});
