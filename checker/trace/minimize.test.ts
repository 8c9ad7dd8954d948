import { describe, expect, it } from "vitest";
import { check } from "../engine/bfs.ts";
import { minimize, reproduction, switchesOf } from "./minimize.ts";
import { dieHard } from "../../examples/die-hard.ts";
import { protocolSpec } from "../../model/protocol-spec.ts";
import { NAMED_CONFIGS } from "../../spec/configs/index.ts";
import type { ActionSpec } from "../engine/spec.ts";

/** A seeded random walk until the property fails: a long, wandering counterexample. */
function randomWalk<S, A>(spec: ActionSpec<S, A>, property: string, seed: number, maxSteps = 5_000): string[] {
  const invariant = spec.invariants.find((i) => i.name === property)!;
  let x = seed;
  const random = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let state: S = spec.initialStates()[0]!;
  const labels: string[] = [];
  while (invariant.holds(state) && labels.length < maxSteps) {
    const actions = spec.actions(state);
    if (actions.length === 0) break;
    const action = actions[Math.floor(random() * actions.length)]!;
    labels.push(spec.label(action, state));
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
    const spec = protocolSpec({ ...NAMED_CONFIGS.tiny!, variants: ["promote-idle"] });
    const property = "INV-2 acknowledged writes survive, once each";
    const seeds = Array.from({ length: 500 }, (_, i) => i + 1);
    const walk = seeds.map((seed) => randomWalk(spec, property, seed)).find((w) => w.length > 20 && reproduction(spec, property, w) !== undefined)!;
    expect(walk).toBeDefined();
    const shrunk = minimize(spec, property, walk)!;
    const shortest = await check(spec);
    expect(walk.length).toBeGreaterThan(20);
    expect(shrunk.length).toBeLessThan(walk.length);
    expect(reproduction(spec, property, shrunk)).toEqual(shrunk);
    expect(shrunk.length).toBeGreaterThanOrEqual(shortest.verdict.kind === "violation" ? shortest.verdict.trace.steps.length : Infinity);
    // 1-minimal: without any one of its steps, the trace no longer ends in the violation.
    const withoutOne = shrunk.map((_, i) => reproduction(spec, property, [...shrunk.slice(0, i), ...shrunk.slice(i + 1)]));
    expect(withoutOne.filter((r) => r !== undefined)).toEqual([]);
  });

  it("leaves no step that could go alone, in walks of any length", () => {
    const spec = protocolSpec({ ...NAMED_CONFIGS.tiny!, variants: ["promote-idle"] });
    const property = "INV-2 acknowledged writes survive, once each";
    const walks = Array.from({ length: 300 }, (_, i) => randomWalk(spec, property, 1000 + i)).filter((w) => reproduction(spec, property, w) !== undefined).slice(0, 8);
    expect(walks.length).toBe(8);
    for (const walk of walks) {
      const shrunk = minimize(spec, property, walk)!;
      const withoutOne = shrunk.map((_, i) => reproduction(spec, property, [...shrunk.slice(0, i), ...shrunk.slice(i + 1)]));
      expect(withoutOne.filter((r) => r !== undefined)).toEqual([]);
    }
  });

  it("reorders steps so the trace switches between nodes less, without making it longer", () => {
    // Two independent counters, one per node; the violation needs both at 2.
    type Counters = { readonly a: number; readonly b: number };
    const spec: ActionSpec<Counters, "a" | "b"> = {
      name: "two counters",
      initialStates: () => [{ a: 0, b: 0 }],
      actions: (s) => (["a", "b"] as const).filter((k) => s[k] < 2),
      next: (s, k) => ({ ...s, [k]: s[k] + 1 }),
      label: (k) => `${k}++`,
      actionName: (k) => k,
      actionNames: ["a", "b"],
      stepInfo: (k) => ({ actor: k.toUpperCase(), fault: false }),
      invariants: [{ name: "not both 2", holds: (s) => s.a < 2 || s.b < 2 }],
      witnesses: [],
    };
    const interleaved = ["a++", "b++", "a++", "b++"];
    const shrunk = minimize(spec, "not both 2", interleaved)!;
    expect(shrunk).toHaveLength(4);
    expect(reproduction(spec, "not both 2", shrunk)).toEqual(shrunk);
    // One switch instead of three: the two a++ steps, then the two b++ steps (or the other way round).
    expect(shrunk.slice(1).filter((label, i) => label !== shrunk[i]).length).toBe(1);
  });

  it("drops steps that do not matter, wherever they are", () => {
    const spec = dieHard();
    const padded = ["FillSmall", "EmptySmall", "FillBig", "BigToSmall", "EmptySmall", "FillSmall", "EmptySmall", "BigToSmall", "FillBig", "BigToSmall"];
    expect(reproduction(spec, "big ≠ 4", padded)).toEqual(padded);
    const shrunk = minimize(spec, "big ≠ 4", padded)!;
    expect(shrunk).toEqual(["FillBig", "BigToSmall", "EmptySmall", "BigToSmall", "FillBig", "BigToSmall"]);
  });

  it("cuts a trace just after the first state that breaks the property it names", () => {
    const spec = dieHard();
    const solution = ["FillBig", "BigToSmall", "EmptySmall", "BigToSmall", "FillBig", "BigToSmall"];
    expect(reproduction(spec, "big ≠ 4", [...solution, "EmptyBig", "FillSmall"])).toEqual(solution);
    // Another invariant that FillBig alone breaks: the property named is the one followed.
    const twoProperties = { ...spec, invariants: [{ name: "big < 5", holds: (s: { big: number }) => s.big < 5 }, ...spec.invariants] };
    expect(reproduction(twoProperties, "big ≠ 4", solution)).toEqual(solution);
    expect(reproduction(twoProperties, "big < 5", solution)).toEqual(["FillBig"]);
    expect(reproduction(spec, "no such property", solution)).toBeUndefined();
    // A step that is not enabled where it stands: the trace does not reproduce (only the minimizer's own tries skip such steps).
    expect(reproduction(spec, "big ≠ 4", ["EmptyBig", ...solution])).toEqual(["EmptyBig", ...solution]);
    expect(reproduction(spec, "big ≠ 4", ["FillBig", "no such step", ...solution.slice(1)])).toBeUndefined();
  });

  it("follows a deadlock as it follows an invariant: the trace ends where no step is enabled and the state is not final", () => {
    const line: ActionSpec<number, string> = {
      name: "line",
      initialStates: () => [0],
      actions: (n) => (n < 2 ? ["on"] : []),
      next: (n) => n + 1,
      label: (a) => a,
      actionName: (a) => a,
      invariants: [],
      witnesses: [],
    };
    expect(reproduction(line, "deadlock", ["on", "on"])).toEqual(["on", "on"]);
    expect(reproduction(line, "deadlock", ["on"])).toBeUndefined();
    expect(reproduction({ ...line, isFinal: (n) => n === 2 }, "deadlock", ["on", "on"])).toBeUndefined();
    expect(minimize(line, "deadlock", ["on", "on"])).toEqual(["on", "on"]);
  });

  it("needs no step when the initial state already breaks the property", () => {
    const spec = { ...dieHard(), invariants: [{ name: "never", holds: () => false }] };
    expect(reproduction(spec, "never", ["FillBig"])).toEqual([]);
    expect(minimize(spec, "never", ["FillBig", "EmptyBig"])).toEqual([]);
  });

  it("removes steps that only make sense together", () => {
    // A lock: while it is held only release is enabled, and release only then:
    // neither acquire nor release can go alone, only the pair.
    type Lock = { readonly held: boolean; readonly n: number };
    const spec: ActionSpec<Lock, string> = {
      name: "lock",
      initialStates: () => [{ held: false, n: 0 }],
      actions: (s) => (s.held ? ["release"] : ["acquire", "count"]),
      next: (s, a) => (a === "acquire" ? { ...s, held: true } : a === "release" ? { ...s, held: false } : { ...s, n: s.n + 1 }),
      label: (a) => a,
      actionName: (a) => a,
      actionNames: ["acquire", "release", "count"],
      invariants: [{ name: "n < 2", holds: (s) => s.n < 2 }],
      witnesses: [],
    };
    const trace = ["acquire", "release", "count", "count"];
    expect(reproduction(spec, "n < 2", trace)).toEqual(trace);
    expect(minimize(spec, "n < 2", trace)).toEqual(["count", "count"]);
    // The pair not at a chunk's edge: removing acquire also removes the
    // release that needed it (a random walk's traces are full of such pairs:
    // a send and, later, its delivery).
    const inside = ["count", "acquire", "release", "count"];
    expect(reproduction(spec, "n < 2", inside)).toEqual(inside);
    expect(minimize(spec, "n < 2", inside)).toEqual(["count", "count"]);
    expect(minimize(spec, "n < 2", ["count", "acquire", "release", "acquire", "release", "count"])).toEqual(["count", "count"]);
  });

  it("counts the switches between acting nodes up to the violation", () => {
    // Three nodes; a step by node k adds to its counter; the violation needs the sum to reach 3.
    type Sum = { readonly counts: readonly number[] };
    const spec: ActionSpec<Sum, number> = {
      name: "three nodes",
      initialStates: () => [{ counts: [0, 0, 0] }],
      actions: () => [0, 1, 2],
      next: (s, k) => ({ counts: s.counts.map((c, i) => (i === k ? c + 1 : c)) }),
      label: (k) => `n${k}`,
      actionName: () => "add",
      actionNames: ["add"],
      stepInfo: (k) => ({ actor: `N${k}`, fault: false }),
      invariants: [{ name: "sum < 3", holds: (s) => s.counts[0]! + s.counts[1]! + s.counts[2]! < 3 }],
      witnesses: [],
    };
    expect(switchesOf(spec, "sum < 3", ["n0", "n0", "n0"])).toBe(0);
    expect(switchesOf(spec, "sum < 3", ["n0", "n0", "n1"])).toBe(1);
    expect(switchesOf(spec, "sum < 3", ["n0", "n1", "n0"])).toBe(2);
    expect(switchesOf(spec, "sum < 3", ["n2", "n1", "n0", "n1"])).toBe(2);
    expect(switchesOf({ ...spec, stepInfo: undefined }, "sum < 3", ["n0", "n1", "n0"])).toBe(0);
    expect(switchesOf(spec, "sum < 3", ["n0", "n1"])).toBeUndefined();
    expect(minimize(spec, "sum < 3", ["n0", "n1", "n0"])).toEqual(["n1", "n0", "n0"]);
  });

  it("tries a chunk size again after a removal, as one removal can make another possible", () => {
    // A door: close needs it open. Single steps go first in the order given:
    // "open" cannot go while "close" follows it; once "close" is gone, it can.
    // (Found by enumerating traces against a minimizer that halves the chunk
    // after every pass: that one stops at open, tick, tick, tick.)
    type Door = { readonly open: boolean; readonly n: number };
    const spec: ActionSpec<Door, string> = {
      name: "door",
      initialStates: () => [{ open: false, n: 0 }],
      actions: (s) => [s.open ? "close" : "open", "tick"],
      next: (s, a) => (a === "tick" ? { ...s, n: s.n + 1 } : { ...s, open: a === "open" }),
      label: (a) => a,
      actionName: (a) => a,
      invariants: [{ name: "fewer than 3 ticks", holds: (s) => s.n < 3 }],
      witnesses: [],
    };
    expect(minimize(spec, "fewer than 3 ticks", ["open", "tick", "close", "tick", "tick"])).toEqual(["tick", "tick", "tick"]);
  });

  it("takes a reordering that reaches the violation in fewer steps", () => {
    // The log of events; the property fails when b comes right before a, or after a, b, c.
    type Log = { readonly log: string };
    const spec: ActionSpec<Log, string> = {
      name: "log",
      initialStates: () => [{ log: "" }],
      actions: (s) => ["a", "b", "c"].filter((e) => !s.log.includes(e)),
      next: (s, e) => ({ log: s.log + e }),
      label: (e) => e,
      actionName: (e) => e,
      invariants: [{ name: "fine", holds: (s) => s.log !== "ba" && s.log !== "abc" }],
      witnesses: [],
    };
    expect(reproduction(spec, "fine", ["a", "b", "c"])).toEqual(["a", "b", "c"]);
    expect(minimize(spec, "fine", ["a", "b", "c"])).toEqual(["b", "a"]);
  });

  it("says there is nothing to minimize when the trace does not fail", () => {
    expect(minimize(dieHard(), "big ≠ 4", ["FillBig"])).toBeUndefined();
    expect(minimize(dieHard(), "big ≠ 4", ["no such step"])).toBeUndefined();
  });
});
