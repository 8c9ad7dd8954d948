import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { twoPhase } from "../../examples/two-phase.ts";
import { check } from "./bfs.ts";
import { stepByLabel } from "../trace/play.ts";
import type { ActionSpec, Spec } from "./spec.ts";
import { enabledActions, steps } from "./steps.ts";
import { graphSpec, graphs, runs } from "./test-graphs.ts";
import { replayPath } from "./trace.ts";

/** The same spec, its steps given together by `successors`; `calls` counts them. */
function asSuccessors<S, A>(spec: ActionSpec<S, A>): { spec: Spec<S, A>; calls: S[] } {
  const calls: S[] = [];
  const { actions, next, ...rest } = spec;
  return {
    calls,
    spec: {
      ...rest,
      successors: (state) => {
        calls.push(state);
        return actions(state).map((action) => ({ action, state: next(state, action) }));
      },
    },
  };
}

const summary = <S, A>(result: Awaited<ReturnType<typeof check<S, A>>>) => ({
  verdict: result.verdict.kind,
  property: result.verdict.kind === "violation" ? result.verdict.property : undefined,
  labels: result.verdict.kind === "violation" ? result.verdict.trace.steps.map((s) => s.label) : undefined,
  distinct: result.stats.distinct,
  generated: result.stats.generated,
  depth: result.stats.depth,
  coverage: result.coverage,
});

describe("a spec's steps, given as actions and next or as successors", () => {
  it("steps() of an actions-and-next spec are its actions in order, each with next's state", () => {
    const spec = twoPhase(3);
    const start = spec.initialStates()[0]!;
    const actions = spec.actions(start);
    expect(steps(spec, start)).toEqual(actions.map((action) => ({ action, state: spec.next(start, action) })));
    expect(enabledActions(spec, start)).toEqual(actions);
  });

  it("a successors spec is searched exactly as the same spec written with actions and next", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(), async (g) => {
        const plain = graphSpec(g);
        const { spec } = asSuccessors(plain);
        expect(summary(await check(spec))).toEqual(summary(await check(plain)));
      }),
      runs(200, 21),
    );
  });

  it("TwoPhase with 3 resource managers gives TLC's 288 states either way, asking for each state's successors once", async () => {
    const { spec, calls } = asSuccessors(twoPhase(3));
    const result = await check(spec);
    expect(result.stats.distinct).toBe(288);
    expect(summary(result)).toEqual(summary(await check(twoPhase(3))));
    // Once per state expanded, and once per step of the witness's trace when it is replayed.
    const replayed = result.witnesses.reduce((sum, w) => sum + (w.trace?.steps.length ?? 0), 0);
    expect(replayed).toBeGreaterThan(0);
    expect(calls.length).toBe(288 + replayed);
  });

  it("replay, play and the enabled list read a successors spec", () => {
    const { spec } = asSuccessors(twoPhase(3));
    const start = spec.initialStates()[0]!;
    const trace = replayPath(spec, { initialIndex: 0, actionIndices: [0, 0] });
    expect(trace.steps.map((s) => s.label)).toEqual(["TMAbort", "RMPrepare(rm1)"]);
    expect(enabledActions(spec, start)).toEqual(twoPhase(3).actions(start));
    const step = stepByLabel(spec, start, "RMPrepare(rm2)");
    expect(step.ok && step.state.rmState).toEqual(["working", "prepared", "working"]);
    expect(stepByLabel(spec, start, "TMCommit")).toEqual({ ok: false, enabled: twoPhase(3).actions(start).map((a) => twoPhase(3).label(a, start)) });
  });
});
