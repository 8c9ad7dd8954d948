import { describe, expect, it } from "vitest";
import { LevelIndex } from "./level-index.ts";

describe("LevelIndex", () => {
  it("finds the state number of a fingerprint of this level, and -1 for others", () => {
    const index = new LevelIndex();
    index.put(1, 2, 10);
    index.put(1, 3, 11);
    index.put(2, 2, 12);
    expect([index.get(1, 2), index.get(1, 3), index.get(2, 2), index.get(3, 2)]).toEqual([10, 11, 12, -1]);
  });

  it("forgets the previous level when a new one starts", () => {
    const index = new LevelIndex();
    index.put(1, 2, 10);
    index.startLevel();
    expect(index.get(1, 2)).toBe(-1);
    index.put(5, 2, 20);
    expect(index.get(5, 2)).toBe(20);
    expect(index.get(1, 2)).toBe(-1);
  });

  it("tells apart fingerprints with the same high word", () => {
    const index = new LevelIndex();
    // Low words 1,024 apart start from the same slot.
    for (let lo = 5; lo < 5 + 8 * 1024; lo += 1024) index.put(7, lo, lo);
    for (let lo = 5; lo < 5 + 8 * 1024; lo += 1024) expect(index.get(7, lo)).toBe(lo);
    expect(index.get(7, 5 + 8 * 1024)).toBe(-1);
    expect(index.get(7, 6)).toBe(-1);
  });

  it("does not bring back the previous level's entries when it grows", () => {
    const index = new LevelIndex();
    // The old level sits in slots 600..999, which the new one has not written when it grows.
    for (let i = 600; i < 1_000; i++) index.put(1, i, i);
    index.startLevel();
    for (let i = 0; i < 513; i++) index.put(2, i, i);
    for (let i = 600; i < 1_000; i++) expect(index.get(1, i)).toBe(-1);
    for (let i = 0; i < 513; i++) expect(index.get(2, i)).toBe(i);
  });

  it("doubles when an addition would make it more than half full", () => {
    const index = new LevelIndex();
    for (let i = 0; i < 512; i++) index.put(1, i, i);
    expect(index.bytes).toBe(1_024 * 16);
    index.put(1, 512, 512);
    expect(index.bytes).toBe(2_048 * 16);
  });

  it("keeps every entry of a level through growth", () => {
    const index = new LevelIndex();
    index.startLevel();
    for (let i = 0; i < 5_000; i++) index.put(i, i * 7, i + 100);
    for (let i = 0; i < 5_000; i++) expect(index.get(i, i * 7)).toBe(i + 100);
    expect(index.get(5_000, 35_000)).toBe(-1);
    expect(index.bytes).toBe(16_384 * 16);
  });
});
