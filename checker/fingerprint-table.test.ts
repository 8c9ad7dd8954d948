import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintTable } from "./fingerprint-table.ts";

describe("FingerprintTable", () => {
  it("behaves like a set of 64-bit values, through growth", () => {
    const word = fc.integer({ min: 0, max: 0xffffffff });
    // Few distinct values so that repeats are common; small capacity so it grows.
    const smallWord = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(word, smallWord), fc.oneof(word, smallWord)), { maxLength: 300 }), (pairs) => {
        const table = new FingerprintTable(16);
        const reference = new Set<string>();
        for (const [hi, lo] of pairs) {
          const key = `${hi}:${lo}`;
          expect(table.add(hi, lo)).toBe(!reference.has(key));
          reference.add(key);
        }
        expect(table.size).toBe(reference.size);
        for (const [hi, lo] of pairs) expect(table.has(hi, lo)).toBe(true);
      }),
    );
  });

  it("numbers fingerprints in the order they were added, through growth", () => {
    const table = new FingerprintTable(16);
    for (let i = 0; i < 100; i++) expect(table.addOrGet(i * 7919, i)).toBe(-1);
    for (let i = 0; i < 100; i++) expect(table.addOrGet(i * 7919, i)).toBe(i);
  });

  it("stores the all-zero fingerprint, although zero marks an empty slot", () => {
    const table = new FingerprintTable();
    expect(table.add(0, 0)).toBe(true);
    expect(table.add(0, 0)).toBe(false);
    expect(table.has(0, 2)).toBe(false);
    expect(table.size).toBe(1);
  });
});
