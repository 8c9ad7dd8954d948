// The composed model's named configurations, validated when loaded: a broken
// one is a bug in this repository, so it throws.

import { pbRaftConfig, type PbRaftConfig } from "../../../model/pb-raft/config.ts";
import cutOff from "./cut-off.json" with { type: "json" };
import exercise4 from "./exercise-4.json" with { type: "json" };
import failover from "./failover.json" with { type: "json" };
import failoverAck from "./failover-ack.json" with { type: "json" };

export const PB_RAFT_CONFIGS: Readonly<Record<string, PbRaftConfig>> = {
  failover: pbRaftConfig.parse(failover),
  "cut-off": pbRaftConfig.parse(cutOff),
  "failover-ack": pbRaftConfig.parse(failoverAck),
  "exercise-4": pbRaftConfig.parse(exercise4),
};

/** Named configurations whose exhaustive pass takes minutes: tests, the bench and npm run check do not run it. */
export const PB_RAFT_SLOW_CONFIGS: readonly string[] = ["failover-ack"];

/** Named configurations no exhaustive check finishes on in minutes: simulate them. */
export const PB_RAFT_WIDE_CONFIGS: readonly string[] = ["exercise-4"];
