// Raft's symmetry reduction against no reduction. The reduction tries only
// the renamings that sort servers by what they hold (symmetry.ts), so this
// test counts classes with every renaming of the 3 servers: the reduced
// search must store exactly one state per class, and find the same
// verdicts and witnesses at the same depths. A planted unsound renaming
// (servers swap, but votes keep naming the old servers) fails it.

import { describe, expect, it } from "vitest";
import { fingerprint } from "../../checker/engine/fingerprint.ts";
import { reachableStates } from "../../checker/engine/naive-bfs.ts";
import { symmetryDifferences } from "../../checker/engine/symmetry-differential.ts";
import type { ActionSpec } from "../../checker/engine/spec.ts";
import { RAFT_CONFIGS } from "../../spec/raft/configs/index.ts";
import { raftSpec } from "./raft-spec.ts";
import { renamed } from "./symmetry.ts";
import type { RaftAction, RaftState } from "./types.ts";
import type { RaftVariant } from "./variant-catalog.ts";

type Raft = ActionSpec<RaftState, RaftAction>;

const EVERY_RENAMING = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** The class of a state, named by the least fingerprint of its images under every renaming (64-bit: a collision would only merge two classes). */
const orbit = (state: RaftState): string =>
  EVERY_RENAMING.map((to) => fingerprint(renamed(state, to)))
    .map((fp) => `${(fp.hi >>> 0).toString(16).padStart(8, "0")}${(fp.lo >>> 0).toString(16).padStart(8, "0")}`)
    .sort()[0]!;

// The unreduced spaces are walked by the naive search, so the cases stay small: replication passes
// with the same counts in raft-spec.test.ts, with and without symmetry.
const CASES: readonly (readonly [string, readonly RaftVariant[]])[] = [
  ["election", []],
  ["election", ["two-votes"]],
  ["replication", ["no-log-check"]],
];

describe.each(CASES)("Raft's symmetry, config %s, variants %j", (name, variants) => {
  const spec = raftSpec({ ...RAFT_CONFIGS[name]!, variants: [...variants] });
  const states = [...reachableStates(spec).values()];
  const classes = new Set(states.map(orbit));

  it("pays: about a sixth as many classes as states", () => {
    expect(classes.size * 5).toBeLessThan(states.length);
  });

  it("stores one state per class, with the same verdict and witness depths as the unreduced search", async () => {
    expect(await symmetryDifferences(spec, classes.size)).toEqual([]);
  }, 120_000);
});

describe("Raft's symmetry differential", () => {
  it("notices an unsound renaming that forgets whom each server voted for", async () => {
    const spec = raftSpec(RAFT_CONFIGS.election!);
    const classes = new Set([...reachableStates(spec).values()].map(orbit));
    const careless: Raft = {
      ...spec,
      symmetries: (state) => EVERY_RENAMING.map((to) => ({ ...renamed(state, to), servers: renamed(state, to).servers.map((s, i) => ({ ...s, votedFor: state.servers[i]!.votedFor })) })),
    };
    expect((await symmetryDifferences(careless, classes.size)).join("\n")).toMatch(/states stored with symmetry, but the unreduced search has \d+ classes/);
  }, 60_000);
});
