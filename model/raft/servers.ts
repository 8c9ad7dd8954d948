// Rules for all servers (AS-1, AS-2) and what a crash keeps (PS-1), with the
// helpers every rule uses to replace one server in the state.

import type { RaftContext } from "./context.ts";
import { NO_VOTE, type RaftServer, type RaftState } from "./types.ts";

export function withServer(state: RaftState, i: number, server: RaftServer): RaftState {
  return { ...state, servers: state.servers.map((s, j) => (j === i ? server : s)) };
}

export function freshServer(n: number): RaftServer {
  return { up: true, term: 0, votedFor: NO_VOTE, log: [], ...volatileStart(n) };
}

/** The volatile state a server starts with and returns to after a crash. */
export function volatileStart(n: number): Pick<RaftServer, "role" | "votes" | "nextIndex" | "matchIndex" | "commitIndex"> {
  return { role: "follower", votes: 0, nextIndex: new Array<number>(n).fill(1), matchIndex: new Array<number>(n).fill(0), commitIndex: 0 };
}

// AS-1: a request or response with a higher term makes the receiver adopt it and become a follower.
export function observeTerm(ctx: RaftContext, state: RaftState, i: number, term: number): RaftState {
  const s = state.servers[i]!;
  if (term <= s.term) return state;
  ctx.took("AS-1");
  return withServer(state, i, { ...s, term, votedFor: NO_VOTE, role: "follower", votes: 0 });
}

// AS-2: a server applies the entries up to commitIndex, in order; the history remembers the first entry applied at each index.
export function raiseCommit(ctx: RaftContext, state: RaftState, i: number, commitIndex: number): RaftState {
  const s = state.servers[i]!;
  if (commitIndex <= s.commitIndex) return state;
  ctx.took("AS-2");
  const applied = [...state.history.applied];
  for (let index = applied.length + 1; index <= commitIndex; index++) applied.push(s.log[index - 1]!);
  const raised = withServer(state, i, { ...s, commitIndex });
  return applied.length === state.history.applied.length ? raised : { ...raised, history: { ...raised.history, applied } };
}

// PS-1: a crash keeps currentTerm, votedFor and the log (stable storage) and loses everything else.
export function crash(ctx: RaftContext, state: RaftState, i: number): RaftState {
  const s = state.servers[i]!;
  ctx.took("PS-1");
  return { ...withServer(state, i, { ...s, up: false, ...volatileStart(ctx.n) }), faultsLeft: { ...state.faultsLeft, crashes: state.faultsLeft.crashes - 1 } };
}

// PS-1: a restarted server is a follower with what stable storage kept.
export function restart(ctx: RaftContext, state: RaftState, i: number): RaftState {
  const s = state.servers[i]!;
  const spent = { ...state.faultsLeft, restarts: state.faultsLeft.restarts - 1 };
  if (ctx.mistake("forget-on-restart")) {
    return { ...withServer(state, i, { ...s, up: true, term: 0, votedFor: NO_VOTE }), faultsLeft: spent };
  }
  return { ...withServer(state, i, { ...s, up: true }), faultsLeft: spent };
}

export const lastTerm = (log: readonly number[]): number => log.at(-1) ?? 0;
