import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { naiveSearch } from "../checker/engine/naive-bfs.ts";
import { bakery } from "./bakery.ts";

describe("Lamport's bakery with bounded tickets", () => {
  it("keeps mutual exclusion for 3 processes, with counts a naive search agrees with", async () => {
    const spec = bakery(3, 3);
    const result = await check(spec);
    expect(result.verdict.kind).toBe("pass");
    expect([result.stats.distinct, result.stats.generated]).toEqual([24_940, 66_765]);
    expect(naiveSearch(spec)).toEqual({ kind: "pass", distinct: 24_940, generated: 66_765, depth: 60 });
    expect(result.witnesses[0]!.trace).toBeDefined();
  }, 60_000);

  it("loses mutual exclusion when a process does not wait for smaller tickets", async () => {
    const result = await check(bakery(2, 2, { skipTicketWait: true }));
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    expect(result.verdict.property).toBe("mutual exclusion");
    expect(naiveSearch(bakery(2, 2, { skipTicketWait: true }))).toEqual({ kind: "violation", property: "mutual exclusion", depth: result.verdict.trace.steps.length });
  });
});
