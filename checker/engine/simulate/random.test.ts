import { describe, expect, it } from "vitest";
import { mixSeed, Random } from "./random.ts";

describe("seeded randomness", () => {
  it("gives the same numbers for the same seed, and others for another seed", () => {
    const draw = (seed: number) => Array.from({ length: 8 }, ((r) => () => r.word())(new Random(seed)));
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it("mixes every part of a seed, in order", () => {
    const seeds = new Set([mixSeed(1, 0, 0), mixSeed(0, 1, 0), mixSeed(0, 0, 1), mixSeed(1, 0), mixSeed(1), mixSeed(0xffffffff, 2, 3)]);
    expect(seeds.size).toBe(6);
    expect(mixSeed(7, 8, 9)).toBe(mixSeed(7, 8, 9));
  });

  it("draws uniform numbers in their ranges", () => {
    const random = new Random(1);
    const counts = new Array(10).fill(0);
    let sum = 0;
    let [low, high] = [Infinity, -Infinity];
    for (let i = 0; i < 100_000; i++) {
      const x = random.next();
      [low, high] = [Math.min(low, x), Math.max(high, x)];
      sum += x;
      counts[random.int(10)]++;
    }
    expect(low).toBeGreaterThanOrEqual(0);
    expect(high).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("draws log-uniform numbers: as many below the geometric middle as above", () => {
    const random = new Random(2);
    let below = 0;
    let [low, high] = [Infinity, -Infinity];
    for (let i = 0; i < 20_000; i++) {
      const x = random.logUniform(0.01, 100);
      [low, high] = [Math.min(low, x), Math.max(high, x)];
      if (x < 1) below++;
    }
    expect(low).toBeGreaterThanOrEqual(0.01);
    expect(high).toBeLessThanOrEqual(100);
    expect(Math.abs(below - 10_000)).toBeLessThan(400);
  });

  it("picks each item of a list, and refuses to pick from nothing", () => {
    const random = new Random(5);
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(random.pick(["a", "b", "c"]));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
  });

  it("refuses to pick from nothing", () => {
    expect(() => new Random(3).pick([])).toThrow("pick from nothing");
  });
});
