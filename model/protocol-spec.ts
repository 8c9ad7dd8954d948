// The primary-backup protocol as a specification the checker can explore.

import type { ActionSpec } from "../checker/engine/spec.ts";
import { beyondBounds, enabledActions, next } from "./actions.ts";
import { boundsReached } from "./bounds.ts";
import type { ProtocolConfig } from "./config.ts";
import { makeContext, type Observed } from "./context.ts";
import { RULE_BRANCHES } from "./rules.ts";
import { diagramStep, label, showMessage, stepInfo, whyNoChange } from "./labels.ts";
import { invariants, witnesses } from "./properties.ts";
import { fairness, livenessProperties } from "./liveness.ts";
import { fieldHelp, present } from "./present.ts";
import { startState } from "./setup.ts";
import { symmetries } from "./symmetry.ts";
import { protocolCodec } from "./codec.ts";
import { stepWeight } from "./simulation.ts";
import type { Fault } from "./faults.ts";
import { ACTION_KINDS, type Action, type ActionKind, type State } from "./types.ts";

const FAULT_OF: Partial<Record<ActionKind, Fault>> = {
  Crash: "crashes",
  Restart: "restarts",
  RestartVS: "crashes",
  Cut: "partitions",
  Isolate: "partitions",
  Heal: "heals",
  Drop: "drops",
  Duplicate: "duplicates",
};

function possible(config: ProtocolConfig, kind: ActionKind): boolean {
  const fault = FAULT_OF[kind];
  if (fault !== undefined && config.faults[fault] === 0) return false;
  if (kind === "RestartVS") return config.variants.includes("vs-amnesia");
  const { partitionable } = config;
  if (kind === "Cut") return partitionable?.some((p) => p.includes("|")) ?? true;
  if (kind === "Isolate") return partitionable?.some((p) => !p.includes("|")) ?? true;
  return true;
}

export function protocolSpec(config: ProtocolConfig): ActionSpec<State, Action> {
  // Rule coverage listens to the context: what the last step took is kept
  // until the next step, for the engine to ask about right after it.
  const taken: Observed[] = [];
  let lastStep: { state: State; action: Action } | undefined;
  const ctx = makeContext(config, (what) => taken.push(what));
  const step = (state: State, action: Action): State => {
    taken.length = 0;
    lastStep = { state, action };
    return next(ctx, state, action);
  };
  const start = startState(ctx);
  const codec = protocolCodec(config.servers, config.clients.length);
  const variants = config.variants.length > 0 ? ` +${config.variants.join(" +")}` : "";
  return {
    name: `primary-backup(${config.servers} ${config.servers === 1 ? "server" : "servers"}, ${config.clients.length} ${config.clients.length === 1 ? "client" : "clients"}${variants})`,
    initialStates: () => [start],
    actions: (state) => enabledActions(ctx, state),
    next: step,
    label,
    stepInfo,
    weight: stepWeight(ctx),
    diagram: { participants: ["VS", ...ctx.serverNames, ...ctx.clientNames], step: diagramStep, inFlight: (state) => state.network.map((m) => ({ from: m.from, to: m.to, text: showMessage(m) })) },
    actionName: (action) => action.kind,
    // Faults the configuration gives no budget for cannot fire; listing them
    // would only raise false "never fired" warnings.
    actionNames: ACTION_KINDS.filter((kind) => possible(config, kind)),
    present: (state) => present(ctx, state),
    fieldHelp,
    // With --deadlock: a state where every client has finished its script is
    // a proper end; anywhere else, nothing enabled means the service is stuck.
    isFinal: (state) => state.clients.every((c, i) => c.done === ctx.scripts[i]!.length),
    invariants: invariants(ctx),
    rules: {
      names: [...RULE_BRANCHES, ...config.variants.map((v) => `variant ${v}`)],
      taken: (state, action) => {
        if (lastStep?.state !== state || lastStep.action !== action) step(state, action);
        return taken;
      },
    },
    witnesses: witnesses(ctx),
    liveness: livenessProperties(ctx),
    fairness,
    beyondBounds: (state) => beyondBounds(ctx, state),
    boundsReached: (state) => boundsReached(ctx, state),
    whyNoChange: (action, state) => whyNoChange(action, state),
    symmetries: symmetries(ctx, codec.table),
    codec,
  };
}
