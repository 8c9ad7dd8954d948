import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collisionProbability, fingerprint, sameFingerprint } from "./fingerprint.ts";
import { runs } from "./test-graphs.ts";

const plainData: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 4 }),
    // Past the length where strings stop being cached and are fed character by character.
    fc.string({ minLength: 60, maxLength: 90 }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie("value"), { maxKeys: 3 }),
    fc.array(tie("value"), { maxLength: 3 }).map((xs) => new Set(xs)),
    fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 2 })), tie("value")), { maxLength: 3 }).map((es) => new Map(es)),
  ),
})).value;

/**
 * A canonical text of plain data, equal exactly when the data are equal:
 * sorted object keys, Sets as sorted element texts, Maps as sorted entries.
 */
const canonicalText = (value: unknown): string => {
  if (value instanceof Set) return `set(${[...value].map(canonicalText).sort().join(",")})`;
  if (value instanceof Map) return `map(${[...value].map(([k, v]) => `${canonicalText(k)}=>${canonicalText(v)}`).sort().join(",")})`;
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonicalText(v)}`).join(",")}}`;
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
};

/** Two values whose fingerprints agree in one 32-bit half (found by the birthday bound), as a pair. */
function halfCollision(half: "hi" | "lo"): [unknown, unknown] {
  const seen = new Map<number, number>();
  for (let i = 0; ; i++) {
    const word = fingerprint({ n: i })[half];
    const earlier = seen.get(word);
    if (earlier !== undefined) return [{ n: earlier }, { n: i }];
    seen.set(word, i);
  }
}

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
        expect(sameFingerprint(a, b)).toBe(canonicalText(a) === canonicalText(b));
      }),
      runs(3000, 21),
    );
  });

  it("tells apart Sets and Maps that differ in one element, key or value", () => {
    expect(sameFingerprint(new Set([1, 2, 3]), new Set([1, 2, 4]))).toBe(false);
    expect(sameFingerprint(new Set([1, 2]), new Set([1, 2, 2, 3]))).toBe(false);
    expect(sameFingerprint(new Map([["a", 1], ["b", 2]]), new Map([["a", 1], ["c", 2]]))).toBe(false);
    expect(sameFingerprint(new Map([["a", 1], ["b", 2]]), new Map([["a", 2], ["b", 1]]))).toBe(false);
    expect(sameFingerprint(new Set([new Set([1]), new Set([2])]), new Set([new Set([1, 2])]))).toBe(false);
    expect(sameFingerprint({ s: new Set(["x"]) }, { s: new Set(["y"]) })).toBe(false);
  });

  it("compares both 32-bit halves", () => {
    for (const half of ["hi", "lo"] as const) {
      const [a, b] = halfCollision(half);
      expect(fingerprint(a)[half]).toBe(fingerprint(b)[half]);
      expect(sameFingerprint(a, b), `values equal in ${half} only`).toBe(false);
    }
  });

  it("states the birthday bound for a 64-bit collision", () => {
    expect(collisionProbability(0) + 0).toBe(0); // -0 from 0 × -1 is fine
    expect(collisionProbability(1)).toBe(0);
    expect(collisionProbability(2)).toBe(2 ** -64);
    expect(collisionProbability(1_000_000)).toBeCloseTo((1_000_000 * 999_999) / 2 / 2 ** 64, 20);
    expect(collisionProbability(1_000_000)).toBeGreaterThan(2.7e-8);
    expect(collisionProbability(1_000_000)).toBeLessThan(2.72e-8);
  });

  it("is the same from version to version: these values are pinned, and a change to them is a decision", () => {
    // Saved searches (checkpoints) will hold fingerprints, so the function is part of the format.
    const value = { a: [1, "x", true, null], b: new Set([2.5, "y"]), c: new Map([["k", { d: undefined, e: -7 }]]) };
    expect([0, "", [], {}, value].map(fingerprint)).toEqual([
      { hi: 3584607650, lo: 685156722 },
      { hi: 2951448707, lo: 170853375 },
      { hi: 4216512913, lo: 1945240313 },
      { hi: 1222754889, lo: 982731061 },
      { hi: 1692343040, lo: 3523363404 },
    ]);
  });

  it("tells apart a number from the same number as text, and floats by their bits", () => {
    expect(sameFingerprint(1, "1")).toBe(false);
    expect(sameFingerprint(0.1 + 0.2, 0.3)).toBe(false);
    expect(sameFingerprint(2 ** 40, 2 ** 40 + 1)).toBe(false);
    expect(sameFingerprint(-0, 0)).toBe(true);
    expect(sameFingerprint(["ab"], ["a", "b"])).toBe(false);
    expect(sameFingerprint("abc", "abd")).toBe(false);
    expect(sameFingerprint(true, false)).toBe(false);
    expect(sameFingerprint(null, false)).toBe(false);
    expect(sameFingerprint([undefined], [{}])).toBe(false);
    expect(sameFingerprint([undefined], [null])).toBe(false);
  });

  it("stays the same for records past the number of field names it remembers", () => {
    // More distinct field names than the name table holds (4,096): the rest are hashed each time.
    const records = Array.from({ length: 5_000 }, (_, i) => ({ [`field${i}`]: i }));
    const first = records.map(fingerprint);
    expect(records.map((r) => fingerprint(structuredClone(r)))).toEqual(first);
    expect(new Set(first.map((f) => `${f.hi}:${f.lo}`)).size).toBe(5_000);
  });

  it("refuses values that are not plain data", () => {
    expect(() => fingerprint({ f: () => 1 })).toThrow(/plain data/);
  });
});

describe("the fingerprint of a codec's words", () => {
  it("depends on exactly the words from `from` for `count`, in order, and is not the fingerprint of the same numbers as data", async () => {
    const { fingerprintWords } = await import("./fingerprint.ts");
    const words = Int32Array.from([7, 1, 2, 3, 9]);
    const fp = fingerprintWords(words, 1, 3);
    expect(fingerprintWords(Int32Array.from([1, 2, 3]), 0, 3)).toEqual(fp);
    for (const other of [fingerprintWords(words, 0, 3), fingerprintWords(words, 1, 2), fingerprintWords(words, 1, 4), fingerprintWords(Int32Array.from([1, 3, 2]), 0, 3), fingerprint([1, 2, 3])]) {
      expect(other).not.toEqual(fp);
    }
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 6 }), fc.array(fc.integer(), { maxLength: 6 }), (a, b) => {
        const same = a.length === b.length && a.every((x, i) => (x | 0) === (b[i]! | 0));
        expect(sameFingerprintOf(fingerprintWords(Int32Array.from(a), 0, a.length), fingerprintWords(Int32Array.from(b), 0, b.length))).toBe(same);
      }),
    );
  });
});

const sameFingerprintOf = (x: { hi: number; lo: number }, y: { hi: number; lo: number }) => x.hi === y.hi && x.lo === y.lo;
