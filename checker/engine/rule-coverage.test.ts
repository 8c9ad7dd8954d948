import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import type { Checkpoint } from "./checkpoint.ts";
import type { ActionSpec } from "./spec.ts";
import { distances, graphSpec, graphs, runs, type Graph } from "./test-graphs.ts";

/** Steps into an even node take "even", into an odd one "odd"; into a node above 10 also "big", which `names` leaves out. */
const withRules = (g: Graph): ActionSpec<number, number> => ({
  ...graphSpec(g, { checkBad: false }),
  rules: { names: ["even", "odd", "never"], taken: (_n, to) => (to > 10 ? [to % 2 === 0 ? "even" : "odd", "big"] : [to % 2 === 0 ? "even" : "odd"]) },
});

/** The reference: over every edge out of every reachable node, the rules its step takes. */
function referenceCounts(g: Graph): Record<string, number> {
  const counts: Record<string, number> = { even: 0, odd: 0, never: 0 };
  for (const n of distances(g).keys()) {
    for (const to of g.edges[n] ?? []) {
      counts[to % 2 === 0 ? "even" : "odd"]!++;
      if (to > 10) counts.big = (counts.big ?? 0) + 1;
    }
  }
  return counts;
}

describe("rule coverage", () => {
  it("counts each branch a step took, over every step generated, listed names first", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
        const result = await check(withRules(g));
        expect(Object.fromEntries(result.rules!.map((r) => [r.name, r.taken]))).toEqual(referenceCounts(g));
        expect(result.rules!.slice(0, 3).map((r) => r.name)).toEqual(["even", "odd", "never"]);
      }),
      runs(200, 51),
    );
  });

  it("is absent for a spec without the hook", async () => {
    expect((await check(graphSpec({ edges: [[]], bad: new Set(), starts: [0] }))).rules).toBeUndefined();
  });

  it("survives a checkpoint: a resumed search counts as one never stopped", async () => {
    const g: Graph = { edges: Array.from({ length: 30 }, (_, n) => [(n * 7 + 1) % 30, (n * 3 + 2) % 30, (n + 11) % 30]), bad: new Set(), starts: [0] };
    const saved: Checkpoint<unknown>[] = [];
    await check(withRules(g), { maxStates: 12, checkpoint: { identity: "test", everyMs: 1e9, save: (c) => saved.push(c) } });
    const resumed = await check(withRules(g), { resume: saved[0] });
    expect(resumed.rules).toEqual((await check(withRules(g))).rules);
  });
});
