import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintTable, homeSlot } from "./fingerprint-table.ts";
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

  it("keeps fingerprints apart that share one 32-bit half", () => {
    const table = new FingerprintTable(16);
    for (const [hi, lo] of [[7, 1], [7, 2], [8, 1], [7, 17]] as const) expect(table.add(hi, lo)).toBe(true);
    for (const [hi, lo] of [[7, 1], [7, 2], [8, 1], [7, 17]] as const) expect(table.add(hi, lo)).toBe(false);
    expect(table.has(8, 2)).toBe(false);
    expect(table.has(9, 1)).toBe(false);
    // Whatever slot they start from, other low words of a present high word are absent.
    for (let lo = 3; lo < 200; lo++) if (lo !== 17) expect(table.has(7, lo), `(7, ${lo})`).toBe(false);
    expect(table.size).toBe(4);
  });

  it.each([15, 0])("probes on from slot %i when it is taken, wrapping from the last slot to the first", (slot) => {
    const table = new FingerprintTable(16);
    // Low words whose first slot is this one: the second and third must go on (from the last, wrap).
    const same: number[] = [];
    for (let lo = 1; same.length < 3; lo++) if (homeSlot(lo, 16) === slot) same.push(lo);
    for (const lo of same) expect(table.add(1, lo)).toBe(true);
    for (const lo of same) expect(table.has(1, lo)).toBe(true);
    expect(table.has(2, same[0]!)).toBe(false);
  });

  it("keeps every fingerprint when it grows, whichever half is zero", () => {
    const table = new FingerprintTable(16);
    const kept: [number, number][] = [[5, 0], [0, 5], [0, 0], [0xffffffff, 0xffffffff]];
    for (let i = 1; i <= 40; i++) kept.push([i * 1000, i]);
    for (const [hi, lo] of kept) table.add(hi, lo);
    expect(table.bytes).toBeGreaterThan(16 * 8);
    for (const [hi, lo] of kept) expect(table.has(hi, lo), `(${hi}, ${lo})`).toBe(true);
    expect(table.size).toBe(kept.length);
  });

  it("costs 8 bytes a slot, and starts with room for 65,536", () => {
    expect(new FingerprintTable().bytes).toBe(65_536 * 8);
    expect(new FingerprintTable(16).bytes).toBe(16 * 8);
    expect(new FingerprintTable(4).bytes).toBe(16 * 8);
    expect(new FingerprintTable(20).bytes).toBe(20 * 8);
  });

  it("grows by half when an addition makes it more than three quarters full", () => {
    const table = new FingerprintTable(16);
    for (let i = 0; i < 12; i++) table.add(i, i + 1);
    expect(table.bytes).toBe(16 * 8);
    table.add(0, 1); // already there: no growth
    expect(table.bytes).toBe(16 * 8);
    table.add(12, 13);
    expect(table.bytes).toBe(24 * 8);
    for (let i = 0; i < 13; i++) expect(table.has(i, i + 1)).toBe(true);
  });

  it("stays between 10.7 and 16 bytes per fingerprint once it has grown", () => {
    const table = new FingerprintTable(16);
    let least = Infinity;
    let most = 0;
    for (let i = 1; i <= 100_000; i++) {
      table.add(Math.imul(i, 2654435761) >>> 0, Math.imul(i, 40503) >>> 0);
      if (i < 12) continue;
      least = Math.min(least, table.bytes / table.size);
      most = Math.max(most, table.bytes / table.size);
    }
    expect(table.size).toBe(100_000);
    expect(least).toBeCloseTo(8 / 0.75, 1);
    expect(most).toBeLessThanOrEqual(16);
    expect(most).toBeGreaterThan(15);
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
