import { describe, expect, it } from "vitest";
import type { ActionSpec } from "../spec.ts";
import { checkLiveness } from "./check-liveness.ts";
import { explainLasso, lassoTraceProblem } from "./lasso-trace.ts";
import type { LivenessProperty } from "./liveness-spec.ts";

// A light that a switch turns on and off (weakly fair), and a bulb that may burn out (a fault: never forced).
interface Light {
  readonly on: boolean;
  readonly burnt: boolean;
}
const light = (liveness: LivenessProperty<Light>[]): ActionSpec<Light, "flip" | "burn"> => ({
  name: "light",
  initialStates: () => [{ on: false, burnt: false }],
  actions: (s) => (s.burnt ? [] : ["flip", "burn"]),
  next: (s, a) => (a === "flip" ? { ...s, on: !s.on } : { on: false, burnt: true }),
  label: (a) => a,
  actionName: (a) => a,
  invariants: [],
  witnesses: [],
  liveness,
  fairness: (a) => (a === "flip" ? { name: "switch", strength: "weak" } : undefined),
});
const on: LivenessProperty<Light> = { kind: "alwaysEventually", name: "the light keeps coming on", holds: (s) => s.on };
const everOn: LivenessProperty<Light> = { kind: "eventually", name: "the light comes on", holds: (s) => s.on };
const settles: LivenessProperty<Light> = { kind: "eventually", name: "the light comes on or burns out", holds: (s) => s.on || s.burnt };
const offLeadsToOn: LivenessProperty<Light> = { kind: "leadsTo", name: "off leads to on", from: (s) => !s.on, to: (s) => s.on };

describe("checkLiveness", () => {
  it("answers per property: a burnt bulb stays off forever, but something does happen at first", async () => {
    const result = await checkLiveness(light([on, settles, offLeadsToOn, everOn]));
    if (result.kind !== "done") throw new Error(result.reason);
    expect(result.stats).toMatchObject({ states: 3, edges: 4, fairnessClasses: 1 });
    const [keeps, comes, leads, ever] = result.verdicts;
    expect(comes).toEqual({ property: "the light comes on or burns out", kind: "holds" });
    for (const verdict of [keeps, leads, ever]) {
      if (verdict?.kind !== "violated") throw new Error("expected a lasso");
      expect(verdict.trace.steps.map((s) => s.label)).toEqual(["burn"]);
      expect(verdict.loopFrom).toBe(1);
    }
  });

  it("holds when nothing can go wrong, and says so without a lasso", async () => {
    const safe = { ...light([on]), actions: (s: Light) => (s.burnt ? [] : (["flip"] as const)) };
    const result = await checkLiveness(safe);
    expect(result.kind === "done" && result.verdicts).toEqual([{ property: "the light keeps coming on", kind: "holds" }]);
  });

  it("reports what is wrong with a lasso that is not one", async () => {
    const spec = light([on]);
    const result = await checkLiveness(spec);
    const lasso = result.kind === "done" ? result.verdicts[0] : undefined;
    if (lasso?.kind !== "violated") throw new Error("expected a lasso");
    expect(lassoTraceProblem(spec, on, lasso)).toBeUndefined();
    expect(lassoTraceProblem(spec, on, { ...lasso, loopFrom: 0 })).toBe("the loop does not close: the last state is not the state after step 0");
    expect(lassoTraceProblem(spec, on, { ...lasso, loopFrom: 5 })).toBe("the loop goes back to state 5, which the trace does not have");
    // Off at the start, where flipping is enabled: staying there is unfair.
    const start = { ...lasso, trace: { ...lasso.trace, steps: [] }, loopFrom: 0 };
    expect(lassoTraceProblem(spec, on, start)).toBe('the run stays at its last state forever, but "switch" is enabled there and fairness (weak) would take it');
    expect(lassoTraceProblem(spec, everOn, { ...lasso, trace: { ...lasso.trace, initial: { on: true, burnt: false } } })).toBe("the run does not break the light comes on: the property is met on it");
  });

  it("says where the loop starts, and what never comes", () => {
    expect(explainLasso(on, 4, 4)).toBe("after step 4 nothing fair is enabled: the run stays in that state forever, and the property is never met again");
    expect(explainLasso(offLeadsToOn, 5, 2)).toBe("from step 2 the run loops forever through steps 3 to 5, fairly, and what it leads to never comes");
    expect(explainLasso(everOn, 3, 2)).toBe("from step 2 the run loops forever through step 3, fairly, and the property is never met");
  });

  it("stops as incomplete past maxStates", async () => {
    expect(await checkLiveness(light([on]), { maxStates: 1 })).toEqual({ kind: "incomplete", states: 3, reason: "more than 1 states" });
  });

  it("answers with no verdict for a spec that states no liveness property", async () => {
    const result = await checkLiveness({ ...light([]), liveness: undefined });
    expect(result.kind === "done" && [result.verdicts, result.stats.states]).toEqual([[], 3]);
  });
});

