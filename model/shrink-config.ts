// Smaller neighbours of a configuration, for --minimize-config: the checker
// tries them one at a time and keeps any in which the same property still
// fails, until none does. Each takes away one thing.

import type { FaultBudgets, ProtocolConfig } from "./config.ts";
import { showOp } from "./labels.ts";

const FAULTS = ["crashes", "restarts", "partitions", "heals", "drops", "duplicates"] as const;

export function smallerConfigs(c: ProtocolConfig): ProtocolConfig[] {
  const out: ProtocolConfig[] = [];
  const minServers = c.start === "stable-view" ? 2 : 1;
  if (c.servers > minServers) {
    const last = `S${c.servers}`;
    const partitionable = c.partitionable?.filter((p) => !p.split("|").includes(last));
    out.push({ ...c, servers: c.servers - 1, ...(partitionable ? { partitionable } : {}) });
  }
  if (c.clients.length > 1) {
    c.clients.forEach((_, i) => {
      const partitionable = c.partitionable?.filter((p) => !p.split("|").some((n) => n.startsWith("C")));
      out.push({ ...c, clients: c.clients.filter((_, j) => j !== i), ...(partitionable ? { partitionable } : {}) });
    });
  }
  c.clients.forEach((script, i) => {
    if (script.length > 1) script.forEach((_, k) => out.push({ ...c, clients: c.clients.map((s, j) => (j === i ? s.filter((_, m) => m !== k) : s)) }));
  });
  for (const fault of FAULTS) if (c.faults[fault] > 0) out.push({ ...c, faults: { ...c.faults, [fault]: c.faults[fault] - 1 } });
  if (c.faults.total !== undefined && c.faults.total > 0) out.push({ ...c, faults: { ...c.faults, total: c.faults.total - 1 } });
  // A stable-view start is view 2 (model/setup.ts).
  if (c.maxView > (c.start === "stable-view" ? 2 : 1)) out.push({ ...c, maxView: c.maxView - 1 });
  if (c.maxInFlight !== undefined && c.maxInFlight > 1) out.push({ ...c, maxInFlight: c.maxInFlight - 1 });
  return out;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 servers, 1 client (Put x=1), 1 crash, views up to 3". */
export function describeConfig(c: ProtocolConfig): string {
  const scripts = c.clients.map((s) => s.map(showOp).join(", ")).join("; ");
  // The budgets are named in the plural; one of each reads in the singular.
  const singular: Record<keyof Omit<FaultBudgets, "total">, string> = {
    crashes: "crash",
    restarts: "restart",
    partitions: "partition",
    heals: "heal",
    drops: "drop",
    duplicates: "duplicate",
  };
  const faults = FAULTS.filter((f) => c.faults[f] > 0).map((f) => count(c.faults[f], singular[f], f));
  return [
    count(c.servers, "server"),
    `${count(c.clients.length, "client")} (${scripts})`,
    faults.length > 0 ? faults.join(", ") : "no faults",
    ...(c.faults.total !== undefined && faults.length > 0 ? [`at most ${count(c.faults.total, "fault")} in one run`] : []),
    // Which links and nodes a partition may cut, when not every one.
    ...(c.partitionable !== undefined && c.faults.partitions > 0 ? [`partitions only of ${c.partitionable.map((p) => p.replace("|", "–")).join(" or ")}`] : []),
    ...(c.suspicion === "any" ? ["any server may be suspected"] : []),
    `views up to ${c.maxView}`,
    ...(c.maxInFlight !== undefined ? [`${c.maxInFlight} in flight`] : []),
    `${c.start} start`,
  ].join(", ");
}
