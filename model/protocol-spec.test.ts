import { describe, expect, it } from "vitest";
import { frozen } from "../checker/engine/frozen-spec.ts";
import { check } from "../checker/engine/bfs.ts";
import { sameFingerprint } from "../checker/engine/fingerprint.ts";
import type { ActionSpec } from "../checker/engine/spec.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { protocolSpec } from "./protocol-spec.ts";
import type { Action, State } from "./types.ts";

// Pinned: a change to any count is a change to the state space, and should
// be a decision (say why in the commit), not an accident. "classes" is the
// count with symmetry reduction (the default), "states" without it. The
// stable-view configurations cut S1's link only, so S2 and S3 are the only
// pair that may swap, and no two of their states differ by that swap alone.
const PINNED = {
  tiny: { classes: 9_455, states: 18_909 },
  small: { classes: 316_304, states: 316_304 },
  pipelined: { classes: 100_391, states: 100_391 },
};

describe.each(["tiny", "small", "pipelined"] as const)("the correct protocol, config %s", (name) => {
  const { classes, states } = PINNED[name];
  it.each([
    ["with symmetry", true, classes],
    ["without symmetry", false, states],
  ] as const)(`passes an exhaustive check %s (${classes.toLocaleString("en-US")} classes, ${states.toLocaleString("en-US")} states) and reaches every witness`, async (_how, symmetry, distinct) => {
    const result = await check(protocolSpec(NAMED_CONFIGS[name]!), { symmetry });
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(distinct);
    expect(result.witnesses.filter((w) => w.trace === undefined).map((w) => w.name)).toEqual([]);
    expect(result.coverage.filter((c) => c.fired === 0).map((c) => c.name)).toEqual([]);
  }, 120_000);
});

describe("transitions are pure", () => {
  it("never mutate a state: every state of tiny is deep-frozen and the search still passes", async () => {
    const result = await check(frozen(protocolSpec(NAMED_CONFIGS.tiny!)), { symmetry: false });
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(PINNED.tiny.states);
  });

  it("are deterministic: every state of tiny, expanded twice, gives the same actions and equal successors", async () => {
    const spec = protocolSpec(NAMED_CONFIGS.tiny!);
    const differences: string[] = [];
    const twice: ActionSpec<State, Action> = {
      ...spec,
      actions: (state) => {
        const first = spec.actions(state);
        const second = spec.actions(state);
        const labels = (actions: readonly Action[]) => actions.map((a) => spec.label(a, state)).join("\n");
        if (labels(first) !== labels(second)) differences.push(`actions differ in ${JSON.stringify(state)}`);
        for (const action of first) {
          if (!sameFingerprint(spec.next(state, action), spec.next(state, action))) differences.push(`${spec.label(action, state)} differs`);
        }
        return first;
      },
    };
    const result = await check(twice, { symmetry: false });
    expect(result.stats.distinct).toBe(PINNED.tiny.states);
    expect(differences).toEqual([]);
  }, 60_000);
});
