import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lassoProblem } from "./check-lasso.ts";
import { graphOf, type FairGraph } from "./fair-graph.ts";
import { fairComponents } from "./fair-components.ts";
import { findLasso, type LassoQuery } from "./lasso.ts";
import { naiveHasLasso } from "./naive-fair-cycle.ts";

const mask = (size: number, states: readonly number[]) => Uint8Array.from({ length: size }, (_, s) => (states.includes(s) ? 1 : 0));
/** "Eventually reach `goal`": counted from the start, the region is every other state. */
const eventually = (g: FairGraph, goal: readonly number[]): LassoQuery => {
  const others = Array.from({ length: g.size }, (_, s) => s).filter((s) => !goal.includes(s));
  return { region: mask(g.size, others), trigger: mask(g.size, others), freeStart: false };
};

// States 0 and 1 go back and forth by A (class 0); from 1, B (class 1) leads to the goal, 2.
const flicker = (strongB: boolean) => graphOf([[[1, 0]], [[0, 0], [2, 1]], []], [[0], [0, 1], []], [false, strongB]);

describe("the liveness check on hand-made graphs", () => {
  it("finds that a run may stop anywhere when nothing is fair: it stutters at the start", () => {
    const g = graphOf([[[1, -1]], []], [[], []], []);
    expect(findLasso(g, eventually(g, [1]))).toEqual({ initial: 0, stem: [], loop: [] });
  });

  it("under weak fairness a step that stays enabled is taken, so the run reaches the goal", () => {
    const g = graphOf([[[1, 0]], []], [[0], []], [false]);
    expect(findLasso(g, eventually(g, [1]))).toBeUndefined();
  });

  it("weak fairness lets a step that flickers on and off be skipped forever; strong fairness does not", () => {
    const weak = flicker(false);
    const lasso = findLasso(weak, eventually(weak, [2]));
    expect(lasso).toEqual({ initial: 0, stem: [], loop: [0, 1] });
    expect(lassoProblem(weak, eventually(weak, [2]), lasso!)).toBeUndefined();
    const strong = flicker(true);
    expect(findLasso(strong, eventually(strong, [2]))).toBeUndefined();
  });

  it("under strong fairness, leaves out the states that enable a class never taken, and finds the cycle that remains", () => {
    // 0 ↔ 1 by A, 1 → 2 by C, 2 → 1 by an unfair step; 1 enables the strong B (to the goal 3), never taken on any loop through 1.
    // So no loop through 1 is fair, 0 alone stutters unfairly (A is enabled), but 2 going round by D is fair.
    const g = graphOf([[[1, 0]], [[0, 0], [2, 2], [3, 1]], [[1, -1], [2, 3]], []], [[0], [0, 1, 2], [3], []], [false, true, false, false]);
    const query = eventually(g, [3]);
    const lasso = findLasso(g, query);
    expect(lasso).toBeDefined();
    expect(lassoProblem(g, query, lasso!)).toBeUndefined();
    expect(lasso!.loop.map((e) => g.edgeTo[e])).toEqual([2]);
  });

  it("P leads to Q: the run is counted from a state where P holds and Q does not, after a stem that may go anywhere", () => {
    // 0 → 1 (P) → 2 ⟲ by an unfair step, never reaching Q at 3.
    const g = graphOf([[[1, 0]], [[2, 0], [3, -1]], [[2, -1]], []], [[0], [0], [], []], [false]);
    const query = { region: mask(4, [1, 2]), trigger: mask(4, [1]), freeStart: true };
    const lasso = findLasso(g, query)!;
    expect(lasso.stem.map((e) => g.edgeTo[e])).toEqual([1, 2]);
    expect(lasso.loop).toEqual([]);
  });
});