// A run from "start" into a "loop" it may go round forever ("spin", weakly fair): the goal holds only at the start.
type Place = "start" | "loop";
const detour = (liveness: LivenessProperty<Place>[]): ActionSpec<Place, "enter" | "spin"> => ({
  name: "detour",
  initialStates: () => ["start"],
  actions: (s) => (s === "start" ? ["enter"] : ["spin"]),
  next: () => "loop",
  label: (a) => a,
  actionName: (a) => a,
  invariants: [],
  witnesses: [],
  liveness,
  fairness: (a) => ({ name: a, strength: "weak" }),
});
const atStart = (s: Place) => s === "start";

describe("where a run starts to count", () => {
  it("eventually: met at the start, so what comes after does not matter; again and again: the loop never meets it", async () => {
    const result = await checkLiveness(detour([
      { kind: "eventually", name: "starts", holds: atStart },
      { kind: "alwaysEventually", name: "starts again and again", holds: atStart },
    ]));
    if (result.kind !== "done") throw new Error(result.reason);
    const [once, again] = result.verdicts;
    expect(once).toEqual({ property: "starts", kind: "holds" });
    expect(again?.kind === "violated" && [again.trace.steps.map((s) => s.label), again.loopFrom]).toEqual([["enter", "spin"], 1]);
  });

  it("leadsTo: counted only from a state where `from` holds, so a `from` that never holds never fails", async () => {
    const result = await checkLiveness(detour([
      { kind: "leadsTo", name: "never leads to start", from: () => false, to: atStart },
      { kind: "leadsTo", name: "loop leads to start", from: (s) => s === "loop", to: atStart },
    ]));
    expect(result.kind === "done" && result.verdicts.map((v) => v.kind)).toEqual(["holds", "violated"]);
  });
});

