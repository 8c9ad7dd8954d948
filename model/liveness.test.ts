import { describe, expect, it } from "vitest";
import { checkLiveness, type LivenessVerdict } from "../checker/engine/liveness/check-liveness.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { fairness } from "./liveness.ts";
import type { ProtocolConfig } from "./config.ts";
import type { Action, State } from "./types.ts";

const tiny = NAMED_CONFIGS.tiny!;
const lassos = async (config: ProtocolConfig) => {
  const result = await checkLiveness(protocolSpec(config));
  if (result.kind !== "done") throw new Error(result.reason);
  return result;
};
const shape = (v: LivenessVerdict<State, Action> | undefined) => (v?.kind === "violated" ? { steps: v.trace.steps.length, loopFrom: v.loopFrom } : v?.kind);

describe("the protocol's liveness (LIVE-1, LIVE-2, LIVE-3)", () => {
  it("gets stuck in tiny when the primary dies before acknowledging its view (VS-3): an 11-step lasso", async () => {
    const result = await lassos(tiny);
    expect(result.stats.states).toBe(18_909);
    const [live1, live2, live3] = result.verdicts;
    expect([live1?.property, shape(live1)]).toEqual(["LIVE-1 every client operation completes", { steps: 11, loopFrom: 10 }]);
    expect([live2?.property, shape(live2)]).toEqual(["LIVE-2 the view service reaches an acknowledged view", { steps: 11, loopFrom: 10 }]);
    // That stall is VS-3's own, so LIVE-3, which allows for it, holds.
    expect(shape(live3)).toBe("holds");
    if (live1?.kind !== "violated") throw new Error("expected a lasso");
    const stuck = live1.trace.steps.at(-1)!.state;
    expect([stuck.vs.view.primary, stuck.vs.acked, stuck.servers[0]!.up]).toEqual(["S1", false, false]);
  });

  it("gets stuck in small when the view service names the crashed backup primary: a 17-step lasso; LIVE-3 fails on a dropped forward", async () => {
    const result = await lassos(NAMED_CONFIGS.small!);
    expect(result.stats.states).toBe(316_304);
    expect(result.verdicts.map(shape)).toEqual([{ steps: 17, loopFrom: 14 }, { steps: 17, loopFrom: 14 }, { steps: 15, loopFrom: 15 }]);
    const live3 = result.verdicts[2];
    if (live3?.kind !== "violated") throw new Error("expected a lasso");
    expect(live3.trace.steps.map((s) => s.action.kind)).toContain("Drop");
  }, 120_000);

  it("holds, all three, where splitbrain mutate checks them: pipelined without partitions, small without partitions or drops", async () => {
    const without = (config: ProtocolConfig, faults: string[]): ProtocolConfig => ({ ...config, faults: { ...config.faults, ...Object.fromEntries(faults.map((f) => [f, 0])) } });
    for (const config of [without(NAMED_CONFIGS.pipelined!, ["partitions"]), without(NAMED_CONFIGS.small!, ["partitions", "drops"])]) {
      expect((await lassos(config)).verdicts.map((v) => v.kind)).toEqual(["holds", "holds", "holds"]);
    }
  }, 120_000);

  it("does not blame the protocol for a run that only the full network (maxInFlight) holds back", async () => {
    // A client's request waits at a primary busy with a forward to a crashed backup; with one exchange in
    // flight, the primary's ping that would tell it of the new view cannot start.
    const blind = await checkLiveness({ ...protocolSpec(tiny), beyondBounds: undefined });
    const verdict = blind.kind === "done" ? blind.verdicts[2] : undefined;
    expect(verdict?.kind === "violated" && verdict.trace.steps.at(-1)!.state.network.length).toBe(tiny.maxInFlight);
  });

  it("holds in tiny when no server can crash, though the view service may suspect a live server again and again", async () => {
    const config: ProtocolConfig = { ...tiny, faults: { ...tiny.faults, crashes: 0, restarts: 0 } };
    expect((await lassos(config)).verdicts.map((v) => v.kind)).toEqual(["holds", "holds", "holds"]);
    // Only because a run that stops at the view cap is not blamed on the protocol: without that, it "gets stuck" at maxView.
    const blind = await checkLiveness({ ...protocolSpec(config), beyondBounds: undefined });
    const verdict = blind.kind === "done" ? blind.verdicts[0] : undefined;
    expect(verdict?.kind === "violated" && verdict.trace.steps.at(-1)!.state.vs.view.num).toBe(tiny.maxView);
  });

  it("forces no fault, and no suspicion of a server that is up and reachable", async () => {
    const spec = protocolSpec(tiny);
    const start = spec.initialStates()[0]!;
    for (const action of [{ kind: "Crash", server: "S1" }, { kind: "Heal" }, { kind: "Suspect", server: "S1" }] as const) expect(fairness(action, start)).toBeUndefined();
    const down = { ...start, servers: start.servers.map((s, i) => (i === 0 ? { ...s, up: false } : s)) };
    expect(fairness({ kind: "Suspect", server: "S1" }, down)).toEqual({ name: "VS suspects S1", strength: "weak" });
  });
});
