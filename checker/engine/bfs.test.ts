import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import type { ActionSpec } from "./spec.ts";
import { distances, fewestFaults, graphSpec, graphs, isFault, runs, type Graph } from "./test-graphs.ts";

/** The states the search expanded: on a complete search, every reachable one, each once. */
function expandedStates(spec: ActionSpec<number, number>): { spec: ActionSpec<number, number>; expanded: number[] } {
  const expanded: number[] = [];
  return {
    expanded,
    spec: {
      ...spec,
      actions: (n) => {
        expanded.push(n);
        return spec.actions(n);
      },
    },
  };
}

/** One witness per node, so every reachable node's shortest trace is reported. */
const witnessEveryNode = (g: Graph) => g.edges.map((_, n) => ({ name: `reach ${n}`, reached: (m: number) => m === n }));

describe("breadth-first search, against a textbook BFS", () => {
  it("expands exactly the reachable states, each once", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
        const { spec, expanded } = expandedStates(graphSpec(g, { checkBad: false }));
        const result = await check(spec);
        expect(result.verdict.kind).toBe("pass");
        const reference = [...distances(g).keys()].sort((a, b) => a - b);
        expect([...expanded].sort((a, b) => a - b)).toEqual(reference);
        expect(result.stats.distinct).toBe(reference.length);
        expect(result.stats.depth).toBe(Math.max(...distances(g).values()) + 1);
        // The widest level is the first of the largest.
        const widths = [...distances(g).values()].reduce((w, d) => ((w[d] = (w[d] ?? 0) + 1), w), [] as number[]);
        const widest = Math.max(...widths);
        expect(result.stats.widestLevel).toEqual({ depth: widths.indexOf(widest), states: widest });
      }),
      runs(300, 11),
    );
  });

  it("finds every state at its shortest distance, also while choosing cheaper parents", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), fc.boolean(), async (g, costs) => {
        const spec = { ...graphSpec(g, { checkBad: false, costs }), witnesses: witnessEveryNode(g) };
        const result = await check(spec);
        const dist = distances(g);
        for (const [n, w] of result.witnesses.entries()) {
          expect(w.trace?.steps.length, `node ${n}`).toBe(dist.get(n));
          if (w.trace === undefined) continue;
          // The trace is a real path: it starts at a start node and follows edges.
          expect(g.starts).toContain(w.trace.initial);
          expect(g.starts[w.trace.initialIndex]).toBe(w.trace.initial);
          let at = w.trace.initial;
          for (const step of w.trace.steps) {
            expect(g.edges[at]).toContain(step.state);
            at = step.state;
          }
          expect(at).toBe(n);
        }
      }),
      runs(400, 12),
    );
  });

  it("reports a shortest path to a violating state, and it replays", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
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
      }),
      runs(300, 13),
    );
  });
});

describe("preferring few faults among the shortest counterexamples", () => {
  it("reports a shortest counterexample with the fewest fault steps", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
        const dist = distances(g);
        const reachableBad = [...g.bad].filter((n) => dist.has(n));
        if (reachableBad.length === 0) return;
        const fewest = fewestFaults(g);
        const depth = Math.min(...reachableBad.map((n) => dist.get(n)!));
        const expected = Math.min(...reachableBad.filter((n) => dist.get(n) === depth).map((n) => fewest.get(n)!));
        const result = await check(graphSpec(g, { costs: true }));
        if (result.verdict.kind !== "violation") throw new Error("expected a violation");
        const faults = result.verdict.trace.steps.filter((s) => isFault(s.state)).length;
        expect(result.verdict.trace.steps).toHaveLength(depth);
        expect(faults).toBe(expected);
        expect(result.verdict.cost?.faults).toBe(expected);
      }),
      runs(600, 14),
    );
  });

  it("finds every witness by a path with the fewest faults among the shortest", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
        const spec = { ...graphSpec(g, { checkBad: false, costs: true }), witnesses: witnessEveryNode(g) };
        const result = await check(spec);
        const fewest = fewestFaults(g);
        for (const [n, w] of result.witnesses.entries()) {
          if (w.trace === undefined) continue;
          expect(w.trace.steps.filter((s) => isFault(s.state)).length, `node ${n}`).toBe(fewest.get(n));
        }
      }),
      runs(400, 15),
    );
  });
});

describe("a graph big enough to grow the fingerprint table", () => {
  it("finds all of its 40,000 states, each at its distance", async () => {
    // The table starts with 65,536 slots and grows past half full.
    const size = 40_000;
    // A fixed pseudo-random graph: node n links to n+1 and to two others.
    let x = 12345;
    const random = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % size);
    const edges = Array.from({ length: size }, (_, n) => [(n + 1) % size, random(), random()]);
    const g: Graph = { edges, bad: new Set(), starts: [0] };
    const { spec, expanded } = expandedStates(graphSpec(g, { checkBad: false }));
    const result = await check({ ...spec, witnesses: [{ name: "last", reached: (n) => n === size - 1 }] });
    expect(result.stats.distinct).toBe(size);
    expect(new Set(expanded).size).toBe(size);
    expect(result.witnesses[0]!.trace!.steps.length).toBe(distances(g).get(size - 1));
  }, 30_000);
});

describe("limits", () => {
  const line: Graph = { edges: [...Array(50).keys()].map((i) => (i < 49 ? [i + 1] : [])), bad: new Set(), starts: [0] };

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
    const counter: ActionSpec<number, number> = { ...graphSpec(line), actions: (n) => [n + 1], next: (_n, m) => m };
    const result = await check(counter, { shouldStop: () => "interrupted", timeLimitMs: 10_000 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "interrupted" });
    expect(result.stats.distinct).toBeGreaterThan(0);
  });
});

describe("deadlock detection", () => {
  const dead: Graph = { edges: [[1], [2], []], bad: new Set(), starts: [0] };

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
    const spec = { ...graphSpec({ edges: [[0]], bad: new Set(), starts: [0] }), actionNames: ["go", "never"] };
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
    const flaky: ActionSpec<number, number> = {
      ...graphSpec({ edges: [[1], [2], [2]], bad: new Set([2]), starts: [0] }),
      // The action list changes between the search and the replay.
      actions: (n) => (n === 0 && calls++ > 0 ? [] : [n + 1]),
    };
    await expect(check(flaky)).rejects.toThrow(/not deterministic/);
  });
});
