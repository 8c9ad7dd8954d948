// What `splitbrain new spec NAME` writes: a small spec that passes at once
// and shows each habit of this repository (rules with IDs, plain immutable
// state, a bounded fault, an invariant that explains itself, a witness, a
// configuration schema), for a student to replace with their protocol.

export interface SpecNames {
  /** As typed: "token-ring". */
  readonly name: string;
  /** The function that builds the spec: "tokenRingSpec". */
  readonly builder: string;
  /** The registry entry: "tokenRingEntry". */
  readonly entry: string;
}

export function specNames(name: string): SpecNames {
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return { name, builder: `${camel}Spec`, entry: `${camel}Entry` };
}

export function specSource(n: SpecNames): string {
  return `// ${n.name}: written by \`splitbrain new spec ${n.name}\` as a starting point. It
// models a token passed around a ring of nodes over a network that may lose
// it. Replace it with your protocol: state each rule in rules.md under an ID,
// implement it as one small function that names the ID, and keep the state
// plain, immutable and bounded by the configuration.

import { z } from "zod";
import type { SpecEntry } from "../../checker/cli/registry.ts";
import type { ActionSpec } from "../../checker/engine/spec.ts";

/** Everything that bounds the search. Validated: configuration files come from users. */
export const configSchema = z.strictObject({
  nodes: z.number().int().min(2).max(8),
  /** Fault budget: how many tokens the network may lose in one run. */
  drops: z.number().int().min(0).max(3),
});
export type Config = z.infer<typeof configSchema>;

export interface State {
  /** Per node: does it hold the token? */
  readonly holds: readonly boolean[];
  /** Tokens in flight, by the node each goes to; sorted, so that equal multisets are equal arrays. */
  readonly inFlight: readonly number[];
  /** What is left of the drop budget. */
  readonly dropsLeft: number;
  /** For the witness: the last node has held the token. A flag, not a history that grows. */
  readonly lastHeld: boolean;
}

export type Action =
  | { readonly kind: "Pass"; readonly from: number }
  | { readonly kind: "Deliver"; readonly to: number }
  | { readonly kind: "Drop"; readonly to: number };

const ACTION_NAMES: readonly Action["kind"][] = ["Pass", "Deliver", "Drop"];

const withToken = (inFlight: readonly number[], to: number) => [...inFlight, to].sort((a, b) => a - b);
const withoutToken = (inFlight: readonly number[], to: number) => {
  const at = inFlight.indexOf(to);
  return [...inFlight.slice(0, at), ...inFlight.slice(at + 1)];
};

// TR-1: a node holding the token passes it to the next node of the ring.
function pass(config: Config, state: State, from: number): State {
  return { ...state, holds: state.holds.map((h, i) => h && i !== from), inFlight: withToken(state.inFlight, (from + 1) % config.nodes) };
}

// TR-2: a node that receives the token holds it.
function deliver(config: Config, state: State, to: number): State {
  return { ...state, holds: state.holds.map((h, i) => h || i === to), inFlight: withoutToken(state.inFlight, to), lastHeld: state.lastHeld || to === config.nodes - 1 };
}

// A fault, within its budget: the network loses a token in flight.
function drop(state: State, to: number): State {
  return { ...state, inFlight: withoutToken(state.inFlight, to), dropsLeft: state.dropsLeft - 1 };
}

function enabled(state: State): Action[] {
  const passes = state.holds.flatMap((h, from): Action[] => (h ? [{ kind: "Pass", from }] : []));
  const targets = [...new Set(state.inFlight)];
  const deliveries = targets.map((to): Action => ({ kind: "Deliver", to }));
  const drops = state.dropsLeft > 0 ? targets.map((to): Action => ({ kind: "Drop", to })) : [];
  return [...passes, ...deliveries, ...drops];
}

const tokens = (state: State) => state.holds.filter(Boolean).length + state.inFlight.length;

export function ${n.builder}(config: Config): ActionSpec<State, Action> {
  return {
    name: \`${n.name}(\${config.nodes} nodes)\`,
    initialStates: () => [{ holds: Array.from({ length: config.nodes }, (_, i) => i === 0), inFlight: [], dropsLeft: config.drops, lastHeld: false }],
    actions: enabled,
    next: (state, action) => {
      switch (action.kind) {
        case "Pass":
          return pass(config, state, action.from);
        case "Deliver":
          return deliver(config, state, action.to);
        case "Drop":
          return drop(state, action.to);
      }
    },
    label: (action) => (action.kind === "Pass" ? \`N\${action.from} passes the token\` : \`\${action.kind === "Drop" ? "drop" : "deliver"} the token to N\${action.to}\`),
    actionName: (action) => action.kind,
    actionNames: ACTION_NAMES,
    invariants: [
      {
        name: "INV-1 at most one token",
        holds: (state) => tokens(state) <= 1,
        explain: (state) => \`\${tokens(state)} tokens: held by \${state.holds.flatMap((h, i) => (h ? [\`N\${i}\`] : [])).join(", ") || "nobody"}, in flight to \${state.inFlight.map((i) => \`N\${i}\`).join(", ") || "nobody"}\`,
      },
    ],
    witnesses: [{ name: "the token reached the last node", reached: (state) => state.lastHeld }],
  };
}

/** How the command line lists and checks it (examples/index.ts registers it). */
export const ${n.entry}: Omit<SpecEntry<Config>, "source"> = {
  name: "${n.name}",
  description: "a token passed around a ring (written by splitbrain new spec; see examples/${n.name}/rules.md)",
  configSchema,
  configs: { tiny: { nodes: 3, drops: 0 }, small: { nodes: 5, drops: 1 } },
  defaultConfig: "small",
  build: ${n.builder},
};
`;
}

export function rulesSource(n: SpecNames): string {
  return `# ${n.name}: rules

Each rule has an ID, and the code names it in a comment above the function
that implements it. \`splitbrain lint examples/${n.name} --spec-doc examples/${n.name}/rules.md\`
checks both ways: every rule is implemented, and the code names no rule
that is not here.

## Nodes

- **TR-1** A node holding the token passes it to the next node of the ring.
- **TR-2** A node that receives the token holds it.

## Faults

The network may lose a token in flight, at most \`drops\` times in one run.

## Properties

- **INV-1** At most one token exists: held by a node or in flight.
- Witness: **the token reached the last node**, so a pass cannot come from
  nothing happening.
`;
}

export function testSource(n: SpecNames, counts: Readonly<Record<string, number>>): string {
  const cases = Object.entries(counts)
    .map(
      ([config, states]) => `  it("passes ${config}, with ${states.toLocaleString("en-US")} distinct states and its witness reached", async () => {
    const result = await check(${n.builder}(${n.entry}.configs.${config}!));
    expect(result.verdict.kind).toBe("pass");
    expect(result.stats.distinct).toBe(${states});
    expect(result.witnesses.every((w) => w.trace !== undefined)).toBe(true);
  });`,
    )
    .join("\n\n");
  return `// The state counts were measured when \`splitbrain new spec\` wrote this file.
// Change the spec and they move: re-pin them on purpose, and say why.

import { describe, expect, it } from "vitest";
import { check } from "../../checker/engine/bfs.ts";
import { ${n.builder}, ${n.entry} } from "./spec.ts";

describe("${n.name}", () => {
${cases}
});
`;
}
