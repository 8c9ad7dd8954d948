import { describe, expect, it } from "vitest";
import { checkLiveness } from "../checker/engine/liveness/check-liveness.ts";
import { peterson } from "./peterson.ts";

describe("Peterson's algorithm, for liveness", () => {
  it("lets a process that wants in get in, under weak fairness of each process's steps", async () => {
    const result = await checkLiveness(peterson());
    expect(result.kind === "done" && result.stats.states).toBe(20);
    expect(result.kind === "done" && result.verdicts).toEqual([{ property: "P0 wanting in leads to P0 in", kind: "holds" }]);
  });

  it("without fairness, starves P0: it wants in, and then nothing need ever happen", async () => {
    const result = await checkLiveness(peterson({ fair: false }));
    if (result.kind !== "done") throw new Error(result.reason);
    const [verdict] = result.verdicts;
    if (verdict?.kind !== "violated") throw new Error("expected a lasso");
    expect(verdict.trace.steps.map((s) => s.label)).toEqual(["P0 wants in"]);
    // The loop starts after the last step and has no step: the run stays there.
    expect(verdict.loopFrom).toBe(1);
  });
});
