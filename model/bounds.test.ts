import { describe, expect, it } from "vitest";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { boundsReached } from "./bounds.ts";
import { makeContext } from "./context.ts";
import { startState } from "./setup.ts";
import type { State } from "./types.ts";

const ctx = makeContext(NAMED_CONFIGS.tiny!);
const start = startState(ctx);

describe("the bounds a state has reached, for a deadlock's explanation", () => {
  it("are none at the start", () => {
    expect(boundsReached(ctx, start)).toEqual([]);
  });

  it("name a network at maxInFlight", () => {
    const full: State = { ...start, network: [{ kind: "GetView", from: "C1", to: "VS" } as State["network"][number]] };
    expect(boundsReached(ctx, full)).toEqual(["1 exchange in flight, the most maxInFlight allows, so no node may send"]);
  });

  it("name the fault kinds whose budget is spent, and only those the configuration gave", () => {
    const spent: State = { ...start, budgets: { ...start.budgets, crashes: 0 } };
    expect(boundsReached(ctx, spent)).toEqual(["no crashes left in the fault budget"]);
    const all = makeContext({ ...NAMED_CONFIGS.tiny!, faults: { ...NAMED_CONFIGS.tiny!.faults, total: 2 } });
    expect(boundsReached(all, { ...startState(all), budgets: { ...startState(all).budgets, total: 0 } })).toEqual(["the fault budget (total 2) is spent"]);
  });
});
