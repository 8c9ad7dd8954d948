// Symmetry reduction against no reduction, where the reduction really merges
// states: 3 servers from the empty start, where any of the 6 orders of the
// servers may be the one a run happens to take. The reduced search must
// store exactly one state per class of the unreduced one, and find the same
// violations and witnesses at the same depths. The test also plants an
// unsound renaming (the servers swap, but the view keeps naming the old
// roles) and shows that this comparison notices it.

import { describe, expect, it } from "vitest";
import { canonicalJson, reachableStates } from "../checker/engine/naive-bfs.ts";
import { symmetryDifferences } from "../checker/engine/symmetry-differential.ts";
import { protocolConfig, type ProtocolConfig } from "./config.ts";
import { makeContext } from "./context.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { renamings, renameState } from "./symmetry.ts";
import type { Action, State } from "./types.ts";
import type { ActionSpec } from "../checker/engine/spec.ts";

const THREE_EMPTY: ProtocolConfig = protocolConfig.parse({
  servers: 3,
  clients: [["Put x 1"]],
  maxView: 3,
  maxInFlight: 1,
  suspicion: "faulty",
  start: "empty",
  faults: { crashes: 1, restarts: 0, partitions: 0, heals: 0, drops: 0, duplicates: 0 },
});

type Protocol = ActionSpec<State, Action>;

/** The differential, with the classes counted under every renaming the spec's symmetries give. */
function differences(spec: Protocol, states: readonly State[]): Promise<string[]> {
  const classes = new Set(states.map((s) => [...spec.symmetries!(s)].map(canonicalJson).sort()[0]));
  return symmetryDifferences(spec, classes.size);
}

/** A planted unsound renaming: the servers' records swap, but the view service still names the old primary and backup. */
function forgettingRoles(config: ProtocolConfig): Protocol {
  const spec = protocolSpec(config);
  const all = renamings(makeContext(config));
  return { ...spec, codec: undefined, symmetries: (state) => all.map((r) => ({ ...renameState(r, state), vs: state.vs })) };
}

const CASES = [
  ["the correct protocol", []],
  // With a violation each search stops early, so there is no count to compare; the verdicts still must agree.
  ["with a variant that breaks INV-1", ["promote-idle"]],
] as const;

describe.each(CASES)("symmetry where it merges states (3 servers from the empty start): %s", (_name, variants) => {
  const config: ProtocolConfig = { ...THREE_EMPTY, variants: [...variants] };
  const spec = protocolSpec(config);
  const states = [...reachableStates(spec).values()];

  it("merges states here: fewer than a third as many classes as states", () => {
    const classes = new Set(states.map((s) => [...spec.symmetries!(s)].map(canonicalJson).sort()[0]));
    expect(classes.size * 3).toBeLessThan(states.length);
  });

  it("stores one state per class, and finds the same verdict and witnesses as the unreduced search", async () => {
    expect(await differences(spec, states)).toEqual([]);
  }, 60_000);
});

describe("the symmetry differential", () => {
  it("notices an unsound renaming that forgets which server holds which role", async () => {
    const states = [...reachableStates(protocolSpec(THREE_EMPTY)).values()];
    const found = await differences(forgettingRoles(THREE_EMPTY), states);
    expect(found.join("\n")).toMatch(/states stored with symmetry, but the unreduced search has \d+ classes/);
  }, 60_000);
});
