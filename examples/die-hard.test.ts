import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { dieHard } from "./die-hard.ts";

describe("DieHard (big=5, small=3)", () => {
  it("has 16 distinct reachable states", async () => {
    const result = await check({ ...dieHard(), invariants: [] });
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(16);
  });

  it("violates big ≠ 4 with a shortest counterexample of exactly 6 steps", async () => {
    const result = await check(dieHard());
    if (result.verdict.kind !== "violation") throw new Error(`expected a violation, got ${result.verdict.kind}`);
    expect(result.verdict.property).toBe("big ≠ 4");
    expect(result.verdict.trace.steps).toHaveLength(6);
    expect(result.verdict.trace.steps.at(-1)?.state.big).toBe(4);
  });
});
