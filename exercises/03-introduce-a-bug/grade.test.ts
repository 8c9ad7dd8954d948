import { describe, expect, it } from "vitest";
import { gradeInCopy } from "../in-a-copy.ts";

describe("exercise 3, a bug of your own", () => {
  it("fails its starting point, naming the variant to declare", () => {
    const { status, output } = gradeInCopy("03-introduce-a-bug", false);
    expect(status, output).toBe(1);
    expect(output).toContain('FAIL  skip-forward is declared once');
    expect(output).toContain('hint: declare it in model/variant-catalog.ts');
  }, 300_000);

  it("gives the reference solution full marks", () => {
    const { status, output } = gradeInCopy("03-introduce-a-bug", true);
    expect(status, output).toBe(0);
    expect(output).toContain("Score: 5/5. Full marks.");
  }, 300_000);
});
