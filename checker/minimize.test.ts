import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import { minimize, reproduction } from "./minimize.ts";
import { dieHard } from "../examples/die-hard.ts";
import { protocolSpec } from "../model/protocol-spec.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import type { Spec } from "./spec.ts";

/** A seeded random walk until the property fails: a long, wandering counterexample. */
function randomWalk<S, A>(spec: Spec<S, A>, property: string, seed: number, maxSteps = 5_000): string[] {
  const invariant = spec.invariants.find((i) => i.name === property)!;
  let x = seed;
  const random = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let state: S = spec.initialStates()[0]!;
  const labels: string[] = [];
  while (invariant.holds(state) && labels.length < maxSteps) {
    const actions = spec.actions(state);
    if (actions.length === 0) break;
    const action = actions[Math.floor(random() * actions.length)]!;
    labels.push(spec.label(action));
    state = spec.next(state, action);
  }
  return labels;
}

describe("minimizing a trace", () => {
  it("shrinks a random walk on DieHard to a trace as short as the shortest", async () => {
    const spec = dieHard();
    const walk = randomWalk(spec, "big ≠ 4", 7);
    expect(reproduction(spec, "big ≠ 4", walk)).toEqual(walk);
    const shrunk = minimize(spec, "big ≠ 4", walk)!;
    expect(walk.length).toBeGreaterThan(shrunk.length);
    expect(reproduction(spec, "big ≠ 4", shrunk)).toEqual(shrunk);
    expect(shrunk).toHaveLength(6);
  });

  it("shrinks a random walk into a protocol bug and keeps the same violation", async () => {
    const spec = protocolSpec({ ...NAMED_CONFIGS.tiny!, variants: ["vs-amnesia"] });
    const property = "INV-1 at most one primary per view";
    const seeds = Array.from({ length: 500 }, (_, i) => i + 1);
    const walk = seeds.map((seed) => randomWalk(spec, property, seed)).find((w) => reproduction(spec, property, w) !== undefined)!;
    expect(walk).toBeDefined();
    const shrunk = minimize(spec, property, walk)!;
    const shortest = await check(spec);
    expect(shrunk.length).toBeLessThanOrEqual(walk.length);
    expect(reproduction(spec, property, shrunk)).toEqual(shrunk);
    expect(shrunk.length).toBeGreaterThanOrEqual(shortest.verdict.kind === "violation" ? shortest.verdict.trace.steps.length : Infinity);
  });

  it("says there is nothing to minimize when the trace does not fail", () => {
    expect(minimize(dieHard(), "big ≠ 4", ["FillBig"])).toBeUndefined();
    expect(minimize(dieHard(), "big ≠ 4", ["no such step"])).toBeUndefined();
  });
});
