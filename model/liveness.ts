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
import type { Action, NodeName, ServerName, State } from "./types.ts";

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

const allDone = (ctx: Context, state: State) => state.clients.every((c, i) => c.done === ctx.scripts[i]!.length);

/**
 * Where the protocol stops for good by design (spec/properties.md, LIVE-3).
 * VS-4b: the data died with a primary that had no backup, and the view
 * service moved to a view with no primary. VS-3: the view service may not
 * move on until the primary of its view acknowledges it, and that cannot
 * happen: the primary is down, cut off from the view service, or restarted
 * (PB-9 has it ignore the view), or it waits (PB-3) for a state transfer to
 * a backup that is down or cut off from it.
 */
function stallsByDesign(state: State): boolean {
  const { view, acked } = state.vs;
  // VS-4b's view has neither primary nor backup, and comes only after a restart.
  if (view.primary === "") return view.num > 0 && view.backup === "" && state.history.restarted.some(Boolean);
  if (acked) return false;
  const lost = (name: ServerName, peer: NodeName) => !serverOf(state, name).up || isCut(state.cuts, name, peer);
  const primary = serverOf(state, view.primary);
  if (lost(view.primary, "VS") || (primary.entered === 0 && view.num > 1)) return true;
  return view.backup !== "" && primary.entered !== view.num && lost(view.backup, view.primary);
}

export function livenessProperties(ctx: Context): LivenessProperty<State>[] {
  return [
    // LIVE-1: every client operation completes.
    {
      kind: "eventually",
      name: "LIVE-1 every client operation completes",
      holds: (state) => allDone(ctx, state),
    },
    // LIVE-2: a view not yet acknowledged by its primary leads to one that is.
    {
      kind: "leadsTo",
      name: "LIVE-2 the view service reaches an acknowledged view",
      from: (state) => !state.vs.acked,
      to: (state) => state.vs.acked && state.vs.view.primary !== "",
    },
    // LIVE-3: LIVE-1, except where the protocol stalls by design.
    {
      kind: "alwaysEventually",
      name: "LIVE-3 every client operation completes, unless the protocol stalls by design (VS-3, VS-4b)",
      holds: (state) => allDone(ctx, state) || stallsByDesign(state),
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
