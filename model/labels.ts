// How actions and messages read in a trace: who did what, in the lecture's words.

import type { Operation } from "./config.ts";
import type { DiagramStep } from "../checker/engine/diagram-hook.ts";
import { isCut, linkName } from "./network.ts";
import { serverOf } from "./state-helpers.ts";
import type { Action, Message, ServerName, State, View } from "./types.ts";

export const showOp = (op: Operation): string => (op.kind === "Get" ? `Get ${op.key}` : `${op.kind} ${op.key}=${op.value}`);

export const showView = (v: View): string =>
  v.num === 0 ? "view 0" : `view ${v.num}: primary ${v.primary || "none"}, backup ${v.backup || "none"}`;

export function showMessage(m: Message): string {
  switch (m.kind) {
    case "Ping":
      return `Ping(${m.viewnum})`;
    case "ViewReply":
      return `ViewReply(${showView(m.view)}${m.acked ? ", acked" : ""})`;
    case "GetView":
      return "GetView";
    case "Request":
      return `Request(#${m.seq} ${showOp(m.op)})`;
    case "Reply":
      return m.reply.ok ? `Reply(#${m.seq} ok${m.reply.value === "" ? "" : ` "${m.reply.value}"`})` : `Reply(#${m.seq} ${m.reply.error})`;
    case "Forward":
      return `Forward(${m.client}#${m.seq} ${showOp(m.op)}, view ${m.view})`;
    case "ForwardReply":
      return `ForwardReply(${m.client}#${m.seq} ${m.ok ? "ok" : "rejected"}, view ${m.view})`;
    case "Transfer":
      return `Transfer(view ${m.view}, ${Object.keys(m.store).length === 0 ? "empty store" : Object.entries(m.store).map(([k, v]) => `${k}=${v}`).join(" ")})`;
    case "TransferReply":
      return `TransferReply(view ${m.view} ${m.ok ? "ok" : "rejected"})`;
  }
}

const orphanNote = (m: Message) => ("orphan" in m && m.orphan ? " (sent before its sender crashed: no reply)" : "");

export const showDelivery = (m: Message): string => `${m.from} → ${m.to} ${showMessage(m)}${orphanNote(m)}`;

export function label(action: Action): string {
  switch (action.kind) {
    case "Deliver":
      return showDelivery(action.message);
    case "Ping":
    case "SendTransfer":
    case "QueryView":
    case "SendRequest":
      return `${action.message.from} sends ${showMessage(action.message)} to ${action.message.to}`;
    case "Suspect":
      return `VS suspects ${action.server}`;
    case "Crash":
      return `crash ${action.server}`;
    case "Restart":
      return `restart ${action.server}`;
    case "RestartVS":
      return "crash and restart VS (it forgets every view)";
    case "Cut":
      return `cut ${linkName(action.a, action.b).replace("|", "–")}`;
    case "Isolate":
      return `isolate ${action.node}`;
    case "Heal":
      return "heal all links";
    case "Drop":
      return `drop ${showDelivery(action.message)}`;
    case "Duplicate":
      return `duplicate ${showDelivery(action.message)}`;
  }
}

/** Who acts in a step (for the "fewest switches" preference), and whether it is a fault. */
export function stepInfo(action: Action): { actor: string; fault: boolean } {
  switch (action.kind) {
    case "Deliver":
      return { actor: action.message.to, fault: false };
    case "Ping":
    case "SendTransfer":
    case "QueryView":
    case "SendRequest":
      return { actor: action.message.from, fault: false };
    case "Suspect":
      return { actor: "VS", fault: false };
    case "Crash":
    case "Restart":
      return { actor: action.server, fault: true };
    case "RestartVS":
      return { actor: "VS", fault: true };
    case "Cut":
    case "Isolate":
    case "Heal":
    case "Drop":
    case "Duplicate":
      return { actor: "network", fault: true };
  }
}

/** How a step is drawn in a sequence diagram: deliveries as arrows, faults as notes. */
export function diagramStep(action: Action): DiagramStep | undefined {
  switch (action.kind) {
    case "Deliver":
      return { kind: "arrow", from: action.message.from, to: action.message.to, text: showMessage(action.message) + orphanNote(action.message) };
    case "Drop":
      return { kind: "arrow", from: action.message.from, to: action.message.to, text: `DROPPED ${showMessage(action.message)}`, lost: true };
    case "Duplicate":
      return { kind: "note", over: [action.message.from], text: `network duplicates ${showMessage(action.message)} to ${action.message.to}` };
    case "Suspect":
      // A timer, not a fault: drawn apart from crashes.
      return { kind: "note", over: ["VS"], text: `suspects ${action.server}`, event: true };
    case "Crash":
    case "Restart":
      return { kind: "note", over: [action.server], text: action.kind === "Crash" ? "CRASH (state lost)" : "restart (empty, view 0)" };
    case "RestartVS":
      return { kind: "note", over: ["VS"], text: "CRASH and restart at view 0" };
    case "Cut":
      return { kind: "note", over: [action.a, action.b], text: `CUT ${label(action).slice(4)}` };
    case "Isolate":
      return { kind: "note", over: [action.node], text: "ISOLATED" };
    case "Heal":
      return { kind: "note", over: ["VS"], text: "all links healed" };
    case "Ping":
    case "SendTransfer":
    case "QueryView":
    case "SendRequest":
      // Drawn when delivered: the arrow goes from sender to receiver.
      return undefined;
  }
}

/**
 * Why a send changes nothing a trace shows: a message over a cut link, or to
 * a crashed server, is lost at once (spec/network.md), so it never enters
 * the network. Without this a student sees "C1 sends Request to S1" and
 * nothing happen.
 */
export function whyNoChange(action: Action, state: State): string | undefined {
  if (action.kind !== "Ping" && action.kind !== "SendTransfer" && action.kind !== "QueryView" && action.kind !== "SendRequest") return undefined;
  const { from, to } = action.message;
  if (isCut(state.cuts, from, to)) return `the link ${linkName(from, to)} is cut, so the message is lost at once (spec/network.md)`;
  if (to.startsWith("S") && !serverOf(state, to as ServerName).up) return `${to} is crashed, so the message is lost at once (spec/network.md)`;
  return undefined;
}
