// Every rule in spec/protocol.md is implemented somewhere in model/ and names
// its ID there, and every ID the code names is a rule of the spec: a student
// can go from rule to code and back.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ID = /\b(VS-\d+b?|PB-\d+b?|CL-\d+)\b/g;
const root = join(import.meta.dirname, "..");

const specIds = new Set([...readFileSync(join(root, "spec/protocol.md"), "utf8").matchAll(/\*\*((?:VS|PB|CL)-\d+b?)\*\*/g)].map((m) => m[1]!));
const modelFiles = readdirSync(join(root, "model")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
const codeIds = new Set(modelFiles.flatMap((f) => [...readFileSync(join(root, "model", f), "utf8").matchAll(ID)].map((m) => m[1]!)));

describe("rule IDs", () => {
  it("are stated in spec/protocol.md", () => {
    expect(specIds.size).toBeGreaterThanOrEqual(20);
  });

  it("each name a rule the model implements", () => {
    expect([...specIds].filter((id) => !codeIds.has(id))).toEqual([]);
  });

  it("each named in the model exist in the spec", () => {
    expect([...codeIds].filter((id) => !specIds.has(id))).toEqual([]);
  });
});
