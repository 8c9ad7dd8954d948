import { describe, expect, it } from "vitest";
import { check } from "../engine/bfs.ts";
import { checkLiveness } from "../engine/liveness/check-liveness.ts";
import { simulate } from "../engine/simulate/simulate.ts";
import { evenStyle } from "../engine/simulate/walk-bias.ts";
import type { ActionSpec } from "../engine/spec.ts";
import { guardSpec, SpecError, specErrorReport } from "./guarded-spec.ts";

const counter: ActionSpec<number, "inc"> = {
  name: "counter",
  initialStates: () => [0],
  actions: (n) => (n < 3 ? ["inc"] : []),
  next: (n) => n + 1,
  label: () => "inc",
  actionName: () => "inc",
  invariants: [{ name: "INV-9 small", holds: (n) => n < 10 }],
  witnesses: [{ name: "three", reached: (n) => n === 3 }],
  liveness: [{ kind: "eventually", name: "LIVE-9 reaches three", holds: (n) => n === 3 }],
};
const boom = (n: number): never => {
  throw new TypeError(`cannot read field of ${n}`);
};

describe("a spec whose own code throws", () => {
  it("names the invariant, the witness, the step or the liveness property that threw", async () => {
    const cases: [ActionSpec<number, "inc">, string][] = [
      [{ ...counter, invariants: [{ name: "INV-9 small", holds: (n) => (n === 2 ? boom(n) : true) }] }, 'invariant "INV-9 small" threw: cannot read field of 2'],
      [{ ...counter, witnesses: [{ name: "three", reached: boom }] }, 'witness "three" threw: cannot read field of 0'],
      [{ ...counter, next: (n) => (n === 1 ? boom(n) : n + 1) }, "a step (next) threw: cannot read field of 1"],
    ];
    for (const [spec, message] of cases) {
      await expect(check(guardSpec(spec))).rejects.toBeInstanceOf(SpecError);
      await expect(check(guardSpec(spec))).rejects.toThrow(message);
    }
    await expect(checkLiveness(guardSpec({ ...counter, liveness: [{ kind: "eventually", name: "LIVE-9", holds: boom }] }))).rejects.toThrow('liveness property "LIVE-9" threw');
    const walked = guardSpec({ ...counter, weight: (_action, n) => (n === 2 ? boom(n) : 1) });
    await expect(simulate([{ index: 0, spec: walked, style: evenStyle(10) }], { seed: 1, walks: 3 })).rejects.toThrow("its step weights threw: cannot read field of 2");
  });

  it("keeps what the spec computes unchanged when nothing throws", async () => {
    const plain = await check(counter);
    const guarded = await check(guardSpec(counter));
    expect([guarded.verdict, guarded.stats.distinct, guarded.witnesses.map((w) => w.trace?.steps.length)]).toEqual([plain.verdict, plain.stats.distinct, [3]]);
  });

  it("reports it in one paragraph, with the line of the model where it happened", () => {
    const inModel = new TypeError("x is undefined");
    inModel.stack = "TypeError: x is undefined\n    at holds (/work/checker/engine/bfs.ts:10:3)\n    at explain (/repo/model/properties.ts:42:7)\n    at run (/repo/checker/engine/bfs.ts:99:1)";
    expect(specErrorReport(new SpecError('invariant "INV-4"', inModel))).toBe(`splitbrain: the spec's own code threw, a bug in the model: invariant "INV-4" threw: x is undefined\n  at explain (/repo/model/properties.ts:42:7)\n`);
    expect(specErrorReport(new SpecError("present", "a string"))).toBe("splitbrain: the spec's own code threw, a bug in the model: present threw: a string\n");
  });
});
