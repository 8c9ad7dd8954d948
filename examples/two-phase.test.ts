import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { checkLiveness } from "../checker/engine/liveness/check-liveness.ts";
import { canonicalJson, naiveSearch } from "../checker/engine/naive-bfs.ts";
import { steps } from "../checker/engine/steps.ts";
import { twoPhaseRecords } from "./two-phase-records.ts";
import { twoPhase, type TwoPhaseState } from "./two-phase.ts";

describe("TwoPhase written in TLA+'s layout, without a codec (the bench's generic shape)", () => {
  it.each([
    [3, 288],
    [5, 8_832],
  ])("with %i resource managers has the same %i distinct states", async (rms, distinct) => {
    const records = await check(twoPhaseRecords(rms));
    const sets = await check(twoPhase(rms));
    expect([records.verdict.kind, records.stats.distinct, records.stats.generated]).toEqual(["pass", distinct, sets.stats.generated]);
  });
});

describe("TwoPhase (as TwoPhase.tla)", () => {
  it.each([
    [3, 288],
    [5, 8_832],
  ])("with %i resource managers has %i distinct states and no violation", async (rms, distinct) => {
    const result = await check(twoPhase(rms));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(distinct);
    expect(result.witnesses.every((w) => w.trace !== undefined)).toBe(true);
  });

  it("under weak fairness of every action, every resource manager commits or aborts; without it, nothing need happen at all", async () => {
    const fair = await checkLiveness(twoPhase(3));
    expect(fair.kind === "done" && [fair.stats.states, fair.verdicts]).toEqual([288, [{ property: "every resource manager commits or aborts", kind: "holds" }]]);
    const unfair = await checkLiveness(twoPhase(3, { fair: false }));
    const verdict = unfair.kind === "done" ? unfair.verdicts[0] : undefined;
    expect(verdict?.kind === "violated" && [verdict.trace.steps.length, verdict.loopFrom]).toEqual([0, 0]);
  });

  it("fires every action", async () => {
    const result = await check(twoPhase(3));
    expect(result.coverage.filter((c) => c.fired === 0)).toEqual([]);
  });

  it("gives the same counts with its codec, without it, and in a naive search", async () => {
    const coded = await check(twoPhase(5));
    const plain = await check(twoPhase(5, { withCodec: false }));
    expect([coded.stats.distinct, coded.stats.generated, coded.stats.depth]).toEqual([plain.stats.distinct, plain.stats.generated, plain.stats.depth]);
    expect(naiveSearch(twoPhase(5))).toEqual({ kind: "pass", distinct: 8_832, generated: coded.stats.generated, depth: coded.stats.depth - 1 });
  });

  it("its codec gives back every reachable state, and tells different states apart", () => {
    for (const rms of [3, 5, 9]) {
      const spec = twoPhase(rms);
      const codec = spec.codec!;
      const words = new Int32Array(2 + codec.words);
      const byEncoding = new Map<string, string>();
      const wrong: string[] = [];
      const seen = new Set<string>();
      let level: TwoPhaseState[] = [...spec.initialStates()];
      while (level.length > 0 && seen.size < 10_000) {
        const next: TwoPhaseState[] = [];
        for (const state of level) {
          const text = canonicalJson(state);
          // Written at an offset, over a dirty buffer: encode must clear what it does not set.
          words.fill(-1);
          codec.encode(state, words, 1);
          if (canonicalJson(codec.decode(words, 1)) !== text) wrong.push(`decode(encode(${text}))`);
          const key = words.subarray(1, 1 + codec.words).join(",");
          if ((byEncoding.get(key) ?? text) !== text) wrong.push(`${text} and ${byEncoding.get(key)} share ${key}`);
          byEncoding.set(key, text);
          for (const step of steps(spec, state)) {
            const successor = canonicalJson(step.state);
            if (!seen.has(successor)) next.push(step.state);
            seen.add(successor);
          }
        }
        level = next;
      }
      expect(wrong).toEqual([]);
      expect(byEncoding.size).toBeGreaterThan(rms === 3 ? 280 : 5_000);
    }
  });

  it("keeps its widest level in 16 bytes a state, plus the frontier's slack", async () => {
    const result = await check(twoPhase(5));
    const { states, frontierBytes } = result.stats.widestLevel;
    expect(states).toBeGreaterThan(1_000);
    expect(frontierBytes! / states).toBeGreaterThanOrEqual(16);
    expect(frontierBytes! / states).toBeLessThan(16 * 1.6);
    expect((await check(twoPhase(5, { withCodec: false }))).stats.widestLevel).toEqual({ depth: result.stats.widestLevel.depth, states });
  });
});