describe("a lasso checked against the spec", () => {
  const spec = detour([]);
  const again: LivenessProperty<Place> = { kind: "alwaysEventually", name: "starts again and again", holds: atStart };
  const run = (labels: ("enter" | "spin")[]) => {
    let state: Place = "start";
    const steps = labels.map((label) => ({ actionIndex: 0, action: label, label, state: (state = spec.next(state, label)) }));
    return { initialIndex: 0, initial: "start" as Place, steps };
  };

  it("accepts a fair loop counted after the start, and says what is wrong with one that is not a counterexample", () => {
    expect(lassoTraceProblem(spec, again, { trace: run(["enter", "spin"]), loopFrom: 1 })).toBeUndefined();
    expect(lassoTraceProblem(spec, again, { trace: run(["enter", "spin"]), loopFrom: 2 })).toBe('the run stays at its last state forever, but "spin" is enabled there and fairness (weak) would take it');
    const from = (f: (s: Place) => boolean): LivenessProperty<Place> => ({ kind: "leadsTo", name: "leads", from: f, to: atStart });
    expect(lassoTraceProblem(spec, from((s) => s === "loop"), { trace: run(["enter", "spin"]), loopFrom: 1 })).toBeUndefined();
    expect(lassoTraceProblem(spec, from(() => false), { trace: run(["enter", "spin"]), loopFrom: 1 })).toBe("the run does not break leads: the property is met on it");
    expect(lassoTraceProblem(spec, { kind: "eventually", name: "starts", holds: atStart }, { trace: run(["enter", "spin"]), loopFrom: 1 })).toBe("the run does not break starts: the property is met on it");
    expect(lassoTraceProblem(spec, again, { trace: run(["enter"]), loopFrom: -1 })).toBe("the loop goes back to state -1, which the trace does not have");
    expect(lassoTraceProblem(spec, again, { trace: run(["enter"]), loopFrom: 2 })).toBe("the loop goes back to state 2, which the trace does not have");
  });

  it("finds a loop unfair when a weak class is enabled all the way round, or a strong one again and again, and never taken", () => {
    // "enter" is made enabled in the loop too (beyondBounds), never taken there.
    const weakly = { ...spec, beyondBounds: (s: Place) => (s === "loop" ? (["enter"] as const) : []) };
    expect(lassoTraceProblem(weakly, again, { trace: run(["enter", "spin"]), loopFrom: 1 })).toBe('the loop is unfair: "enter" is enabled all the way round and never taken');
    const strongly = { ...weakly, fairness: (a: string) => ({ name: a, strength: "strong" as const }) };
    expect(lassoTraceProblem(strongly, again, { trace: run(["enter", "spin"]), loopFrom: 1 })).toBe('the loop is unfair: "enter" is enabled again and again and never taken');
    // Without fairness every loop is fair, even a stutter where something could happen.
    expect(lassoTraceProblem({ ...weakly, fairness: undefined }, again, { trace: run(["enter"]), loopFrom: 1 })).toBeUndefined();
    expect(lassoTraceProblem(weakly, again, { trace: run(["enter"]), loopFrom: 1 })).toBe('the run stays at its last state forever, but "spin" is enabled there and fairness (weak) would take it');
  });

  it("owes a weak class only where it is enabled all the way round, a strong one wherever it is enabled, and never an unfair step", () => {
    // A ↔ B by "go" (weak) and "back" (in no class); "win" (to G) is enabled at A only: on the loop A, B it flickers.
    type Spot = "A" | "B" | "G";
    const flicker = (win: "weak" | "strong"): ActionSpec<Spot, "go" | "back" | "win"> => ({
      name: "flicker",
      initialStates: () => ["A"],
      actions: (s) => (s === "A" ? ["go", "win"] : s === "B" ? ["back"] : []),
      next: (s, a) => (a === "go" ? "B" : a === "back" ? "A" : "G"),
      label: (a) => a,
      actionName: (a) => a,
      invariants: [],
      witnesses: [],
      fairness: (a) => (a === "back" ? undefined : { name: a, strength: a === "win" ? win : "weak" }),
    });
    const trace = { initialIndex: 0, initial: "A" as Spot, steps: [{ actionIndex: 0, action: "go" as const, label: "go", state: "B" as Spot }, { actionIndex: 0, action: "back" as const, label: "back", state: "A" as Spot }] };
    const wins: LivenessProperty<Spot> = { kind: "eventually", name: "wins", holds: (s) => s === "G" };
    expect(lassoTraceProblem(flicker("weak"), wins, { trace, loopFrom: 0 })).toBeUndefined();
    expect(lassoTraceProblem(flicker("strong"), wins, { trace, loopFrom: 0 })).toBe('the loop is unfair: "win" is enabled again and again and never taken');
    // A property met on the loop (at B) is not broken by it.
    expect(lassoTraceProblem(flicker("weak"), { kind: "eventually", name: "reaches B", holds: (s) => s === "B" }, { trace, loopFrom: 0 })).toBe("the run does not break reaches B: the property is met on it");
  });
});
