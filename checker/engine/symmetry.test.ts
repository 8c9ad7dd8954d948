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

/**
 * Two counters a and b, interchangeable. The class of (1, 2) is reached
 * first as (1, 2) through a fault; then as (2, 1) through clean steps only,
 * a cheaper path to another state of the class; then as (1, 2) again by a
 * clean shift, a cheaper path to the very state stored.
 */
type Pair = { readonly a: number; readonly b: number; readonly bad: boolean };
type Move = "fault a" | "fault b" | "step a" | "step b" | "step a1" | "step b1" | "shift a" | "shift b" | "bad";
const MOVES: readonly Move[] = ["fault a", "fault b", "step a", "step b", "step a1", "step b1", "shift a", "shift b", "bad"];
function moved(s: Pair, m: Move): Pair | undefined {
  const to = (a: number, b: number) => (a + b <= 3 ? { a, b, bad: false } : undefined);
  if (s.bad) return undefined;
  switch (m) {
    case "fault a":
      return to(s.a + 1, s.b);
    case "fault b":
      return to(s.a, s.b + 1);
    case "step a":
      return to(s.a + 2, s.b);
    case "step b":
      return to(s.a, s.b + 2);
    case "step a1":
      return s.b === 2 ? to(s.a + 1, s.b) : undefined;
    case "step b1":
      return s.a === 2 ? to(s.a, s.b + 1) : undefined;
    case "shift a":
      return s.a === 2 && s.b === 0 ? to(1, 2) : undefined;
    case "shift b":
      return s.b === 2 && s.a === 0 ? to(2, 1) : undefined;
    case "bad":
      return s.a + s.b === 3 && s.a > 0 && s.b > 0 ? { ...s, bad: true } : undefined;
  }
}
const pairs: ActionSpec<Pair, Move> = {
  name: "pairs",
  initialStates: () => [{ a: 0, b: 0, bad: false }],
  actions: (s) => MOVES.filter((m) => moved(s, m) !== undefined),
  next: (s, m) => moved(s, m)!,
  label: (m) => m,
  actionName: (m) => m,
  // A shift is done by the other counter, so that the clean paths to (2, 1) and to (1, 2) cost the same (one switch),
  // and the one to (2, 1), found first, would win if a cheaper parent could lead to another state of the class.
  stepInfo: (m) => ({ actor: m === "shift a" ? "b" : m === "shift b" ? "a" : m.endsWith("a") || m === "step a1" ? "a" : "b", fault: m.startsWith("fault") }),
  symmetries: (s) => [s, { a: s.b, b: s.a, bad: s.bad }],
  invariants: [{ name: "never bad", holds: (s) => !s.bad }],
  witnesses: [],
};

describe("symmetry with path costs", () => {
  it("takes a cheaper parent only when it leads to the very state stored, so the counterexample replays", async () => {
    const result = await check(pairs);
    expect(result.verdict.kind).toBe("violation");
    if (result.verdict.kind !== "violation") return;
    // (1, 2) was stored through the fault; the clean path to (2, 1) was passed over, the clean shift to (1, 2) taken.
    expect(result.verdict.trace.steps.map((s) => s.label)).toEqual(["step a", "shift a", "bad"]);
    expect(result.verdict.trace.steps.at(-1)!.state).toEqual({ a: 1, b: 2, bad: true });
    expect(result.verdict.cost).toEqual({ faults: 0, switches: expect.any(Number) });
  });
});
