// Symmetry reduction is sound only if the model really is symmetric: a
// renamed reachable state must be reachable, and every property must judge
// it as it judges the original. And it is complete only if the search stores
// exactly one state per class. Both are checked here against every reachable
// state, with a textbook search and text keys that share no code with the
// engine's fingerprints.

import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { canonicalJson, reachableStates } from "../checker/engine/naive-bfs.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { protocolConfig, type ProtocolConfig } from "./config.ts";
import { makeContext } from "./context.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { renamings, renameState } from "./symmetry.ts";
import type { State } from "./types.ts";

const noFaults = { crashes: 0, restarts: 0, partitions: 0, heals: 0, drops: 0, duplicates: 0 };
const CONFIGS: [string, ProtocolConfig, number][] = [
  ["tiny (2 servers may swap)", NAMED_CONFIGS.tiny!, 2],
  ["3 servers from the empty start (any of 6 orders)", protocolConfig.parse({ servers: 3, clients: [["Get x"]], maxView: 2, maxInFlight: 2, suspicion: "faulty", start: "empty", faults: noFaults }), 6],
  ["2 clients with one script (servers and clients may swap)", protocolConfig.parse({ servers: 2, clients: [["Get x"], ["Get x"]], maxView: 2, maxInFlight: 2, suspicion: "faulty", start: "empty", faults: noFaults }), 4],
];

describe.each(CONFIGS)("symmetry in %s", (_name, config, group) => {
  const all = renamings(makeContext(config));
  const states = reachableStates(protocolSpec(config));
  const spec = protocolSpec(config);

  it("has the renamings the configuration allows", () => {
    expect(all).toHaveLength(group);
  });

  it("maps every reachable state to a reachable state that every property judges alike", () => {
    const problems: string[] = [];
    for (const state of states.values()) {
      for (const r of all) {
        const renamed = renameState(r, state);
        if (!states.has(canonicalJson(renamed))) problems.push(`not reachable: ${canonicalJson(renamed)}`);
        for (const p of spec.invariants) if (p.holds(state) !== p.holds(renamed)) problems.push(`${p.name} differs`);
        for (const w of spec.witnesses) if (w.reached(state) !== w.reached(renamed)) problems.push(`${w.name} differs`);
      }
      if (problems.length > 0) break;
    }
    expect(problems).toEqual([]);
  }, 60_000);

  it("stores exactly one state per class", async () => {
    const classes = new Set([...states.values()].map((s) => all.map((r) => canonicalJson(renameState(r, s))).sort()[0]));
    const result = await check(spec);
    expect(result.stats.distinct).toBe(classes.size);
    expect(classes.size).toBeLessThan(states.size);
  }, 60_000);
});

describe("the renamings", () => {
  it("keep the partitionable links: with only S1|VS cuttable, only S2 and S3 may swap", () => {
    expect(renamings(makeContext(NAMED_CONFIGS.small!)).map((r) => r.servers).sort()).toEqual([
      [0, 1, 2],
      [0, 2, 1],
    ]);
  });

  it("swap only clients with equal scripts", () => {
    expect(renamings(makeContext(NAMED_CONFIGS.small!)).every((r) => r.clients.join() === "0,1")).toBe(true);
  });
});
