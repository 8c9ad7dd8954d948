import { describe, expect, it } from "vitest";
import { check } from "../checker/bfs.ts";
import { twoPhase } from "./two-phase.ts";

describe("TwoPhase (as TwoPhase.tla)", () => {
  it.each([
    [3, 288],
    [5, 8_832],
  ])("with %i resource managers has %i distinct states and no violation", async (rms, distinct) => {
    const result = await check(twoPhase(rms));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(distinct);
    expect(result.witnesses.every((w) => w.trace !== undefined)).toBe(true);
  });

  it("fires every action", async () => {
    const result = await check(twoPhase(3));
    expect(result.coverage.filter((c) => c.fired === 0)).toEqual([]);
  });
});
