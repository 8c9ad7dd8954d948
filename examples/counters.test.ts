import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { naiveSearch } from "../checker/engine/naive-bfs.ts";
import { counters } from "./counters.ts";

describe("independent counters", () => {
  it("has (limit + 1)^K states, depth K × limit, with counts a naive search agrees with", async () => {
    const spec = counters(3, 6);
    const result = await check(spec);
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(7 ** 3);
    expect(naiveSearch(spec)).toEqual({ kind: "pass", distinct: 343, generated: result.stats.generated, depth: 18 });
    expect(result.witnesses[0]!.trace!.steps).toHaveLength(18);
  });

  it("has the pinned counts of its benchmark size", async () => {
    const result = await check(counters(4, 20));
    expect([result.stats.distinct, result.stats.generated, result.stats.depth - 1]).toEqual([194_481, 740_881, 80]);
  }, 60_000);
});
