import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fingerprint, sameFingerprint } from "./fingerprint.ts";

const plainData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 4 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie("value"), { maxKeys: 3 }),
  ),
})).value;

/** JSON with sorted keys: equal exactly when the plain data is equal. */
const sortedJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

describe("fingerprint", () => {
  it("does not depend on the key order of objects", () => {
    expect(sameFingerprint({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
  });

  it("does not depend on the insertion order of sets and maps", () => {
    expect(sameFingerprint(new Set(["x", "y", "z"]), new Set(["z", "x", "y"]))).toBe(true);
    expect(sameFingerprint(new Set([{ a: 1 }, { b: 2 }]), new Set([{ b: 2 }, { a: 1 }]))).toBe(true);
    expect(sameFingerprint(new Map([[1, "a"], [2, "b"]]), new Map([[2, "b"], [1, "a"]]))).toBe(true);
  });

  it("treats an absent field and an undefined field alike", () => {
    expect(sameFingerprint({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });

  it("tells apart values that differ only in structure", () => {
    const pairs: [unknown, unknown][] = [
      [[1, 2], [[1], 2]],
      ["12", 12],
      [{ ab: "c" }, { a: "bc" }],
      [new Set([1, 2]), [1, 2]],
      [new Set(["a"]), new Map([["a", true]])],
      [[], {}],
      [null, undefined],
      [0.5, "0.5"],
      [new Map([["k", 1]]), new Map([["k", 2]])],
    ];
    for (const [a, b] of pairs) expect(sameFingerprint(a, b), `${String(a)} vs ${String(b)}`).toBe(false);
  });

  it("gives equal data equal fingerprints and different data different ones", () => {
    fc.assert(
      fc.property(plainData, plainData, (a, b) => {
        expect(sameFingerprint(a, structuredClone(a))).toBe(true);
        expect(sameFingerprint(a, b)).toBe(sortedJson(a) === sortedJson(b));
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses values that are not plain data", () => {
    expect(() => fingerprint({ f: () => 1 })).toThrow(/plain data/);
  });
});
