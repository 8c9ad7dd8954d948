// A random narrowing of a composed configuration, for one member of a swarm
// (simulate --swarm): the primary-backup part narrowed as that model does it,
// and each of the replicas' fault budgets kept or cut. It only takes
// behaviour away, so a trace a member finds replays in the whole configuration.

import { narrowConfig } from "../simulation.ts";
import type { PbRaftConfig } from "./config.ts";

export function narrowPbRaftConfig(config: PbRaftConfig, random: () => number): PbRaftConfig {
  const below = (n: number) => Math.floor(random() * n);
  const given = config.viewService.faults;
  const keep = (budget: number) => (budget > 0 && random() < 0.5 ? 1 + below(budget) : 0);
  const crashes = keep(given.crashes);
  const partitions = keep(given.partitions);
  // A restart needs a crash before it, and a heal a cut.
  const faults = {
    crashes,
    restarts: crashes === 0 ? 0 : keep(given.restarts),
    partitions,
    heals: partitions === 0 ? 0 : keep(given.heals),
    drops: keep(given.drops),
    duplicates: keep(given.duplicates),
  };
  return { ...config, primaryBackup: narrowConfig(config.primaryBackup, random), viewService: { ...config.viewService, faults } };
}
