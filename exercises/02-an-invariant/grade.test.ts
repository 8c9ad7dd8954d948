import { describe, expect, it } from "vitest";
import { gradeInCopy } from "../in-a-copy.ts";

describe("exercise 2, an invariant of your own", () => {
  it("fails its starting point, naming the invariant to add", () => {
    const { status, output } = gradeInCopy("02-an-invariant", false);
    expect(status, output).toBe(1);
    expect(output).toContain('FAIL  INV-4 holds on tiny');
    expect(output).toContain('hint: add one to invariants()');
  }, 300_000);

  it("gives the reference solution full marks", () => {
    const { status, output } = gradeInCopy("02-an-invariant", true);
    expect(status, output).toBe(0);
    expect(output).toContain("Score: 4/4. Full marks.");
  }, 300_000);
});
