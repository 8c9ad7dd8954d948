// The composed model's properties: the primary-backup protocol's invariants
// over its servers and clients (INV-1 above all), Raft's over the replicas,
// and witnesses that the replicated view service was really put to work.

import type { Invariant, Witness } from "../../checker/engine/spec.ts";
import { invariants as pbInvariants, witnesses as pbWitnesses } from "../properties.ts";
import { raftInvariants, raftWitnesses } from "../raft/properties.ts";
import type { PbRaftContext } from "./context.ts";
import type { PbRaftState } from "./types.ts";

function lift<T>(part: (s: PbRaftState) => T) {
  return {
    invariant: (i: Invariant<T>): Invariant<PbRaftState> => ({ name: i.name, holds: (s) => i.holds(part(s)), ...(i.explain ? { explain: (s) => i.explain!(part(s)) } : {}) }),
    witness: (w: Witness<T>): Witness<PbRaftState> => ({ name: w.name, reached: (s) => w.reached(part(s)) }),
  };
}

const ofPb = lift((s) => s.pb);
const ofCluster = lift((s) => s.cluster);

export function pbRaftInvariants(ctx: PbRaftContext): Invariant<PbRaftState>[] {
  return [...pbInvariants(ctx.pb).map(ofPb.invariant), ...raftInvariants().map(ofCluster.invariant)];
}

/** The view each committed entry's table shows, by index, with the term of the entry. */
function committedViews(state: PbRaftState): { num: number; term: number }[] {
  return state.cluster.history.committed.map((c, k) => {
    const table = state.tables.find((e) => e.index === k + 1 && e.term === c.entry);
    return { num: table?.table.view.num ?? -1, term: c.entry };
  });
}

export const PB_RAFT_WITNESS = "a server entered a view that a later view-service leader made";

export function pbRaftWitnesses(ctx: PbRaftContext): Witness<PbRaftState>[] {
  return [
    ...pbWitnesses(ctx.pb).map(ofPb.witness),
    ...raftWitnesses(ctx.config.viewService)
      .filter((w) => w.name === "a leader was replaced after it crashed")
      .map(ofCluster.witness),
    {
      // The first committed entry showing the view is of a term after the first: a leader that took over made it.
      name: PB_RAFT_WITNESS,
      reached: (s) => {
        const views = committedViews(s);
        return s.pb.servers.some((srv) => srv.up && srv.entered > 0 && (views.find((v) => v.num === srv.entered)?.term ?? 0) > 1);
      },
    },
  ];
}
