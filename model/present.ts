// The state as a person reads it: nodes by name, views and messages as text.
// Traces show what changed in this form ("S2.view: 2 … → 3 …").

import { showDelivery, showOp, showView } from "./labels.ts";
import type { Context } from "./context.ts";
import type { State } from "./types.ts";

export function present(ctx: Context, state: State): Record<string, unknown> {
  const out: Record<string, unknown> = {
    VS: { view: showView(state.vs.view), acked: state.vs.acked, idle: state.vs.idle.join(" ") || "none" },
  };
  state.servers.forEach((s, i) => {
    out[ctx.serverNames[i]!] = s.up
      ? {
          view: showView(s.view),
          entered: s.entered,
          store: Object.entries(s.store).map(([k, v]) => `${k}=${v}`).join(" ") || "empty",
          applied: Object.entries(s.dedup).map(([c, d]) => `${c}#${d.seq}`).join(" ") || "none",
          forwarding: s.pending === null ? "nothing" : `${s.pending.client}#${s.pending.seq} ${showOp(s.pending.op)} to ${s.pending.backup}`,
          ...(s.confirmed ? { serving: true } : {}),
        }
      : "crashed";
  });
  state.clients.forEach((c, i) => {
    const script = ctx.scripts[i]!;
    out[ctx.clientNames[i]!] = {
      knows: showView(c.view),
      next: c.done < script.length ? `#${c.done + 1} ${showOp(script[c.done]!)}` : "done",
    };
  });
  const inFlight: Record<string, number> = {};
  for (const m of state.network) inFlight[showDelivery(m)] = (inFlight[showDelivery(m)] ?? 0) + 1;
  out["in flight"] = inFlight;
  out["cut links"] = state.cuts.map((c) => c.replace("|", "–")).join(" ") || "none";
  out["faults left"] = state.budgets;
  return out;
}
