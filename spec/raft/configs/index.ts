// Raft's named configurations, validated when loaded: a broken one is a bug
// in this repository, so it throws.

import { raftConfig, type RaftConfig } from "../../../model/raft/config.ts";
import crash from "./crash.json" with { type: "json" };
import crashWide from "./crash-wide.json" with { type: "json" };
import election from "./election.json" with { type: "json" };
import electionCrash from "./election-crash.json" with { type: "json" };
import electionLiveness from "./election-liveness.json" with { type: "json" };
import electionRandomized from "./election-randomized.json" with { type: "json" };
import figure8 from "./figure-8.json" with { type: "json" };
import replication from "./replication.json" with { type: "json" };
import reordering from "./reordering.json" with { type: "json" };

export const RAFT_CONFIGS: Readonly<Record<string, RaftConfig>> = {
  election: raftConfig.parse(election),
  "election-crash": raftConfig.parse(electionCrash),
  replication: raftConfig.parse(replication),
  reordering: raftConfig.parse(reordering),
  crash: raftConfig.parse(crash),
  "crash-wide": raftConfig.parse(crashWide),
  "figure-8": raftConfig.parse(figure8),
  "election-liveness": raftConfig.parse(electionLiveness),
  "election-randomized": raftConfig.parse(electionRandomized),
};

/** Named configurations that take minutes: tests and npm run check leave them out. */
export const RAFT_SLOW_CONFIGS: readonly string[] = ["reordering", "crash-wide"];
