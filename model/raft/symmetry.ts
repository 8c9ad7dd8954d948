// Servers are interchangeable: every rule treats them alike and they all
// start alike, so renaming them maps each step to a step and keeps every
// property as it was. The checker stores one state per class of renamings
// (checker/engine/symmetry.ts). Only the renamings that sort servers by
// what they hold are tried, so most states have one image, not n!.

import { linkKey, sortedNetwork } from "./network.ts";
import { NO_VOTE, type Message, type RaftServer, type RaftState } from "./types.ts";

/**
 * What a server holds that names no other server, so that renaming servers
 * leaves it as it is.
 */
function signature(s: RaftServer, self: number): string {
  const vote = s.votedFor === NO_VOTE ? "-" : s.votedFor === self ? "self" : "other";
  let votes = 0;
  for (let v = s.votes; v !== 0; v &= v - 1) votes++;
  return `${s.up ? 1 : 0} ${s.term} ${s.role} ${s.log.join(",")} ${s.commitIndex} ${vote} ${votes}`;
}

/**
 * The renamings that put servers in the order of their signatures, every
 * order of servers with equal signatures included: a choice that depends
 * only on the class (a renamed state has the same signatures), so every
 * state of a class gets the same images.
 */
function sortingRenamings(state: RaftState): number[][] {
  const keys = state.servers.map(signature);
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
  // Each run of equal signatures may be put in any order among its places.
  let placements: number[][] = [[]];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && keys[order[end]!] === keys[order[start]!]) end++;
    const run = order.slice(start, end);
    placements = placements.flatMap((p) => orders(run).map((o) => [...p, ...o]));
    start = end;
  }
  // placements list servers by their new position; a renaming maps each server to its position.
  return placements.map((byPosition) => {
    const to = new Array<number>(byPosition.length);
    byPosition.forEach((server, position) => (to[server] = position));
    return to;
  });
}

function orders(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((first, i) => orders([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [first, ...rest]));
}

/** The state with server i renamed to to[i]. */
export function renamed(state: RaftState, to: readonly number[]): RaftState {
  if (to.every((target, i) => target === i)) return state;
  const n = to.length;
  const from = new Array<number>(n);
  for (let i = 0; i < n; i++) from[to[i]!] = i;
  const server = (s: RaftServer): RaftServer => {
    let votes = 0;
    for (let i = 0; i < n; i++) if ((s.votes & (1 << i)) !== 0) votes |= 1 << to[i]!;
    const nextIndex = new Array<number>(n);
    const matchIndex = new Array<number>(n);
    for (let j = 0; j < n; j++) {
      nextIndex[j] = s.nextIndex[from[j]!]!;
      matchIndex[j] = s.matchIndex[from[j]!]!;
    }
    return { ...s, votedFor: s.votedFor === NO_VOTE ? NO_VOTE : to[s.votedFor]!, votes, nextIndex, matchIndex };
  };
  const servers = from.map((i) => server(state.servers[i]!));
  const network = sortedNetwork(state.network.map((m): Message => ({ ...m, from: to[m.from]!, to: to[m.to]! })));
  const cuts = state.cuts.length === 0 ? state.cuts : state.cuts.map((c) => c.split("|").map(Number)).map(([a, b]) => linkKey(to[a!]!, to[b!]!)).sort();
  const leaders = state.history.leaders.map((r) => r.split(":").map(Number)).map(([term, s]) => `${term}:${to[s!]}`).sort();
  return { ...state, servers, network, cuts, history: { ...state.history, leaders } };
}

export function raftSymmetries(): (state: RaftState) => Iterable<RaftState> {
  return (state) => sortingRenamings(state).map((to) => renamed(state, to));
}
