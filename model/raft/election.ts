// Leader election (spec/raft/rules.md): timeouts, RequestVote and its
// receiver, and counting votes.

import type { RaftContext } from "./context.ts";
import { inFlight, send } from "./network.ts";
import { lastTerm, observeTerm, withServer } from "./servers.ts";
import { NO_VOTE, type Message, type RaftState } from "./types.ts";

const votesOf = (votes: number): number => {
  let count = 0;
  for (let v = votes; v !== 0; v &= v - 1) count++;
  return count;
};

const voteTraffic = (state: RaftState) => state.network.some((m) => m.kind === "RequestVote" || m.kind === "Vote");

// FL-2, CA-4: a follower or candidate whose election timer fires; "randomized" lets it fire only for one server at a time, after the last election's votes were all answered.
export function canTimeOut(ctx: RaftContext, state: RaftState, i: number): boolean {
  const s = state.servers[i]!;
  if (!s.up || s.role === "leader") return false;
  if (ctx.config.timeouts === "any") return true;
  return !voteTraffic(state) && state.servers.every((other, j) => j === i || other.role !== "candidate");
}

// CA-1: on becoming candidate, increment currentTerm and vote for itself; a lone server is at once a majority (CA-2).
export function timeout(ctx: RaftContext, state: RaftState, i: number): RaftState {
  const s = state.servers[i]!;
  ctx.took(s.role === "follower" ? "FL-2" : "CA-4");
  ctx.took("CA-1");
  const candidate = { ...s, term: s.term + 1, role: "candidate" as const, votedFor: i, votes: 1 << i };
  return withServer(state, i, candidate);
}

/** CA-1: the RequestVote a candidate sends a server that has not granted it its vote. */
export function requestVoteMessage(state: RaftState, from: number, to: number): Message | undefined {
  const s = state.servers[from]!;
  if (!s.up || s.role !== "candidate" || from === to || (s.votes & (1 << to)) !== 0) return undefined;
  const m: Message = { kind: "RequestVote", from, to, term: s.term, lastLogIndex: s.log.length, lastLogTerm: lastTerm(s.log) };
  return inFlight(state, m) ? undefined : m;
}

// RV-2: the candidate's log is at least as up-to-date: a later last term, or the same last term and at least as long.
function upToDate(m: Extract<Message, { kind: "RequestVote" }>, log: readonly number[]): boolean {
  return m.lastLogTerm > lastTerm(log) || (m.lastLogTerm === lastTerm(log) && m.lastLogIndex >= log.length);
}

export function receiveRequestVote(ctx: RaftContext, before: RaftState, m: Extract<Message, { kind: "RequestVote" }>): RaftState {
  const state = observeTerm(ctx, before, m.to, m.term);
  const s = state.servers[m.to]!;
  // RV-1: a request from an older term is refused.
  if (m.term < s.term) {
    ctx.took("RV-1");
    return send(state, { kind: "Vote", from: m.to, to: m.from, term: s.term, granted: false });
  }
  const free = s.votedFor === NO_VOTE || s.votedFor === m.from || ctx.mistake("two-votes");
  const logOk = upToDate(m, s.log) || ctx.mistake("no-log-check");
  // RV-2: grant the vote if none was cast in this term (or it went to this candidate) and the candidate's log is up-to-date.
  const granted = free && logOk;
  ctx.took(granted ? "RV-2" : "RV-2 refused");
  const voter = granted ? withServer(state, m.to, { ...s, votedFor: m.from }) : state;
  return send(voter, { kind: "Vote", from: m.to, to: m.from, term: s.term, granted });
}

export function receiveVote(ctx: RaftContext, before: RaftState, m: Extract<Message, { kind: "Vote" }>): RaftState {
  const state = observeTerm(ctx, before, m.to, m.term);
  const s = state.servers[m.to]!;
  if (s.role !== "candidate" || m.term !== s.term || !m.granted) {
    ctx.took("CA-2 ignored");
    return state;
  }
  const votes = s.votes | (1 << m.from);
  if (votesOf(votes) < ctx.majority) {
    ctx.took("CA-2 counted");
    return withServer(state, m.to, { ...s, votes });
  }
  return becomeLeader(ctx, state, m.to, votes);
}

// CA-2: votes from a majority make the candidate leader; LD-3 starts nextIndex just past its log and matchIndex at 0.
export function becomeLeader(ctx: RaftContext, state: RaftState, i: number, votes: number): RaftState {
  const s = state.servers[i]!;
  ctx.took("CA-2");
  const leader = { ...s, role: "leader" as const, votes, nextIndex: s.nextIndex.map(() => s.log.length + 1), matchIndex: s.matchIndex.map(() => 0) };
  const leaders = [...state.history.leaders, `${s.term}:${i}`].sort();
  return { ...withServer(state, i, leader), history: { ...state.history, leaders } };
}
