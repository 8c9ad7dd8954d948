import { describe, expect, it } from "vitest";
import { checkLiveness } from "../checker/engine/liveness/check-liveness.ts";
import { spinLock } from "./spin-lock.ts";

describe("a spin lock, for liveness", () => {
  it("starves P0 under weak fairness: P1 takes and frees the lock forever, so P0's turn is never on all the time", async () => {
    const result = await checkLiveness(spinLock("weak"));
    if (result.kind !== "done") throw new Error(result.reason);
    const [verdict] = result.verdicts;
    if (verdict?.kind !== "violated") throw new Error("expected a lasso");
    expect(verdict.trace.steps.map((s) => s.label)).toEqual(["P0 wants the lock", "P1 wants the lock", "P1 takes the lock", "P1 frees the lock"]);
    expect(verdict.loopFrom).toBe(1);
  });

  it("lets P0 in under strong fairness", async () => {
    const result = await checkLiveness(spinLock("strong"));
    expect(result.kind === "done" && result.verdicts.map((v) => v.kind)).toEqual(["holds"]);
  });
});
