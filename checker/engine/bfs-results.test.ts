// What a search reports besides its verdict, pinned exactly: the counts at a
// violation, the queue left at a stop, the messages of its limits, coverage
// of actions the spec did not name, and the bookkeeping it measures.

import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import type { ActionSpec } from "./spec.ts";
import { graphSpec, type Graph } from "./test-graphs.ts";

const line = (n: number): Graph => ({ edges: Array.from({ length: n }, (_, i) => (i < n - 1 ? [i + 1] : [])), bad: new Set(), starts: [0] });

describe("counts", () => {
  it("finish the level of a violation, with or without path costs, and report the first one found", async () => {
    // 0 → 1, 2, 3 (bad), 4 (bad): level 1 is finished, so its counts do not depend on the order within it.
    // Without costs the first found is reported; with them the cheaper (a step into an odd node is a fault).
    const g: Graph = { edges: [[1, 2, 3, 4], [], [], [], []], bad: new Set([3, 4]), starts: [0] };
    for (const [costs, reported] of [[false, "go 3"], [true, "go 4"]] as const) {
      const result = await check(graphSpec(g, { costs }));
      expect(result.verdict.kind === "violation" && result.verdict.trace.steps.map((s) => s.label)).toEqual([reported]);
      expect([result.stats.distinct, result.stats.generated, result.stats.depth]).toEqual([5, 5, 1]);
    }
  });

  it("report a deadlock only once its level is done, the first one found, before any broken invariant of the next level", async () => {
    // 0 → 1, 2; 1 has no step (a deadlock, at depth 1); 2 → 3, which is bad, at depth 2.
    const g: Graph = { edges: [[1, 2], [], [3], []], bad: new Set([3]), starts: [0] };
    const result = await check(graphSpec(g), { checkDeadlock: true });
    expect(result.verdict.kind === "violation" && [result.verdict.property, result.verdict.trace.steps.map((s) => s.label)]).toEqual(["deadlock", ["go 1"]]);
    expect([result.stats.distinct, result.stats.generated]).toEqual([4, 4]);
  });

  it("include every initial state, even after a bad one", async () => {
    const g: Graph = { edges: [[], [], []], bad: new Set([0]), starts: [0, 1, 2] };
    expect((await check(graphSpec(g))).stats.distinct).toBe(3);
    expect((await check(graphSpec(g, { costs: true }))).stats.distinct).toBe(3);
  });

  it("leave nothing queued after a complete search", async () => {
    expect((await check(graphSpec(line(5)))).stats.queued).toBe(0);
  });

  it("leave nothing queued after a violation among the initial states", async () => {
    const result = await check(graphSpec({ edges: [[]], bad: new Set([0]), starts: [0] }));
    expect(result.stats.queued).toBe(0);
  });

  it("say how many states were still queued when a limit stopped the search", async () => {
    // At the 10th state, 8 is being expanded and 9 waits in the next level.
    const result = await check(graphSpec(line(50)), { maxStates: 10 });
    expect(result.stats.queued).toBe(2);
    expect(result.stats.depth).toBe(9);
  });

  it("measure the elapsed time of the search, not of the clock", async () => {
    const result = await check(graphSpec(line(10)));
    expect(result.stats.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(result.stats.elapsedMs).toBeLessThan(60_000);
  });

  it("measure the bookkeeping: a parent number and an action index per state", async () => {
    const result = await check(graphSpec(line(10)));
    // Both arrays start with room for 65,536 states: 4 bytes and 2 bytes each.
    expect(result.stats.bookkeepingBytes).toBe(65_536 * 6);
    // The fingerprint table starts with 65,536 slots of 8 bytes.
    expect(result.stats.tableBytes).toBe(65_536 * 8);
    // With path costs, the index of the level being built comes on top: 1,024 slots of 16 bytes.
    const withCosts = await check(graphSpec(line(10), { costs: true }));
    expect(withCosts.stats.tableBytes).toBe(65_536 * 8 + 1_024 * 16);
  });
});

describe("messages", () => {
  it("explain a broken invariant that has no explanation of its own by its name", async () => {
    const result = await check(graphSpec({ edges: [[1], []], bad: new Set([1]), starts: [0] }));
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    expect(result.verdict.explanation).toBe("not bad does not hold");
  });

  it("say where the depth limit stopped the search", async () => {
    const result = await check(graphSpec(line(50)), { maxDepth: 5 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "reached --max-depth 5 with 1 states unexpanded" });
  });

  it("say why a deadlock is one, and give it no path cost", async () => {
    const result = await check(graphSpec({ edges: [[1], []], bad: new Set(), starts: [0] }, { costs: true }), { checkDeadlock: true });
    if (result.verdict.kind !== "violation") throw new Error("expected a deadlock");
    expect(result.verdict.explanation).toBe("no action is enabled and the state is not final");
    expect(result.verdict.cost).toBeUndefined();
  });

  it("name every witness, reached or not", async () => {
    const spec = { ...graphSpec(line(3), { checkBad: false }), witnesses: [{ name: "never", reached: () => false }, { name: "two", reached: (n: number) => n === 2 }] };
    const result = await check(spec);
    expect(result.witnesses.map((w) => [w.name, w.trace?.steps.length])).toEqual([
      ["never", undefined],
      ["two", 2],
    ]);
  });
});

describe("the violated invariant", () => {
  it("is the one reported, and it is checked again on the replayed trace", async () => {
    const spec: ActionSpec<number, number> = {
      ...graphSpec({ edges: [[1], [2], []], bad: new Set(), starts: [0] }),
      invariants: [
        { name: "first", holds: () => true },
        { name: "second", holds: (n) => n !== 2 },
      ],
    };
    const result = await check(spec);
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    expect(result.verdict.property).toBe("second");
    expect(result.verdict.trace.steps).toHaveLength(2);
  });
});

describe("a spec that answers differently on replay", () => {
  it("is refused when its invariant no longer fails on the replayed trace", async () => {
    let calls = 0;
    const spec: ActionSpec<number, number> = { ...graphSpec(line(3)), invariants: [{ name: "flaky", holds: (n) => n !== 2 || calls++ > 0 }] };
    await expect(check(spec)).rejects.toThrow("replay: invariant flaky holds on the replayed trace; the spec is not deterministic");
  });

  it("is refused when its witness is no longer reached on the replayed trace", async () => {
    let calls = 0;
    const spec: ActionSpec<number, number> = { ...graphSpec(line(3), { checkBad: false }), witnesses: [{ name: "flaky", reached: (n) => n === 2 && calls++ === 0 }] };
    await expect(check(spec)).rejects.toThrow("replay: witness flaky not reached on replay");
  });
});

describe("coverage", () => {
  it("lists an action family the spec did not name, once it fires", async () => {
    const result = await check({ ...graphSpec(line(3)), actionNames: [] });
    expect(result.coverage).toEqual([{ name: "go", fired: 2, newStates: 2 }]);
  });
});

describe("the action index limit", () => {
  const fan = (n: number): ActionSpec<number, number> => ({ ...graphSpec({ edges: [], bad: new Set(), starts: [0] }), actions: (s) => (s === 0 ? Array.from({ length: n }, (_, i) => i + 1) : []) });

  it("takes 65,535 actions in one state", async () => {
    expect((await check(fan(65_535))).stats.distinct).toBe(65_536);
  }, 30_000);

  it("refuses more, since an action index is stored in 16 bits", async () => {
    await expect(check(fan(65_536))).rejects.toThrow("spec graph: more than 65535 actions enabled in one state");
  });
});
