// The state as a person reads it: nodes by name, views and messages as text.
// Traces show what changed in this form ("S2.view: 2 … → 3 …").

import { showDelivery, showOp, showView } from "./labels.ts";
import type { Context } from "./context.ts";
import type { Operation } from "./config.ts";
import type { OpRecord, Server, State } from "./types.ts";

function presentServer(s: Server): unknown {
  if (!s.up) return "crashed";
  return {
    view: showView(s.view),
    entered: s.entered,
    store: Object.entries(s.store).map(([k, v]) => `${k}=${v}`).join(" ") || "empty",
    applied: Object.entries(s.dedup).map(([c, d]) => `${c}#${d.seq}`).join(" ") || "none",
    forwarding: s.pending === null ? "nothing" : `${s.pending.client}#${s.pending.seq} ${showOp(s.pending.op)} to ${s.pending.backup}`,
    ...(s.confirmed ? { serving: true } : {}),
  };
}

// What each presented field means, and the rule that governs it, by the kind of node that has it.
const FIELD_HELP: Readonly<Record<string, string>> = {
  "VS.view": "VS-1: the current view: its number, primary and backup",
  "VS.acked": "VS-3: the primary of the current view has acknowledged it, so the view service may move on",
  "VS.idle": "VS-5: servers heard from that are neither primary nor backup, in the order they arrived; the first is recruited next",
  "S.view": "PB-1: the newest view this server learned from the view service",
  "S.entered": "PB-2: the view this server has fully entered (for a backup, once the state transfer arrived, PB-3); what it pings with",
  "S.store": "the key-value store",
  "S.applied": "PB-7: per client, the last request applied (duplicates get the remembered reply)",
  "S.forwarding": "PB-4: the client operation forwarded to the backup, awaiting its answer",
  "S.serving": "PB-10: the view service confirmed this primary's acknowledgement, so it serves clients",
  "C.knows": "CL-2: the view this client last heard of; it sends requests to that view's primary",
  "C.next": "CL-1: the operation this client is running (one at a time), or done",
  "C.received": "the answers this client has had, by sequence number (what INV-3 judges)",
  "in flight": "messages in the network, with how many copies of each",
  "cut links": "links a partition has cut",
  "faults left": "what is left of each fault budget of the configuration",
};

/** The help for a presented field, e.g. "S2.entered" or "in flight.C1 → VS GetView". */
export function fieldHelp(path: string): string | undefined {
  const [node, ...rest] = path.split(".");
  const kind = node === "VS" ? "VS" : /^[SC]\d+$/.test(node!) ? node![0] : undefined;
  return kind === undefined ? FIELD_HELP[node!] : FIELD_HELP[`${kind}.${rest.join(".")}`];
}

/** What a client has been answered so far: "#1 ok, #2 Get x = 1". */
function received(script: readonly Operation[], ops: readonly OpRecord[]): string {
  const answered = ops.flatMap((r, i) => (r.result === undefined ? [] : [script[i]!.kind === "Get" ? `#${i + 1} Get ${script[i]!.key} = "${r.result}"` : `#${i + 1} ok`]));
  return answered.join(", ") || "nothing yet";
}

export function present(ctx: Context, state: State): Record<string, unknown> {
  const labels = state.network.map(showDelivery);
  return {
    VS: { view: showView(state.vs.view), acked: state.vs.acked, idle: state.vs.idle.join(" ") || "none" },
    ...Object.fromEntries(state.servers.map((s, i) => [ctx.serverNames[i]!, presentServer(s)])),
    ...Object.fromEntries(
      state.clients.map((c, i) => {
        const script = ctx.scripts[i]!;
        const next = c.done < script.length ? `#${c.done + 1} ${showOp(script[c.done]!)}` : "done";
        return [ctx.clientNames[i]!, { knows: showView(c.view), next, received: received(script, state.history.ops[i]!) }];
      }),
    ),
    "in flight": Object.fromEntries([...new Set(labels)].map((label) => [label, labels.filter((l) => l === label).length])),
    "cut links": state.cuts.map((c) => c.replace("|", "–")).join(" ") || "none",
    "faults left": state.budgets,
  };
}
