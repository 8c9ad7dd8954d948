// How actions and messages read in a trace: who did what, in the lecture's words.

import type { Operation } from "./config.ts";
import { linkName } from "./network.ts";
import type { Action, Message, View } from "./types.ts";

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
