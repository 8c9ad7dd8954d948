// Log replication (spec/raft/rules.md): a leader appends client commands,
// sends AppendEntries, and commits by majority; a follower checks, merges
// and commits what it is sent.

import type { RaftContext } from "./context.ts";
import { inFlight, send } from "./network.ts";
import { observeTerm, raiseCommit, withServer } from "./servers.ts";
import type { Message, RaftState } from "./types.ts";

type AppendEntries = Extract<Message, { kind: "AppendEntries" }>;
type Appended = Extract<Message, { kind: "Appended" }>;

// LD-2: a leader appends a client's command to its own log, as an entry of its term.
export function clientRequest(ctx: RaftContext, state: RaftState, i: number): RaftState {
  const s = state.servers[i]!;
  ctx.took("LD-2");
  return withServer(state, i, { ...s, log: [...s.log, s.term] });
}

/**
 * LD-1, LD-3: what a leader sends a server: the entry at its nextIndex, if
 * any, after the entry before it; as a heartbeat, no entry. A heartbeat is
 * its own step only while there is an entry to send: otherwise it is the
 * same message.
 */
export function appendEntriesMessage(state: RaftState, from: number, to: number, heartbeat = false): AppendEntries | undefined {
  const s = state.servers[from]!;
  if (!s.up || s.role !== "leader" || from === to) return undefined;
  const prevLogIndex = s.nextIndex[to]! - 1;
  const hasEntry = prevLogIndex < s.log.length;
  if (heartbeat && !hasEntry) return undefined;
  const entries = hasEntry && !heartbeat ? [s.log[prevLogIndex]!] : [];
  const m: AppendEntries = { kind: "AppendEntries", from, to, term: s.term, prevLogIndex, prevLogTerm: s.log[prevLogIndex - 1] ?? 0, entries, leaderCommit: s.commitIndex };
  return inFlight(state, m) ? undefined : m;
}

const refuse = (state: RaftState, m: AppendEntries, term: number) => send(state, { kind: "Appended", from: m.to, to: m.from, term, success: false, matchIndex: 0 });

export function receiveAppendEntries(ctx: RaftContext, before: RaftState, m: AppendEntries): RaftState {
  const observed = observeTerm(ctx, before, m.to, m.term);
  const s0 = observed.servers[m.to]!;
  // AE-1: a request from an older term is refused.
  if (m.term < s0.term && !ctx.mistake("accept-old-term")) {
    ctx.took("AE-1");
    return refuse(observed, m, s0.term);
  }
  if (s0.role === "leader") {
    // Two leaders of one term: only a broken election gets here, and a leader takes orders from no one.
    ctx.took("AE-1 leader");
    return refuse(observed, m, s0.term);
  }
  // CA-3: AppendEntries from the current term's leader makes a candidate a follower.
  if (s0.role === "candidate" && m.term === s0.term) ctx.took("CA-3");
  const s = { ...s0, role: "follower" as const, votes: 0 };
  const state = withServer(observed, m.to, s);
  // AE-2: refuse unless the log holds an entry at prevLogIndex whose term is prevLogTerm.
  if (m.prevLogIndex > s.log.length || (m.prevLogIndex > 0 && s.log[m.prevLogIndex - 1] !== m.prevLogTerm)) {
    ctx.took("AE-2");
    return refuse(state, m, s.term);
  }
  const merged = mergeEntries(ctx, s.log, m);
  const lastNew = m.prevLogIndex + m.entries.length;
  const withLog = withServer(state, m.to, { ...s, log: merged.log });
  const history = merged.conflict ? { ...withLog.history, truncated: true } : withLog.history;
  let after: RaftState = { ...withLog, history };
  // AE-5: commitIndex follows leaderCommit, but never past the last entry this request brought.
  if (m.leaderCommit > s.commitIndex) {
    ctx.took("AE-5");
    const bound = lastNew < m.leaderCommit && ctx.mistake("commit-past-new") ? merged.log.length : lastNew;
    after = raiseCommit(ctx, after, m.to, Math.min(m.leaderCommit, bound));
  }
  return send(after, { kind: "Appended", from: m.to, to: m.from, term: s.term, success: true, matchIndex: lastNew });
}

function mergeEntries(ctx: RaftContext, log: readonly number[], m: AppendEntries): { log: readonly number[]; conflict: boolean } {
  const prev = m.prevLogIndex;
  const entry = m.entries[0];
  const kept = { log, conflict: false };
  const cut = (rest: readonly number[]) => ({ log: [...log.slice(0, prev), ...rest], conflict: false });
  if (entry === undefined) return log.length > prev && ctx.mistake("truncate-always") ? cut([]) : kept;
  const existing = log[prev];
  // AE-4: append an entry not already in the log.
  if (existing === undefined) {
    ctx.took("AE-4");
    return { log: [...log, entry], conflict: false };
  }
  // AE-3: an existing entry that conflicts with the new one (same index, other term) goes, with all that follow it.
  if (existing !== entry) {
    ctx.took("AE-3");
    return { log: [...log.slice(0, prev), entry], conflict: true };
  }
  ctx.took("AE-3 matches");
  return log.length > prev + 1 && ctx.mistake("truncate-always") ? cut([entry]) : kept;
}

export function receiveAppended(ctx: RaftContext, before: RaftState, m: Appended): RaftState {
  const state = observeTerm(ctx, before, m.to, m.term);
  const s = state.servers[m.to]!;
  if (s.role !== "leader" || m.term !== s.term) {
    ctx.took("LD-3 stale");
    return state;
  }
  if (!m.success) {
    // LD-4: refused for inconsistency: step nextIndex back and try again.
    ctx.took("LD-4");
    const nextIndex = s.nextIndex.map((v, j) => (j === m.from ? Math.max(v - 1, 1) : v));
    return withServer(state, m.to, { ...s, nextIndex });
  }
  // LD-3: on success, the follower holds everything up to the index it confirmed.
  ctx.took("LD-3");
  const nextIndex = s.nextIndex.map((v, j) => (j === m.from ? m.matchIndex + 1 : v));
  const matchIndex = s.matchIndex.map((v, j) => (j === m.from ? m.matchIndex : v));
  return advanceCommit(ctx, withServer(state, m.to, { ...s, nextIndex, matchIndex }), m.to);
}

// LD-5: the leader commits the highest index a majority holds, if its entry is of the leader's own term.
function advanceCommit(ctx: RaftContext, state: RaftState, i: number): RaftState {
  const s = state.servers[i]!;
  for (let n = s.log.length; n > s.commitIndex; n--) {
    const replicas = 1 + s.matchIndex.filter((match, j) => j !== i && match >= n).length;
    if (replicas < ctx.majority) continue;
    if (s.log[n - 1] !== s.term && !ctx.mistake("count-old-term")) return state;
    ctx.took("LD-5");
    const committed = [...state.history.committed];
    for (let index = committed.length + 1; index <= n; index++) committed.push({ entry: s.log[index - 1]!, inTerm: s.term });
    return raiseCommit(ctx, { ...state, history: { ...state.history, committed } }, i, n);
  }
  return state;
}
