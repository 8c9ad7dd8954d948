// VR-1: the view-service table each log entry holds, found by the entry's
// index and term. Raft's Log Matching makes that name unique while Election
// Safety holds, which is why the configuration refuses Raft's own mistakes
// here (config.ts) and ES is checked with the other invariants.

import { INITIAL_VIEW_SERVICE } from "../view-service.ts";
import type { RaftServer, RaftState } from "../raft/types.ts";
import type { ViewService } from "../types.ts";
import type { PbRaftState, TableEntry } from "./types.ts";

const sameName = (e: TableEntry, index: number, term: number) => e.index === index && e.term === term;

/** The table of the entry at `index` of `log`; index 0 is the view service's start. */
export function tableAt(tables: readonly TableEntry[], log: readonly number[], index: number): ViewService {
  if (index === 0) return INITIAL_VIEW_SERVICE;
  const term = log[index - 1]!;
  const found = tables.find((e) => sameName(e, index, term));
  if (found === undefined) throw new Error(`no table for the entry ${index}@${term}`);
  return found.table;
}

/** VR-2: the table a replica's log ends with: what its next change starts from. */
export const latestTable = (state: PbRaftState, i: number): ViewService => {
  const { log } = state.cluster.servers[i]!;
  return tableAt(state.tables, log, log.length);
};

/**
 * The highest committed entry a replica still holds. Only a mistake can cut a
 * committed entry from a log (State Machine Safety says so), and then the
 * replica serves what it has left rather than an entry it lost.
 */
const heldCommitIndex = (s: RaftServer): number => Math.min(s.commitIndex, s.log.length);

/** VR-3: the table of a replica's highest committed entry. */
export const committedTable = (state: PbRaftState, i: number): ViewService => {
  const s = state.cluster.servers[i]!;
  return tableAt(state.tables, s.log, heldCommitIndex(s));
};

// VR-4: the service's view is the newest table any replica has committed; committed entries agree (SMS), so the highest commitIndex has it.
export function newestCommitted(state: Pick<PbRaftState, "cluster" | "tables">): ViewService {
  const { servers } = state.cluster;
  let best = 0;
  servers.forEach((s, i) => {
    if (heldCommitIndex(s) > heldCommitIndex(servers[best]!)) best = i;
  });
  return tableAt(state.tables, servers[best]!.log, heldCommitIndex(servers[best]!));
}

export function withTable(tables: readonly TableEntry[], entry: TableEntry): readonly TableEntry[] {
  const at = tables.findIndex((e) => e.index > entry.index || (e.index === entry.index && e.term >= entry.term));
  if (at >= 0 && sameName(tables[at]!, entry.index, entry.term)) throw new Error(`a second table for the entry ${entry.index}@${entry.term}: Election Safety broke`);
  return at < 0 ? [...tables, entry] : [...tables.slice(0, at), entry, ...tables.slice(at)];
}

/**
 * The tables some log or message in flight still holds. An entry gone from
 * every log and message can never come back, so its table is dropped: a
 * state is then the same object whichever entries came and went before it.
 */
export function heldTables(tables: readonly TableEntry[], cluster: RaftState): readonly TableEntry[] {
  const held = tables.filter(
    (e) =>
      cluster.servers.some((s) => s.log[e.index - 1] === e.term) ||
      cluster.network.some((m) => m.kind === "AppendEntries" && m.prevLogIndex + 1 === e.index && m.entries[0] === e.term),
  );
  return held.length === tables.length ? tables : held;
}