describe("the loop and the stutter it picks", () => {
  it("keeps a strong class enabled where the loop starts open until the loop takes it", () => {
    // 0 enables S (strong) and T (weak); 1 and 2 enable T. 0 → 1 and 2 → 0 take nothing, 1 → 0 takes T, 0 → 2 takes S.
    const g = graphOf([[[1, -1], [2, 0]], [[0, 1]], [[0, -1]]], [[0, 1], [1], [1]], [true, false]);
    const query = { region: mask(3, [0, 1, 2]), trigger: mask(3, [0, 1, 2]), freeStart: false };
    const lasso = findLasso(g, query)!;
    expect(lassoProblem(g, query, lasso)).toBeUndefined();
    expect(lasso.loop.map((e) => g.edgeClass[e])).toContain(0);
  });

  it("walks to a state that enables nothing fair, two steps on, and stays there", () => {
    // 0 → 1 → 2, each taking the weak class A that 0 and 1 enable; 2 enables nothing, and 2 → 0 closes the component.
    const g = graphOf([[[1, 0]], [[2, 0]], [[0, -1]]], [[0], [0], []], [false]);
    expect(findLasso(g, { region: mask(3, [0, 1, 2]), trigger: mask(3, [0, 1, 2]), freeStart: false })).toEqual({ initial: 0, stem: [0, 1], loop: [] });
  });

  it("splits a component within the region only: a state outside it never joins a component, before or after a split", () => {
    // 0 ↔ 1 in the region; 1 ↔ 2, with 2 outside. 0 enables the strong S, never taken; 1 enables the weak W, taken only on 1 → 2.
    const g = graphOf([[[1, -1]], [[0, -1], [2, 1]], [[1, -1]]], [[0], [1], []], [true, false]);
    expect([...fairComponents(g, mask(3, [0, 1]))]).toEqual([-1, -1, -1]);
    // With 2 in the region, 1 ↔ 2 is a fair cycle once 0 is left out.
    expect([...fairComponents(g, mask(3, [0, 1, 2]))]).toEqual([-1, 0, 0]);
  });

  it("numbers the fair components in the order it finds them, and no others", () => {
    // Two separate self-loops, each fair, and a state between them that is in no cycle and enables a weak class.
    const g = graphOf([[[0, -1], [1, 0]], [[2, 0]], [[2, -1]]], [[0], [0], []], [false]);
    expect([...fairComponents(g, mask(3, [0, 1, 2]))]).toEqual([-1, -1, 0]);
    expect([...fairComponents(g, mask(3, [0, 1]))]).toEqual([-1, -1, -1]);
  });
});

/** Small random graphs with random fairness: a few classes, each weak or strong, each action in one or none. */
const randomGraph = fc
  .record({ size: fc.integer({ min: 1, max: 6 }), classes: fc.integer({ min: 0, max: 3 }) })
  .chain(({ size, classes }) =>
    fc.record({
      size: fc.constant(size),
      edges: fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: -1, max: classes - 1 })), { maxLength: 3 }), { minLength: size, maxLength: size }),
      strong: fc.array(fc.boolean(), { minLength: classes, maxLength: classes }),
      goal: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
      trigger: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
      kind: fc.constantFrom("eventually", "leadsTo", "alwaysEventually"),
      extraEnabled: fc.array(fc.array(fc.integer({ min: 0, max: Math.max(0, classes - 1) }), { maxLength: classes === 0 ? 0 : 2 }), { minLength: size, maxLength: size }),
    }),
  );

describe("the liveness check against the naive reference", () => {
  it("finds a lasso exactly when one exists, and every lasso it finds checks out", () => {
    fc.assert(
      fc.property(randomGraph, ({ size, edges, strong, goal, trigger, kind, extraEnabled }) => {
        // A class is enabled where one of its actions is, and possibly where an action leaving the model is.
        const enabled = edges.map((row, s) => [...row.map(([, c]) => c).filter((c) => c >= 0), ...extraEnabled[s]!]);
        const g = graphOf(edges, enabled, strong);
        const region = goal.map((g) => (g ? 0 : 1));
        const query: LassoQuery =
          kind === "eventually"
            ? { region: Uint8Array.from(region), trigger: Uint8Array.from(region), freeStart: false }
            : kind === "alwaysEventually"
              ? { region: Uint8Array.from(region), trigger: Uint8Array.from(region), freeStart: true }
              : { region: Uint8Array.from(region), trigger: Uint8Array.from(region.map((r, s) => (r === 1 && trigger[s] ? 1 : 0))), freeStart: true };
        const lasso = findLasso(g, query);
        expect(lasso !== undefined).toBe(naiveHasLasso(g, query));
        if (lasso !== undefined) expect(lassoProblem(g, query, lasso)).toBeUndefined();
      }),
      { numRuns: 5000 },
    );
  });
});
