import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActionSpec } from "../spec.ts";
import { graphSpec, graphs, runs, type Graph } from "../test-graphs.ts";
import { replayPath } from "../trace.ts";
import { Random } from "./random.ts";
import { walk, type WalkObserver } from "./walk.ts";
import { chooseWeighted, WalkBias } from "./walk-bias.ts";

const quiet: WalkObserver<number, number> = { visit: () => {}, stepped: () => {} };

/** Edges into nodes divisible by 5 weigh 0: no walk may take them. */
const weighted = (g: Graph): ActionSpec<number, number> => ({
  ...graphSpec(g, { checkBad: true, costs: true }),
  weight: (to) => (to % 5 === 0 ? 0 : 1 + (to % 3)),
});

describe("a random walk", () => {
  it("takes only steps the spec offers, never one that weighs 0, never past its depth, and stops at the first bad state", () => {
    fc.assert(
      fc.property(graphs(), fc.integer({ min: 0, max: 30 }), fc.integer(), (g, depth, seed) => {
        const spec = weighted(g);
        const visited: number[] = [];
        const result = walk(spec, spec.initialStates(), { depth, familyWeights: {} }, new Random(seed), { checkDeadlock: false }, { ...quiet, visit: (s) => visited.push(s) });
        // Replay checks each recorded index against the steps the spec lists there.
        const trace = replayPath(spec, result);
        expect(result.actionIndices.length).toBeLessThanOrEqual(depth);
        expect(visited).toEqual([trace.initial, ...trace.steps.map((s) => s.state)]);
        for (const step of trace.steps) expect(step.state % 5).not.toBe(0);
        // It never goes back into a state it has been in.
        expect(new Set(visited).size).toBe(visited.length);
        const bad = visited.findIndex((s) => g.bad.has(s));
        expect(result.end === "violation").toBe(bad >= 0);
        if (bad >= 0) expect(bad).toBe(visited.length - 1);
        if (result.end === "depth") expect(result.actionIndices.length).toBe(depth);
        if (result.end === "stuck") {
          const last = visited[visited.length - 1]!;
          for (const to of g.edges[last] ?? []) expect(to % 5 === 0 || visited.includes(to)).toBe(true);
        }
      }),
      runs(500, 21),
    );
  });

  it("is the same walk for the same seed", () => {
    fc.assert(
      fc.property(graphs(), fc.integer(), (g, seed) => {
        const spec = weighted(g);
        const once = () => walk(spec, spec.initialStates(), { depth: 40, familyWeights: {} }, new Random(seed), { checkDeadlock: false }, quiet);
        expect(once()).toEqual(once());
      }),
      runs(200, 22),
    );
  });

  it("reports a deadlock only when asked to, and not in a final state", () => {
    const line: ActionSpec<number, "on"> = {
      name: "line",
      initialStates: () => [0],
      actions: (n) => (n < 3 ? ["on"] : []),
      next: (n) => n + 1,
      label: () => "on",
      actionName: () => "on",
      invariants: [],
      witnesses: [],
    };
    const run = (spec: ActionSpec<number, "on">, checkDeadlock: boolean) => walk(spec, [0], { depth: 10, familyWeights: {} }, new Random(1), { checkDeadlock }, quiet);
    expect(run(line, false).end).toBe("stuck");
    expect(run(line, true)).toMatchObject({ end: "violation", violation: { property: "deadlock", explanation: "no action is enabled and the state is not final" }, actionIndices: [0, 0, 0] });
    expect(run({ ...line, isFinal: (n) => n === 3 }, true).end).toBe("stuck");
    // Steps that all lead back into the walk are no deadlock: something is enabled.
    const loop: ActionSpec<number, "stay"> = { ...line, actions: () => ["stay"], next: (n) => n, label: () => "stay", actionName: () => "stay" } as ActionSpec<number, "stay">;
    expect(walk(loop, [0], { depth: 10, familyWeights: {} }, new Random(1), { checkDeadlock: true }, quiet)).toEqual({ initialIndex: 0, actionIndices: [], end: "stuck" });
  });

  it("names an invariant without an explanation of its own as not holding", () => {
    const spec: ActionSpec<number, number> = { ...graphSpec({ edges: [[1]], bad: new Set([1]), starts: [0] }) };
    expect(walk(spec, [0], { depth: 5, familyWeights: {} }, new Random(1), { checkDeadlock: false }, quiet).violation).toEqual({ property: "not bad", explanation: "not bad does not hold" });
  });

  it("chooses among more steps than its first weight buffer holds, and from a spec that lists successors", () => {
    // 100 steps out of every state: the weights must grow past their first 64 slots.
    const wide: ActionSpec<number, number> = {
      name: "wide",
      initialStates: () => [0],
      actions: (n) => Array.from({ length: 100 }, (_, i) => n * 100 + i + 1),
      next: (_n, to) => to,
      label: (to) => `to ${to}`,
      actionName: () => "to",
      weight: (to) => (to % 100 === 0 ? 1 : 0),
      invariants: [],
      witnesses: [],
    };
    expect(walk(wide, [0], { depth: 3, familyWeights: {} }, new Random(4), { checkDeadlock: false }, quiet)).toMatchObject({ end: "depth", actionIndices: [99, 99, 99] });
    const { actions, next, ...rest } = wide;
    const listed = { ...rest, successors: (n: number) => actions!(n).map((to) => ({ action: to, state: next!(n, to) })) };
    expect(walk(listed, [0], { depth: 3, familyWeights: {} }, new Random(4), { checkDeadlock: false }, quiet)).toMatchObject({ end: "depth", actionIndices: [99, 99, 99] });
  });

  it("tells the observer no rule branch when the spec's rules hook returns nothing (a spec checked by no compiler may)", () => {
    const spec: ActionSpec<number, number> = { ...graphSpec({ edges: [[1], [2]], bad: new Set(), starts: [0] }), rules: { names: ["r"], taken: () => undefined as unknown as string[] } };
    const seen: (readonly string[] | undefined)[] = [];
    walk(spec, [0], { depth: 5, familyWeights: {} }, new Random(1), { checkDeadlock: false }, { visit: () => {}, stepped: (_family, rules) => seen.push(rules) });
    expect(seen).toEqual([[], []]);
  });

  it("ends at the state constraint without stepping outside it", () => {
    const counter: ActionSpec<number, "inc"> = {
      name: "counter",
      initialStates: () => [0],
      actions: () => ["inc"],
      next: (n) => n + 1,
      label: () => "inc",
      actionName: () => "inc",
      constraint: (n) => n <= 4,
      invariants: [],
      witnesses: [],
    };
    const result = walk(counter, [0], { depth: 10, familyWeights: {} }, new Random(1), { checkDeadlock: false }, quiet);
    expect(result).toMatchObject({ end: "constraint", actionIndices: [0, 0, 0, 0] });
  });
});

