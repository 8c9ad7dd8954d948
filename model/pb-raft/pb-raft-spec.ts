// The primary-backup protocol with its view service replicated by Raft, as a
// specification the checker can explore (spec/pb-raft/rules.md).

import type { ActionSpec } from "../../checker/engine/spec.ts";
import { observedSteps } from "../../checker/engine/rule-coverage-hook.ts";
import { beyondBounds, enabledActions, next } from "./actions.ts";
import type { PbRaftConfig } from "./config.ts";
import { makePbRaftContext } from "./context.ts";
import { diagramParticipants, diagramStep, fieldHelp, inFlightArrows, label, present, stepInfo } from "./labels.ts";
import { pbRaftInvariants, pbRaftWitnesses } from "./properties.ts";
import { ALL_BRANCHES } from "./rules.ts";
import { pbRaftStart } from "./start.ts";
import type { PbRaftAction, PbRaftState } from "./types.ts";

/** Coverage counts each protocol's steps by kind, and the glue's steps on their own. */
const actionName = (action: PbRaftAction): string => {
  switch (action.kind) {
    case "Pb":
      return action.action.kind;
    case "Raft":
      return `VS ${action.action.kind}`;
    case "Serve":
      return `Serve ${action.message.kind}`;
    case "Suspect":
      return "Suspect";
  }
};

export function pbRaftSpec(config: PbRaftConfig): ActionSpec<PbRaftState, PbRaftAction> {
  const variants = [...config.variants, ...config.primaryBackup.variants];
  const coverage = observedSteps<PbRaftState, PbRaftAction>();
  const ctx = makePbRaftContext(config, coverage.observe);
  const { next: step, rules } = coverage.around((state, action) => next(ctx, state, action), [...ALL_BRANCHES, ...variants.map((v) => `variant ${v}`)]);
  const start = pbRaftStart(ctx);
  const { primaryBackup: pb, viewService: vs } = config;
  return {
    name: `primary-backup on a Raft view service(${pb.servers} servers, ${pb.clients.length} ${pb.clients.length === 1 ? "client" : "clients"}, ${vs.servers} replicas${variants.map((v) => ` +${v}`).join("")})`,
    initialStates: () => [start],
    actions: (state) => enabledActions(ctx, state),
    next: step,
    label,
    stepInfo,
    actionName,
    invariants: pbRaftInvariants(ctx),
    witnesses: pbRaftWitnesses(ctx),
    rules,
    beyondBounds: (state) => beyondBounds(ctx, state),
    present: (state) => present(ctx, state),
    fieldHelp,
    isFinal: (state) => state.pb.clients.every((c, i) => c.done === ctx.pb.scripts[i]!.length),
    diagram: {
      participants: diagramParticipants(ctx),
      step: diagramStep,
      inFlight: inFlightArrows,
    },
  };
}
