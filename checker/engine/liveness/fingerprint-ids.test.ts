import { describe, expect, it } from "vitest";
import { homeSlot } from "../fingerprint-table.ts";
import { FingerprintIds } from "./fingerprint-ids.ts";

/** `count` low words whose home slot, in a table of `capacity` slots, is `slot`. */
const homedAt = (slot: number, capacity: number, count: number) => {
  const out: number[] = [];
  for (let lo = 1; out.length < count; lo++) if (homeSlot(lo, capacity) === slot) out.push(lo);
  return out;
};

describe("FingerprintIds", () => {
  it("numbers fingerprints in the order they come, once each, across growth", () => {
    const ids = new FingerprintIds(16);
    const pairs = Array.from({ length: 5000 }, (_, i) => [Math.imul(i, 0x9e3779b1) >>> 0, i] as const);
    pairs.forEach(([hi, lo], i) => expect(ids.add(hi, lo)).toEqual({ id: i, added: true }));
    expect(ids.size).toBe(5000);
    pairs.forEach(([hi, lo], i) => {
      expect(ids.add(hi, lo)).toEqual({ id: i, added: false });
      expect(ids.get(hi, lo)).toBe(i);
    });
    expect(ids.get(7, 123_456)).toBe(-1);
    expect(ids.bytes).toBeGreaterThanOrEqual((5000 / 0.75) * 12);
  });

  it("keeps the all-zero fingerprint apart from an empty slot", () => {
    const ids = new FingerprintIds();
    expect(ids.get(0, 0)).toBe(-1);
    expect(ids.add(0, 0)).toEqual({ id: 0, added: true });
    expect(ids.get(0, 0)).toBe(0);
    expect(ids.add(0, 1)).toEqual({ id: 0, added: false });
  });

  it("finds a fingerprint past its home slot, round the end of the table, and by both words", () => {
    const ids = new FingerprintIds(16);
    // Three with the last slot as home: the second and third wrap round to slots 0 and 1.
    const [a, b, c] = homedAt(15, 16, 3) as [number, number, number];
    expect([ids.add(9, a).id, ids.add(9, b).id, ids.add(9, c).id]).toEqual([0, 1, 2]);
    expect([ids.get(9, a), ids.get(9, b), ids.get(9, c), ids.get(8, c)]).toEqual([0, 1, 2, -1]);
  });

  it("nudges only the all-zero fingerprint, and works from any starting size", () => {
    const ids = new FingerprintIds(0);
    expect([ids.add(0, 5).id, ids.add(7, 0).id, ids.add(0, 1).id, ids.add(0, 0).id]).toEqual([0, 1, 2, 2]);
    expect([ids.get(0, 5), ids.get(7, 0), ids.get(0, 0)]).toEqual([0, 1, 2]);
    for (let i = 0; i < 100; i++) ids.add(1, i + 10);
    expect(ids.size).toBe(103);
  });
});
