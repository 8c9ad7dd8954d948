import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { sameFingerprint } from "../checker/engine/fingerprint.ts";
import type { ActionSpec } from "../checker/engine/spec.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { protocolSpec } from "./protocol-spec.ts";
import type { Action, State } from "./types.ts";

// Pinned: a change to either count is a change to the state space, and
// should be a decision (say why in the commit), not an accident.
const PINNED = { tiny: 18_869, small: 316_304, pipelined: 46_974 };

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const field of Object.values(value)) deepFreeze(field);
  }
  return value;
}

/** The same spec, with every state deep-frozen: a transition that mutates its input throws. */
function frozen(spec: ActionSpec<State, Action>): ActionSpec<State, Action> {
  return {
    ...spec,
    initialStates: () => spec.initialStates().map(deepFreeze),
    next: (state, action) => deepFreeze(spec.next(state, action)),
  };
}

describe.each(["tiny", "small", "pipelined"] as const)("the correct protocol, config %s", (name) => {
  it(`passes an exhaustive check with ${PINNED[name].toLocaleString("en-US")} distinct states and reaches every witness`, async () => {
    const result = await check(protocolSpec(NAMED_CONFIGS[name]!));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(PINNED[name]);
    expect(result.witnesses.filter((w) => w.trace === undefined).map((w) => w.name)).toEqual([]);
    expect(result.coverage.filter((c) => c.fired === 0).map((c) => c.name)).toEqual([]);
  }, 120_000);
});

describe("transitions are pure", () => {
  it("never mutate a state: every state of tiny is deep-frozen and the search still passes", async () => {
    const result = await check(frozen(protocolSpec(NAMED_CONFIGS.tiny!)));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(PINNED.tiny);
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
    const result = await check(twice);
    expect(result.stats.distinct).toBe(PINNED.tiny);
    expect(differences).toEqual([]);
  }, 60_000);
});
