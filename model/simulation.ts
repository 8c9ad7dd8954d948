// How random walks (splitbrain simulate) treat the protocol: how much each
// step weighs, and how a swarm member narrows a configuration. Neither is a
// rule of the protocol; both only steer a random search, and exhaustive
// checks never read them.

import { allNodes, links } from "./actions.ts";
import type { FaultBudgets, ProtocolConfig } from "./config.ts";
import { makeContext, type Context } from "./context.ts";
import { FAULTS } from "./faults.ts";
import { distinctMessages, linkName } from "./network.ts";
import type { Action, State } from "./types.ts";

/**
 * What one fault family weighs in all, against 1 for every delivery, send
 * and suspicion. A state offers a cut for every link and a drop for every
 * message; weighed one each, faults would crowd out the deliveries that move
 * the protocol on, and a walk would spend its fault budget in its first steps.
 * Each family's weight is spread over its steps, so "some cut" weighs as much
 * as "some crash". (The walk then scales all faults up or down, per walk.)
 */
const FAULT_FAMILY_WEIGHT = 0.25;

export function stepWeight(ctx: Context): (action: Action, state: State) => number {
  const linkCount = links(ctx).length;
  const nodeCount = allNodes(ctx).length;
  return (action, state) => {
    switch (action.kind) {
      case "Deliver":
      case "Ping":
      case "SendTransfer":
      case "QueryView":
      case "SendRequest":
      case "Suspect":
        return 1;
      case "Crash":
      case "Restart":
        return FAULT_FAMILY_WEIGHT / ctx.serverNames.length;
      case "RestartVS":
      case "Heal":
        return FAULT_FAMILY_WEIGHT;
      case "Cut":
        return FAULT_FAMILY_WEIGHT / linkCount;
      case "Isolate":
        return FAULT_FAMILY_WEIGHT / nodeCount;
      case "Drop":
      case "Duplicate":
        return FAULT_FAMILY_WEIGHT / Math.max(1, distinctMessages(state.network).length);
    }
  };
}


/**
 * A random narrowing of a configuration, for one member of a swarm (SPIN's
 * swarm restricts each search differently, so that together they cover more):
 * a subset of the fault kinds, smaller budgets, a few of the partitions, fewer
 * exchanges in flight, suspicion only of faulty servers. It only ever takes
 * behaviour away, so every trace of the narrowed configuration is a trace of
 * the original one, which is where the checker replays and shows it.
 * `random` gives numbers in [0, 1); the same numbers give the same narrowing.
 */
export function narrowConfig(config: ProtocolConfig, random: () => number): ProtocolConfig {
  const below = (n: number) => Math.floor(random() * n);
  const faults: Record<string, number> = {};
  for (const fault of FAULTS) {
    const budget = config.faults[fault];
    faults[fault] = budget > 0 && random() < 0.5 ? 1 + below(budget) : 0;
  }
  // A restart needs a crash before it, and a heal a partition.
  if (faults.crashes === 0) faults.restarts = 0;
  if (faults.partitions === 0) faults.heals = 0;
  const kept = FAULTS.reduce((n, f) => n + faults[f]!, 0);
  const total = config.faults.total === undefined ? undefined : Math.min(kept, 1 + below(config.faults.total));
  const ctx = makeContext(config);
  const choices = config.partitionable ?? [...links(ctx).map(([a, b]) => linkName(a, b)), ...allNodes(ctx)];
  const partitionable = choices.filter(() => random() < 2 / Math.max(2, choices.length));
  const maxInFlight = config.maxInFlight === undefined || config.maxInFlight === 1 ? config.maxInFlight : 1 + below(config.maxInFlight);
  const suspicion = config.suspicion === "any" && random() < 0.5 ? "faulty" : config.suspicion;
  return {
    ...config,
    faults: { ...(faults as Omit<FaultBudgets, "total">), ...(total === undefined ? {} : { total }) },
    partitionable: faults.partitions! > 0 && partitionable.length === 0 ? [choices[below(choices.length)]!] : partitionable,
    ...(maxInFlight === undefined ? {} : { maxInFlight }),
    suspicion,
  };
}
