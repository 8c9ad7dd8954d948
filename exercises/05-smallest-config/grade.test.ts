import { describe, expect, it } from "vitest";
import { gradeInCopy } from "../in-a-copy.ts";

describe("exercise 5, the smallest configuration", () => {
  it("fails its starting point, pointing at --minimize-config", () => {
    const { status, output } = gradeInCopy("05-smallest-config", false);
    expect(status, output).toBe(1);
    expect(output).toContain('FAIL  no smaller configuration shows it');
    expect(output).toContain('--minimize-config and read which parts it can do without');
  }, 300_000);

  it("gives the reference solution full marks", () => {
    const { status, output } = gradeInCopy("05-smallest-config", true);
    expect(status, output).toBe(0);
    expect(output).toContain("Score: 3/3. Full marks.");
  }, 300_000);
});
