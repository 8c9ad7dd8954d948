import { describe, expect, it } from "vitest";
import { gradeInCopy } from "../in-a-copy.ts";

describe("exercise 6, fix a broken rule", () => {
  it("fails its starting point (start.patch applied) on pipelined, with a counterexample to read", () => {
    const { status, output } = gradeInCopy("06-fix-a-rule", false);
    expect(status, output).toBe(1);
    expect(output).toMatch(/FAIL {2}pipelined passes.*INV-2 acknowledged writes survive, once each fails in \d+ steps/);
    expect(output).toContain("which step should a rule of spec/protocol.md have stopped?");
  }, 600_000);

  it("gives the reference solution full marks", () => {
    const { status, output } = gradeInCopy("06-fix-a-rule", true);
    expect(status, output).toBe(0);
    expect(output).toContain("Score: 4/4. Full marks.");
  }, 600_000);
});
