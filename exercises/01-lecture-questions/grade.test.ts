import { describe, expect, it } from "vitest";
import { gradeInCopy } from "../in-a-copy.ts";

describe("exercise 1, the lecture's questions as witnesses", () => {
  it("fails its starting point, naming the witnesses to add", () => {
    const { status, output } = gradeInCopy("01-lecture-questions", false);
    expect(status, output).toBe(1);
    expect(output).toContain('FAIL  Q1');
    expect(output).toContain('hint: add one to WITNESS_NAMES');
  }, 300_000);

  it("gives the reference solution full marks", () => {
    const { status, output } = gradeInCopy("01-lecture-questions", true);
    expect(status, output).toBe(0);
    expect(output).toContain("Score: 4/4. Full marks.");
  }, 300_000);
});
