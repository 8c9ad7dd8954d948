// What the protocol promises over whole runs (spec/properties.md, LIVE-1 and
// LIVE-2), and the fairness those promises rest on: the steps a real system
// takes sooner or later because of its timers and retries. Faults (crash,
// restart, cut, heal, drop, duplicate) are never forced: a run may skip them
// forever, and the budgets already keep them finite.

import type { FairnessClass, LivenessProperty } from "../checker/engine/liveness/liveness-spec.ts";
import type { Context } from "./context.ts";
import { showMessage } from "./labels.ts";
import { isCut } from "./network.ts";
import { serverOf } from "./state-helpers.ts";
import type { Action, State } from "./types.ts";

const weak = (name: string): FairnessClass => ({ name, strength: "weak" });
const strong = (name: string): FairnessClass => ({ name, strength: "strong" });

/**
 * One class per node or message: each server keeps pinging and transferring,
 * each client keeps asking and requesting (strong fairness), the network
 * delivers each message it holds, and the view service's timer goes off for
 * a server that is really gone, crashed or cut off from it (weak fairness). A suspicion of
 * a live, reachable server (suspicion "any") is a mistake the VS may make,
 * never one it must.
 */
export function fairness(action: Action, state: State): FairnessClass | undefined {
  switch (action.kind) {
    case "Deliver":
      return weak(`deliver ${action.message.from} → ${action.message.to} ${showMessage(action.message)}`);
    // Strong: a node may start an exchange only while the network is below its bound (maxInFlight), so
    // another node's messages can switch its send off and on forever; its timer keeps firing regardless.
    case "Ping":
      return strong(`${action.message.from} pings`);
    case "SendTransfer":
      return strong(`${action.message.from} transfers`);
    case "QueryView":
    case "SendRequest":
      return strong(`${action.message.from} ${action.kind === "QueryView" ? "asks for the view" : "requests"}`);
    case "Suspect": {
      const { up } = serverOf(state, action.server);
      return !up || isCut(state.cuts, action.server, "VS") ? weak(`VS suspects ${action.server}`) : undefined;
    }
    case "Crash":
    case "Restart":
    case "RestartVS":
    case "Cut":
    case "Isolate":
    case "Heal":
    case "Drop":
    case "Duplicate":
      return undefined;
  }
}

export function livenessProperties(ctx: Context): LivenessProperty<State>[] {
  return [
    // LIVE-1: every client operation completes.
    {
      kind: "eventually",
      name: "LIVE-1 every client operation completes",
      holds: (state) => state.clients.every((c, i) => c.done === ctx.scripts[i]!.length),
    },
    // LIVE-2: a view not yet acknowledged by its primary leads to one that is.
    {
      kind: "leadsTo",
      name: "LIVE-2 the view service reaches an acknowledged view",
      from: (state) => !state.vs.acked,
      to: (state) => state.vs.acked && state.vs.view.primary !== "",
    },
  ];
}

/** Liveness failures the protocol is known to have, kept in counterexamples/ as expected (spec/properties.md). */
export const EXPECTED_LIVENESS_FAILURES = [
  {
    name: "vs-stuck",
    summary:
      "Expected, not a bug in the model: the view service may not leave a view its primary has not acknowledged (VS-3). Here S1 is named primary of view 1 and crashes before acknowledging it; the view service waits for that acknowledgement forever, and C1 keeps sending its request to the dead S1.",
    config: "tiny",
    fails: "LIVE-1",
  },
] as const;
