// How a state's stored fingerprint is chosen among its images, and what a
// search with symmetry reports.

import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import { fingerprint, type Fingerprint } from "./fingerprint.ts";
import type { ActionSpec } from "./spec.ts";
import { StoredFingerprints, withSymmetryOption } from "./symmetry.ts";

const before = (a: Fingerprint, b: Fingerprint) => a.hi < b.hi || (a.hi === b.hi && a.lo < b.lo);

/** Two numbers whose fingerprints share their high word, found by search (about 5 such pairs below 200,000). */
function sameHigh(): [number, number] {
  const seen = new Map<number, number>();
  for (let n = 0; ; n++) {
    const { hi } = fingerprint(n);
    const other = seen.get(hi);
    if (other !== undefined) return [other, n];
    seen.set(hi, n);
  }
}

describe("the stored fingerprint", () => {
  it("is the least of the images', by high word, in either order", () => {
    for (let n = 0; n < 200; n++) {
      const [a, b] = [fingerprint(n), fingerprint(n + 1000)];
      const least = before(a, b) ? a : b;
      expect(new StoredFingerprints({ symmetries: () => [n, n + 1000] }).of(0)).toEqual(least);
      expect(new StoredFingerprints({ symmetries: () => [n + 1000, n] }).of(0)).toEqual(least);
    }
  });

  it("is the least by low word when the high words tie, in either order", () => {
    const [x, y] = sameHigh();
    const [a, b] = [fingerprint(x), fingerprint(y)];
    expect(a.hi).toBe(b.hi);
    const least = a.lo < b.lo ? a : b;
    expect(new StoredFingerprints({ symmetries: () => [x, y] }).of(0)).toEqual(least);
    expect(new StoredFingerprints({ symmetries: () => [y, x] }).of(0)).toEqual(least);
  });

  it("is the state's own without symmetries, and counts the most images one state had", () => {
    expect(new StoredFingerprints<number>({}).of(7)).toEqual(fingerprint(7));
    const stored = new StoredFingerprints({ symmetries: (n: number) => Array.from({ length: n }, (_, i) => i) });
    for (const n of [2, 5, 3]) stored.of(n);
    expect(stored.mostImages).toBe(5);
  });
});

describe("a search with symmetry", () => {
  const spec = (symmetric: boolean): ActionSpec<number, number> => ({
    name: "mod",
    initialStates: () => [0],
    actions: (n) => (n < 6 ? [1] : []),
    next: (n) => n + 1,
    label: () => "inc",
    actionName: () => "inc",
    invariants: [],
    witnesses: [],
    // n and -n are one class.
    ...(symmetric ? { symmetries: (n: number) => [n, -n] } : {}),
  });

  it("says so in its result, with the most images one state had", async () => {
    expect((await check(spec(true))).symmetry).toEqual({ mostImages: 2 });
    expect((await check(spec(true), { symmetry: false })).symmetry).toBeUndefined();
    expect((await check(spec(false))).symmetry).toBeUndefined();
  });

  it("keeps a spec as it is unless symmetry is switched off", () => {
    const s = spec(true);
    expect(withSymmetryOption(s, {})).toBe(s);
    expect(withSymmetryOption(s, { symmetry: true })).toBe(s);
    expect(withSymmetryOption(s, { symmetry: false }).symmetries).toBeUndefined();
    const plain = spec(false);
    expect(withSymmetryOption(plain, { symmetry: false })).toBe(plain);
  });
});
