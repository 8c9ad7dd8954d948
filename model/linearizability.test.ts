import { describe, expect, it } from "vitest";
import type { Operation } from "./config.ts";
import { isLinearizable } from "./linearizability.ts";

const put = (key: string, value: string): Operation => ({ kind: "Put", key, value });
const append = (key: string, value: string): Operation => ({ kind: "Append", key, value });
const get = (key: string): Operation => ({ kind: "Get", key });

describe("linearizability of a client history", () => {
  const scripts = [[put("x", "1")], [get("x")]];

  it("accepts a Get that sees a Put that completed before it began", () => {
    const ops = [[{ invokedAfter: [0, 0], result: "" }], [{ invokedAfter: [1, 0], result: "1" }]];
    expect(isLinearizable(scripts, ops)).toBe(true);
  });

  it("rejects a Get that misses a Put that completed before it began (a stale read)", () => {
    const ops = [[{ invokedAfter: [0, 0], result: "" }], [{ invokedAfter: [1, 0], result: "" }]];
    expect(isLinearizable(scripts, ops)).toBe(false);
  });

  it("accepts either value for a Get concurrent with a Put", () => {
    for (const seen of ["", "1"]) {
      const ops = [[{ invokedAfter: [0, 0], result: "" }], [{ invokedAfter: [0, 0], result: seen }]];
      expect(isLinearizable(scripts, ops)).toBe(true);
    }
  });

  it("lets a pending write take effect, or not", () => {
    for (const seen of ["", "1"]) {
      const ops = [[{ invokedAfter: [0, 0], result: undefined }], [{ invokedAfter: [0, 0], result: seen }]];
      expect(isLinearizable(scripts, ops)).toBe(true);
    }
  });

  it("rejects a value no order can produce, such as an Append applied twice", () => {
    const twice = [[append("x", "a")], [get("x")]];
    const ops = [[{ invokedAfter: [0, 0], result: "" }], [{ invokedAfter: [1, 0], result: "aa" }]];
    expect(isLinearizable(twice, ops)).toBe(false);
  });

  it("keeps each client's operations in program order", () => {
    const own = [[put("x", "1"), get("x")]];
    expect(isLinearizable(own, [[{ invokedAfter: [0], result: "" }, { invokedAfter: [1], result: "1" }]])).toBe(true);
    expect(isLinearizable(own, [[{ invokedAfter: [0], result: "" }, { invokedAfter: [1], result: "" }]])).toBe(false);
  });
});
