// TE-1: terms counted from the oldest server's. Raft compares terms only with
// each other, so adding one number to every term changes no step; without log
// entries, a term below every server's can be replaced by any other below
// them all. A configuration with termWindow keeps terms this way, and an
// election that repeats forever becomes a loop in the state graph.

import type { RaftContext } from "./context.ts";
import { sortedNetwork } from "./network.ts";
import type { Message, RaftState } from "./types.ts";

export function countTermsFromOldest(ctx: RaftContext, state: RaftState): RaftState {
  if (!ctx.config.termWindow) return state;
  const oldest = Math.min(...state.servers.map((s) => s.term));
  if (oldest <= 1) return state;
  ctx.took("TE-1");
  // Old terms become 0 and the oldest server's term 1.
  const shift = (term: number) => Math.max(term - (oldest - 1), 0);
  const network = sortedNetwork(state.network.map((m): Message => ({ ...m, term: shift(m.term) })));
  // A leader of a term below every server's can no longer clash with a new one (terms only grow).
  const leaders = state.history.leaders.flatMap((entry) => {
    const [term, server] = entry.split(":").map(Number);
    return term! >= oldest ? [`${shift(term!)}:${server}`] : [];
  });
  return { ...state, servers: state.servers.map((s) => ({ ...s, term: shift(s.term) })), network, history: { ...state.history, leaders } };
}
