// The state as a person reads it: nodes by name, views and messages as text.
// Traces show what changed in this form ("S2.view: 2 … → 3 …").

import { showDelivery, showOp, showView } from "./labels.ts";
import type { Context } from "./context.ts";
import type { Server, State } from "./types.ts";

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

export function present(ctx: Context, state: State): Record<string, unknown> {
  const labels = state.network.map(showDelivery);
  return {
    VS: { view: showView(state.vs.view), acked: state.vs.acked, idle: state.vs.idle.join(" ") || "none" },
    ...Object.fromEntries(state.servers.map((s, i) => [ctx.serverNames[i]!, presentServer(s)])),
    ...Object.fromEntries(
      state.clients.map((c, i) => {
        const script = ctx.scripts[i]!;
        const next = c.done < script.length ? `#${c.done + 1} ${showOp(script[c.done]!)}` : "done";
        return [ctx.clientNames[i]!, { knows: showView(c.view), next }];
      }),
    ),
    "in flight": Object.fromEntries([...new Set(labels)].map((label) => [label, labels.filter((l) => l === label).length])),
    "cut links": state.cuts.map((c) => c.replace("|", "–")).join(" ") || "none",
    "faults left": state.budgets,
  };
}
