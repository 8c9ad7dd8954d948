// The network between servers (NW-1..NW-4): a set of messages in flight, in
// a fixed order so that equal states are equal objects. A message is lost if
// its link is cut or its receiver is down; faults may drop, duplicate and
// reorder messages, within the configuration's budgets.

import type { Message, RaftState } from "./types.ts";

export function messageKey(m: Message): string {
  switch (m.kind) {
    case "RequestVote":
      return `${m.from}>${m.to} RV ${m.term} ${m.lastLogIndex} ${m.lastLogTerm}`;
    case "Vote":
      return `${m.from}>${m.to} V ${m.term} ${m.granted ? 1 : 0}`;
    case "AppendEntries":
      return `${m.from}>${m.to} AE ${m.term} ${m.prevLogIndex} ${m.prevLogTerm} ${m.entries.join(",")} ${m.leaderCommit}`;
    case "Appended":
      return `${m.from}>${m.to} AR ${m.term} ${m.success ? 1 : 0} ${m.matchIndex}`;
  }
}

export const linkKey = (a: number, b: number): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export const isCut = (state: RaftState, a: number, b: number): boolean => state.cuts.includes(linkKey(a, b));

/** The network as a set in key order: a message already in flight is not added twice. */
export function sortedNetwork(messages: readonly Message[]): readonly Message[] {
  const byKey = new Map(messages.map((m) => [messageKey(m), m]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k)!);
}

// NW-1: a message sent across a cut link is lost at once.
export function send(state: RaftState, m: Message): RaftState {
  if (isCut(state, m.from, m.to)) return state;
  const key = messageKey(m);
  if (state.network.some((x) => messageKey(x) === key)) return state;
  return { ...state, network: sortedNetwork([...state.network, m]) };
}

export function inFlight(state: RaftState, m: Message): boolean {
  const key = messageKey(m);
  return state.network.some((x) => messageKey(x) === key);
}

export function without(state: RaftState, m: Message): RaftState {
  const key = messageKey(m);
  return { ...state, network: state.network.filter((x) => messageKey(x) !== key) };
}
