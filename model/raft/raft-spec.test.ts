// The correct Raft model: its pinned state counts with and without symmetry
// reduction, every witness reached, its rules named both ways, its
// transitions pure, and its liveness as spec/raft/properties.md states it.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { frozen } from "../../checker/engine/frozen-spec.ts";
import { check } from "../../checker/engine/bfs.ts";
import { checkLiveness } from "../../checker/engine/liveness/check-liveness.ts";
import { checkPurity, showFinding } from "../../checker/quality/purity-check.ts";
import { checkRuleIds } from "../../checker/quality/rule-ids.ts";
import { RAFT_CONFIGS } from "../../spec/raft/configs/index.ts";
import { raftSpec } from "./raft-spec.ts";
import { RAFT_RULE_BRANCHES } from "./rules.ts";

const dir = import.meta.dirname;
const modelFiles = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => join(dir, f));

/** Classes with symmetry, states without (undefined: too many to pin in a test). */
const PINNED: Record<string, { classes: number; states?: number }> = {
  election: { classes: 5_382, states: 32_055 },
  "election-crash": { classes: 39_891, states: 238_344 },
  replication: { classes: 11_188, states: 67_071 },
  crash: { classes: 87_782 },
  "figure-8": { classes: 238_702 },
};

describe.each(Object.keys(PINNED))("the correct Raft model, config %s", (name) => {
  const { classes } = PINNED[name]!;
  it(`passes an exhaustive check (${classes.toLocaleString("en-US")} classes under symmetry) and reaches every witness`, async () => {
    const result = await check(raftSpec(RAFT_CONFIGS[name]!));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(classes);
    expect(result.witnesses.filter((w) => w.trace === undefined).map((w) => w.name)).toEqual([]);
    expect(result.coverage.filter((c) => c.fired === 0).map((c) => c.name)).toEqual([]);
  }, 120_000);
});

const UNREDUCED = Object.entries(PINNED).flatMap(([name, { states }]) => (states === undefined ? [] : [[name, states] as const]));

describe.each(UNREDUCED)("the correct Raft model without symmetry, config %s", (name, states) => {
  it(`has ${states.toLocaleString("en-US")} states, deep-frozen (no step mutates a state), and the same verdict`, async () => {
    const result = await check(frozen(raftSpec(RAFT_CONFIGS[name]!)), { symmetry: false });
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(states);
  }, 120_000);
});

describe("the Raft model's rules", () => {
  it("are named both ways between spec/raft/rules.md and model/raft/", () => {
    expect(checkRuleIds(join(dir, "../../spec/raft/rules.md"), modelFiles)).toEqual([]);
  });

  it("have no impurity the static check can see", () => {
    expect(checkPurity(modelFiles).map(showFinding)).toEqual([]);
  }, 30_000);

  it("are each taken by the configurations of npm run check, but for the branches only a mistake reaches", async () => {
    const taken = new Set<string>();
    for (const name of Object.keys(PINNED).filter((n) => n !== "figure-8")) {
      const result = await check(raftSpec(RAFT_CONFIGS[name]!));
      for (const r of result.rules ?? []) if (r.taken > 0) taken.add(r.name);
    }
    const liveness = await check(raftSpec(RAFT_CONFIGS["election-liveness"]!));
    for (const r of liveness.rules ?? []) if (r.taken > 0) taken.add(r.name);
    // CA-2 counted: a vote that is not yet a majority needs 4 servers or more; with 3, one vote beside its own wins.
    // AE-1 leader: a leader receiving AppendEntries of its own term needs two leaders in one term.
    // AE-3 matches: an entry sent again to a server that has it needs two requests in flight (reordering, see variants.test.ts).
    expect(RAFT_RULE_BRANCHES.filter((b) => !taken.has(b))).toEqual(["CA-2 counted", "AE-1 leader", "AE-3 matches"]);
  }, 120_000);
});

describe("liveness: is a leader elected?", () => {
  it("not when timeouts may fire at any moment: a lasso of split votes", async () => {
    const result = await checkLiveness(raftSpec(RAFT_CONFIGS["election-liveness"]!));
    if (result.kind !== "done") throw new Error(result.reason);
    const verdict = result.verdicts[0]!;
    expect(verdict.kind).toBe("violated");
    if (verdict.kind !== "violated") return;
    // Every server stands at once, and the loop has every one of them time out again.
    const loop = verdict.trace.steps.slice(verdict.loopFrom).map((s) => s.label);
    expect(loop.filter((l) => l.endsWith("times out"))).toEqual(["S1 times out", "S2 times out", "S3 times out"]);
    expect(verdict.trace.steps.some((s) => s.state.servers.some((x) => x.role === "leader"))).toBe(false);
  }, 60_000);

  it("in every fair run when timeouts are randomized, without crashes or partitions", async () => {
    const result = await checkLiveness(raftSpec(RAFT_CONFIGS["election-randomized"]!));
    if (result.kind !== "done") throw new Error(result.reason);
    expect(result.verdicts.map((v) => v.kind)).toEqual(["holds"]);
  }, 60_000);
});
