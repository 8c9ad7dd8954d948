// Smaller neighbours of a Raft configuration, for --minimize-config, and a
// configuration in words. Each neighbour takes away one thing.

import type { RaftConfig } from "./config.ts";

const FAULTS = ["crashes", "restarts", "partitions", "heals", "drops", "duplicates"] as const;
const SINGULAR = { crashes: "crash", restarts: "restart", partitions: "partition", heals: "heal", drops: "drop", duplicates: "duplicate" } as const;

export function smallerRaftConfigs(c: RaftConfig): RaftConfig[] {
  const out: RaftConfig[] = [];
  if (c.servers > 2) out.push({ ...c, servers: c.servers - 1 });
  if (c.maxTerm > 1) out.push({ ...c, maxTerm: c.maxTerm - 1 });
  if (c.maxLog > 0) out.push({ ...c, maxLog: c.maxLog - 1 });
  if (c.maxInFlight !== undefined && c.maxInFlight > 1) out.push({ ...c, maxInFlight: c.maxInFlight - 1 });
  for (const fault of FAULTS) if (c.faults[fault] > 0) out.push({ ...c, faults: { ...c.faults, [fault]: c.faults[fault] - 1 } });
  return out;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 servers, terms up to 2, logs up to 2 entries, 1 crash, 2 in flight". */
export function describeRaftConfig(c: RaftConfig): string {
  const faults = FAULTS.filter((f) => c.faults[f] > 0).map((f) => count(c.faults[f], SINGULAR[f], f));
  return [
    count(c.servers, "server"),
    `terms up to ${c.maxTerm}${c.termWindow ? " above the oldest server's" : ""}`,
    `logs up to ${count(c.maxLog, "entry", "entries")}`,
    faults.length > 0 ? faults.join(", ") : "no faults",
    ...(c.maxInFlight !== undefined ? [`${c.maxInFlight} in flight`] : []),
    `${c.timeouts} timeouts`,
  ].join(", ");
}
