// The model is pure (checker/quality/purity-check.ts): no clock, randomness,
// environment, console or I/O, and no mutation of a value a function did not
// create. The dynamic side, deep-frozen states and every state of tiny
// expanded twice, is in protocol-spec.test.ts.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPurity, showFinding } from "../checker/quality/purity-check.ts";

const dir = import.meta.dirname;
const modelFiles = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("the model is pure", () => {
  it("is read from every model file", () => {
    expect(modelFiles.length).toBeGreaterThanOrEqual(15);
  });

  it("has no impurity the static check can see", () => {
    expect(checkPurity(modelFiles.map((f) => join(dir, f))).map(showFinding)).toEqual([]);
  }, 30_000);
});
