import { describe, expect, it } from "vitest";
import type { ActionSpec } from "../spec.ts";
import { buildStateGraph } from "./state-graph.ts";

// A counter from 0 that may add 1 or 2 (class "up", weak) or stay put twice over (two no-op steps, class "idle", strong),
// bounded at 3: from 2, "add 2" leaves the model; at 3, adding is kept from being taken by the bound alone.
const counter: ActionSpec<number, string> = {
  name: "counter",
  initialStates: () => [0, 0],
  actions: (n) => (n === 3 ? ["stay", "stay again"] : ["add 1", "add 2", "stay", "stay again"]),
  next: (n, a) => (a === "add 1" ? n + 1 : a === "add 2" ? n + 2 : n),
  constraint: (n) => n <= 3,
  label: (a) => a,
  actionName: (a) => a,
  invariants: [],
  witnesses: [],
  fairness: (a) => (a.startsWith("add") ? { name: "up", strength: "weak" } : { name: "idle", strength: "strong" }),
  beyondBounds: (n) => (n === 3 ? ["add 1"] : []),
};

describe("the liveness graph", () => {
  it("numbers states breadth first, keeps one edge per target and class, and marks each predicate", async () => {
    const built = await buildStateGraph(counter, [(n) => n % 2 === 1]);
    if (!built.ok) throw new Error(built.reason);
    const g = built.graph;
    expect(g.size).toBe(4);
    expect([...g.initial]).toEqual([0]);
    expect(g.initialIndex.get(0)).toBe(0);
    expect(g.classNames).toEqual(["up", "idle"]);
    expect([...g.strong]).toEqual([0, 1]);
    const edges = (s: number) => Array.from({ length: g.edgeStart[s + 1]! - g.edgeStart[s]! }, (_, i) => [g.edgeTo[g.edgeStart[s]! + i], g.edgeClass[g.edgeStart[s]! + i], g.edgeAction[g.edgeStart[s]! + i]]);
    // States are numbered 0, 1, 2, 3 by value here: 0 → 1, 2 first; "stay again" merges into "stay".
    expect(edges(0)).toEqual([[1, 0, 0], [2, 0, 1], [0, 1, 2]]);
    // From 2, "add 2" leaves the model: no edge, but "up" is still enabled there.
    expect(edges(2)).toEqual([[3, 0, 0], [2, 1, 2]]);
    expect(edges(3)).toEqual([[3, 1, 0]]);
    // At 3, "up" is enabled only because the bound keeps "add 1" from being taken (beyondBounds).
    const enabled = (s: number) => [...g.enabledClass.subarray(g.enabledStart[s]!, g.enabledStart[s + 1]!)].sort();
    expect([enabled(0), enabled(2), enabled(3)]).toEqual([[0, 1], [0, 1], [0, 1]]);
    const unbounded = await buildStateGraph({ ...counter, beyondBounds: undefined }, []);
    expect(unbounded.ok && [...unbounded.graph.enabledClass.subarray(unbounded.graph.enabledStart[3]!, unbounded.graph.enabledStart[4]!)]).toEqual([1]);
    expect([...g.marks[0]!]).toEqual([0, 1, 0, 1]);
    expect(g.bytes).toBeGreaterThan(0);
  });

  it("stops at maxStates, and when asked to", async () => {
    expect(await buildStateGraph(counter, [], { maxStates: 2 })).toEqual({ ok: false, states: 3, reason: "more than 2 states" });
    const slow: ActionSpec<number, string> = { ...counter, constraint: undefined, actions: (n) => (n < 1e6 ? ["add 1"] : []), beyondBounds: undefined };
    const stopped = await buildStateGraph(slow, [], { shouldStop: () => "told to" });
    expect(stopped.ok === false && stopped.reason).toBe("told to");
  });

  it("builds a graph that takes many yields to the event loop, with or without a way to stop it", async () => {
    const chain: ActionSpec<number, string> = { ...counter, constraint: undefined, beyondBounds: undefined, actions: (n) => (n < 200_000 ? ["add 1"] : []) };
    const built = await buildStateGraph(chain, []);
    expect(built.ok && built.graph.size).toBe(200_001);
    const asked = await buildStateGraph(chain, [], { shouldStop: () => undefined });
    expect(asked.ok && asked.graph.size).toBe(200_001);
  }, 60_000);

  it("refuses a class declared both weak and strong", async () => {
    await expect(buildStateGraph({ ...counter, fairness: (a) => ({ name: "one", strength: a === "stay" ? "strong" : "weak" }) }, [])).rejects.toThrow('class "one" is declared both weak and strong');
  });

  it("gives an action in no class the class -1, and never counts it as enabled; without fairness, no action has a class", async () => {
    const partly = await buildStateGraph({ ...counter, fairness: (a) => (a === "add 1" ? { name: "up", strength: "weak" } : undefined) }, []);
    if (!partly.ok) throw new Error(partly.reason);
    const g = partly.graph;
    expect([...g.edgeClass.subarray(g.edgeStart[0]!, g.edgeStart[1]!)]).toEqual([0, -1, -1]);
    expect([...g.enabledClass.subarray(g.enabledStart[0]!, g.enabledStart[1]!)]).toEqual([0]);
    // Two steps to one state stay two edges when their classes differ.
    const split = await buildStateGraph({ ...counter, fairness: (a) => (a === "stay" ? { name: "idle", strength: "strong" } : undefined) }, []);
    expect(split.ok && [...split.graph.edgeTo.subarray(0, 4)]).toEqual([1, 2, 0, 0]);
    const none = await buildStateGraph({ ...counter, fairness: undefined, beyondBounds: undefined }, []);
    expect(none.ok && [none.graph.classNames, [...none.graph.enabledClass], Math.max(...none.graph.edgeClass)]).toEqual([[], [], -1]);
  });

  it("leaves out an initial state outside the model, reads specs given by successors, and counts its arrays' bytes", async () => {
    const outside = await buildStateGraph({ ...counter, initialStates: () => [7, 1] }, []);
    expect(outside.ok && [outside.graph.size, [...outside.graph.initial], outside.graph.initialIndex.get(0)]).toEqual([3, [0], 1]);
    const { actions: _actions, next: _next, ...rest } = counter;
    const bySuccessors = await buildStateGraph({ ...rest, successors: (n: number) => counter.actions(n).map((action) => ({ action, state: counter.next(n, action) })) }, []);
    const byActions = await buildStateGraph(counter, []);
    if (!bySuccessors.ok || !byActions.ok) throw new Error("expected graphs");
    expect([...bySuccessors.graph.edgeTo]).toEqual([...byActions.graph.edgeTo]);
    const g = byActions.graph;
    expect(g.bytes).toBeGreaterThan(g.edgeTo.buffer.byteLength + g.edgeStart.buffer.byteLength + g.enabledClass.buffer.byteLength);
  });
});
