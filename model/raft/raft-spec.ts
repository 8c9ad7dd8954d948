// Raft as a specification the checker can explore (spec/raft/rules.md).

import type { ActionSpec } from "../../checker/engine/spec.ts";
import { observedSteps } from "../../checker/engine/rule-coverage-hook.ts";
import { beyondBounds, enabledActions, next } from "./actions.ts";
import type { RaftConfig } from "./config.ts";
import { makeRaftContext } from "./context.ts";
import { diagramParticipants, diagramStep, fieldHelp, inFlightArrows, label, present, stepInfo } from "./labels.ts";
import { raftFairness, raftLiveness } from "./liveness.ts";
import { raftInvariants, raftWitnesses } from "./properties.ts";
import { RAFT_RULE_BRANCHES } from "./rules.ts";
import { freshServer } from "./servers.ts";
import { raftSymmetries } from "./symmetry.ts";
import { RAFT_ACTION_KINDS, type RaftAction, type RaftActionKind, type RaftState } from "./types.ts";

const FAULT_OF: Partial<Record<RaftActionKind, keyof RaftConfig["faults"]>> = {
  Crash: "crashes",
  Restart: "restarts",
  Cut: "partitions",
  Heal: "heals",
  Drop: "drops",
  Duplicate: "duplicates",
};

export function raftStart(config: RaftConfig): RaftState {
  return {
    servers: Array.from({ length: config.servers }, () => freshServer(config.servers)),
    network: [],
    cuts: [],
    faultsLeft: { ...config.faults },
    history: { leaders: [], committed: [], applied: [], leaderLogShrank: false, truncated: false },
  };
}

export function raftSpec(config: RaftConfig): ActionSpec<RaftState, RaftAction> {
  const coverage = observedSteps<RaftState, RaftAction>();
  const ctx = makeRaftContext(config, coverage.observe);
  const { next: step, rules } = coverage.around((state, action) => next(ctx, state, action), [...RAFT_RULE_BRANCHES, ...config.variants.map((v) => `variant ${v}`)]);
  const start = raftStart(config);
  const variants = config.variants.length > 0 ? ` +${config.variants.join(" +")}` : "";
  return {
    name: `raft(${config.servers} servers, terms ≤ ${config.maxTerm}, log ≤ ${config.maxLog}${variants})`,
    initialStates: () => [start],
    actions: (state) => enabledActions(ctx, state),
    next: step,
    label,
    stepInfo,
    actionName: (action) => action.kind,
    actionNames: RAFT_ACTION_KINDS.filter((kind) => {
      const fault = FAULT_OF[kind];
      return (fault === undefined || config.faults[fault] > 0) && ((kind !== "ClientRequest" && kind !== "Heartbeat") || config.maxLog > 0);
    }),
    invariants: raftInvariants(),
    witnesses: raftWitnesses(config),
    rules,
    liveness: raftLiveness,
    fairness: raftFairness,
    beyondBounds: (state) => beyondBounds(ctx, state),
    symmetries: raftSymmetries(),
    present,
    fieldHelp,
    diagram: { participants: diagramParticipants(config.servers), step: diagramStep, inFlight: inFlightArrows },
  };
}