describe("a walk's choice of step", () => {
  it("never chooses a step that weighs 0, and is -1 when all do", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 0, 0.5, 1, 3), { minLength: 1, maxLength: 12 }), fc.integer(), (ws, seed) => {
        const weights = Float64Array.from(ws);
        const chosen = chooseWeighted(weights, ws.length, new Random(seed));
        if (ws.every((w) => w === 0)) expect(chosen).toBe(-1);
        else expect(ws[chosen]).toBeGreaterThan(0);
      }),
      runs(1000, 23),
    );
  });

  it("reads no weight past the steps it is given, which a reused buffer may still hold", () => {
    const random = new Random(3);
    const weights = Float64Array.from([0, 1, 100, 100]);
    for (let i = 0; i < 200; i++) expect(chooseWeighted(weights, 2, random)).toBe(1);
  });

  it("gives the last step that has weight the remainder rounding may leave", () => {
    // A draw of 1 stands for a sum that rounding left a hair above the total.
    const top = { next: () => 1 } as Random;
    expect(chooseWeighted(Float64Array.from([1, 2, 0, 7, 0]), 3, top)).toBe(1);
    expect(chooseWeighted(Float64Array.from([5, 0, 0]), 3, top)).toBe(0);
  });

  it("chooses in proportion to the weights", () => {
    const random = new Random(9);
    const weights = Float64Array.from([1, 3, 0, 6]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 50_000; i++) counts[chooseWeighted(weights, 4, random)]!++;
    expect(counts[2]).toBe(0);
    expect(counts[0]! / 50_000).toBeCloseTo(0.1, 1);
    expect(counts[1]! / 50_000).toBeCloseTo(0.3, 1);
    expect(counts[3]! / 50_000).toBeCloseTo(0.6, 1);
  });

  it("scales the spec's weight by the member's family weight and the walk's own bias, never to a negative", () => {
    const g: Graph = { edges: [[1, 2, 3, 4]], bad: new Set(), starts: [0] };
    const spec = { ...weighted(g), actionName: (to: number) => (to === 2 ? "two" : "go") };
    for (let seed = 0; seed < 200; seed++) {
      const bias = new WalkBias(spec, { depth: 10, familyWeights: { two: 0 } }, new Random(seed));
      const ws = [1, 2, 3, 4].map((to) => bias.weightOf(to, 0));
      expect(ws[1]).toBe(0);
      for (const w of ws) expect(w).toBeGreaterThanOrEqual(0);
      expect(ws[0]).toBeGreaterThan(0);
    }
    // A spec weight below 0 counts as 0, whatever the bias multiplies it by.
    const negative = new WalkBias({ ...spec, weight: () => -3 }, { depth: 10, familyWeights: { go: 2 } }, new Random(1));
    expect(negative.weightOf(1, 0)).toBe(0);
    // Without stepInfo there is no node to bias: the weights are the spec's, times the family's.
    const plain = new WalkBias({ ...spec, stepInfo: undefined }, { depth: 10, familyWeights: { go: 2 } }, new Random(1));
    expect([1, 3, 4].map((to) => plain.weightOf(to, 0))).toEqual([4, 2, 4]);
  });
});
