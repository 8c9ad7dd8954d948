import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import { collapseCodec } from "./collapse-codec.ts";
import { newFrontier, restoreFrontier } from "./frontier.ts";
import type { ActionSpec, StateCodec } from "./spec.ts";
import { graphSpec, graphs, runs } from "./test-graphs.ts";

/** A node number in one word; `lossy` forgets the lowest bit, as a buggy codec might. */
const numberCodec = (lossy = false): StateCodec<number> => ({
  words: 1,
  encode: (n, into, at) => {
    into[at] = n;
  },
  decode: (from, at) => (lossy ? from[at]! & ~1 : from[at]!),
});

const withCodec = (spec: ActionSpec<number, number>, codec: StateCodec<number>): ActionSpec<number, number> => ({ ...spec, codec });

const outcome = (result: Awaited<ReturnType<typeof check<number, number>>>) => ({
  verdict: result.verdict.kind,
  trace: result.verdict.kind === "violation" ? result.verdict.trace.steps.map((s) => s.label) : [],
  stats: [result.stats.distinct, result.stats.generated, result.stats.depth, result.stats.widestLevel.states],
  coverage: result.coverage,
});

describe("the frontier", () => {
  it("gives back states, ids and fingerprints in the order they were pushed, encoded or not, past its first growth", () => {
    for (const frontier of [newFrontier<number>(undefined), newFrontier(numberCodec())]) {
      for (let i = 0; i < 5_000; i++) frontier.push(i * 7, i + 100, i, ~i);
      expect(frontier.length).toBe(5_000);
      for (const i of [0, 1, 1_023, 1_024, 4_999]) {
        expect([frontier.state(i), frontier.id(i)]).toEqual([i * 7, i + 100]);
      }
    }
    const encoded = newFrontier(numberCodec());
    encoded.push(3, 0, 0x8000_0001, 0xffff_fffe);
    expect(encoded.matches(0, 0x8000_0001, 0xffff_fffe)).toBe(true);
    expect(encoded.matches(0, 0x8000_0001, 0xffff_fffc)).toBe(false);
    expect(encoded.matches(0, 0x0000_0001, 0xffff_fffe)).toBe(false);
  });

  it("restores what it saved, from any position on, and refuses a codec that does not fit", () => {
    for (const codec of [undefined, numberCodec()]) {
      const frontier = newFrontier(codec);
      for (let i = 0; i < 10; i++) frontier.push(i * 3, i, i, i);
      const restored = restoreFrontier(codec, frontier.saved(4));
      expect(Array.from({ length: restored.length }, (_, i) => [restored.state(i), restored.id(i)])).toEqual([4, 5, 6, 7, 8, 9].map((i) => [i * 3, i]));
    }
    expect(newFrontier(numberCodec()).saved(0).kind).toBe("encoded");
    expect(() => restoreFrontier(numberCodec(), newFrontier<number>(undefined).saved(0))).toThrow("checkpoint: the frontier was saved with a different codec");
    expect(() => restoreFrontier(undefined, newFrontier(numberCodec()).saved(0))).toThrow("checkpoint: the frontier was saved with a different codec");
    // States kept as objects need no check against their fingerprints.
    expect(newFrontier<number>(undefined).matches(0, 1, 2)).toBe(true);
  });

  it("saves a local codec's frontier as states, and encodes them again on restore under the fingerprints given", () => {
    const local = collapseCodec<number>({ count: 1, part: (n) => n, build: (p) => p[0] as number });
    const frontier = newFrontier(local);
    for (let i = 0; i < 6; i++) frontier.push(i * 5, i + 10, i, i + 1);
    const saved = frontier.saved(2);
    expect(saved).toEqual({ kind: "objects", states: [10, 15, 20, 25], ids: [12, 13, 14, 15] });
    const restored = restoreFrontier(collapseCodec<number>({ count: 1, part: (n) => n, build: (p) => p[0] as number }), saved, (n) => ({ hi: n, lo: n + 1 }));
    expect(Array.from({ length: restored.length }, (_, i) => [restored.state(i), restored.id(i), restored.matches(i, i * 5 + 10, i * 5 + 11)])).toEqual([
      [10, 12, true],
      [15, 13, true],
      [20, 14, true],
      [25, 15, true],
    ]);
    expect(restored.matches(0, 10, 10)).toBe(false);
    expect(() => restoreFrontier(local, newFrontier(numberCodec()).saved(0))).toThrow("checkpoint: the frontier was saved with a different codec");
    expect(() => restoreFrontier(numberCodec(), newFrontier(local).saved(0))).toThrow("checkpoint: the frontier was saved with a different codec");
  });

  it("keeps an encoded state in its words plus 12 bytes", () => {
    const frontier = newFrontier(numberCodec());
    for (let i = 0; i < 100_000; i++) frontier.push(i, i, 0, 0);
    expect(frontier.bytes! / 100_000).toBeGreaterThanOrEqual(16);
    expect(frontier.bytes! / 100_000).toBeLessThan(16 * 1.5);
    expect(newFrontier(undefined).bytes).toBeUndefined();
  });

  it("a search with a codec finds what the same search without one finds", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
        const plain = graphSpec(g);
        expect(outcome(await check(withCodec(plain, numberCodec())))).toEqual(outcome(await check(plain)));
      }),
      runs(200, 31),
    );
  });

  it("a codec that does not give back the state it encoded is reported as a bug in the spec", async () => {
    const line = { edges: [[1], [2], [3], []], bad: new Set<number>(), starts: [0] };
    await expect(check(withCodec(graphSpec(line), numberCodec(true)))).rejects.toThrow(/codec does not give back the state it encoded \(state #1\)/);
  });
});
