import { describe, expect, it } from "vitest";
import { gradeInCopy } from "../in-a-copy.ts";

describe("exercise 4, the view service fails", () => {
  it("fails its starting point, naming the fault budget to add", () => {
    const { status, output } = gradeInCopy("04-view-service-fails", false);
    expect(status, output).toBe(1);
    expect(output).toContain('FAIL  exercises/04-view-service-fails/standby.json is a valid configuration');
    expect(output).toContain('hint: add viewServiceFailovers to the fault budgets');
  }, 300_000);

  it("gives the reference solution full marks", () => {
    const { status, output } = gradeInCopy("04-view-service-fails", true);
    expect(status, output).toBe(0);
    expect(output).toContain("Score: 5/5. Full marks.");
  }, 300_000);
});
