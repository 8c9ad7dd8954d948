import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintTable } from "./fingerprint-table.ts";
import { runs } from "./test-graphs.ts";

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
      runs(300, 31),
    );
  });

  it("numbers fingerprints in the order they were added, through growth", () => {
    const table = new FingerprintTable(16);
    for (let i = 0; i < 100; i++) expect(table.addOrGet(i * 7919, i)).toBe(-1);
    for (let i = 0; i < 100; i++) expect(table.addOrGet(i * 7919, i)).toBe(i);
  });

  it("keeps fingerprints apart that share one 32-bit half", () => {
    const table = new FingerprintTable(16);
    // Same high word; same low word (so the same first slot).
    expect(table.addOrGet(7, 1)).toBe(-1);
    expect(table.addOrGet(7, 2)).toBe(-1);
    expect(table.addOrGet(8, 1)).toBe(-1);
    expect(table.addOrGet(7, 17)).toBe(-1);
    expect([table.addOrGet(7, 1), table.addOrGet(7, 2), table.addOrGet(8, 1), table.addOrGet(7, 17)]).toEqual([0, 1, 2, 3]);
    expect(table.has(8, 2)).toBe(false);
    expect(table.has(9, 1)).toBe(false);
    expect(table.size).toBe(4);
  });

  it("reports its size in bytes: 8 per slot for the fingerprint, 4 for the state number", () => {
    expect(new FingerprintTable().bytes).toBe(65_536 * 12);
    expect(new FingerprintTable(16).bytes).toBe(16 * 12);
    expect(new FingerprintTable(4).bytes).toBe(16 * 12);
    expect(new FingerprintTable(17).bytes).toBe(32 * 12);
  });

  it("doubles when an addition would make it more than half full", () => {
    const table = new FingerprintTable(16);
    for (let i = 0; i < 8; i++) table.add(i, i + 1);
    expect(table.bytes).toBe(16 * 12);
    table.add(8, 9);
    expect(table.bytes).toBe(32 * 12);
    // An addition of something already there does not count.
    const full = new FingerprintTable(16);
    for (let i = 0; i < 8; i++) full.add(i, i + 1);
    full.add(0, 1);
    expect(full.size).toBe(8);
  });

  it("keeps fingerprints whose low word is zero apart", () => {
    const table = new FingerprintTable(16);
    expect(table.add(5, 0)).toBe(true);
    expect(table.add(7, 0)).toBe(true);
    expect(table.add(5, 0)).toBe(false);
    expect(table.has(7, 0)).toBe(true);
  });

  it("stores the all-zero fingerprint, although zero marks an empty slot", () => {
    const table = new FingerprintTable();
    expect(table.add(0, 0)).toBe(true);
    expect(table.add(0, 0)).toBe(false);
    expect(table.has(0, 0)).toBe(true);
    expect(table.has(0, 2)).toBe(false);
    expect(table.size).toBe(1);
  });
});
