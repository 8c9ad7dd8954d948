// Traces are rebuilt by replaying the spec; a trace that does not reproduce
// is a bug in the spec, and is never shown.

import { describe, expect, it } from "vitest";
import type { ActionSpec } from "./spec.ts";
import { lastState, replayPath } from "./trace.ts";

const counter: ActionSpec<number, number> = {
  name: "counter",
  initialStates: () => [0, 10],
  actions: () => [1, 2],
  next: (n, k) => n + k,
  label: (k) => `add ${k}`,
  actionName: () => "add",
  actionNames: ["add"],
  invariants: [],
  witnesses: [],
};

describe("replaying a path", () => {
  it("rebuilds each state from the initial state and the action indices", () => {
    const trace = replayPath(counter, { initialIndex: 1, actionIndices: [1, 0, 1] }, 15);
    expect(trace.initial).toBe(10);
    expect(trace.steps.map((s) => [s.label, s.state])).toEqual([
      ["add 2", 12],
      ["add 1", 13],
      ["add 2", 15],
    ]);
    expect(lastState(trace)).toBe(15);
  });

  it("refuses a replay that ends in another state than the search found", () => {
    expect(() => replayPath(counter, { initialIndex: 0, actionIndices: [0, 0] }, 3)).toThrow(/ends in a different state/);
  });

  it("refuses an action that is not enabled on replay, and a missing initial state", () => {
    expect(() => replayPath(counter, { initialIndex: 0, actionIndices: [0, 2] })).toThrow(/step 2 chose action #2, which is not enabled/);
    expect(() => replayPath(counter, { initialIndex: 2, actionIndices: [] })).toThrow(/no initial state 2/);
  });

  it("needs no expected state to replay", () => {
    expect(lastState(replayPath(counter, { initialIndex: 0, actionIndices: [1, 1] }))).toBe(4);
  });

  it("ends in the initial state when the path is empty", () => {
    expect(lastState(replayPath(counter, { initialIndex: 1, actionIndices: [] }, 10))).toBe(10);
  });
});
