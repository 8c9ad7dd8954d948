// The bounds of the configuration that a state has reached, in words, so
// that a deadlock (check --deadlock) says whether a bound stops the run
// there, or the protocol itself is stuck. Presentation only: no rule reads it.

import { beyondViewCap } from "./actions.ts";
import type { Context } from "./context.ts";
import { FAULTS } from "./faults.ts";
import { label } from "./labels.ts";
import type { State } from "./types.ts";

export function boundsReached(ctx: Context, state: State): string[] {
  const out: string[] = [];
  const capped = beyondViewCap(ctx, state);
  if (capped.length > 0) out.push(`the view cap (maxView ${ctx.config.maxView}) keeps ${capped.map(label).join(" and ")} from being taken`);
  const { maxInFlight } = ctx.config;
  if (maxInFlight !== undefined && state.network.length >= maxInFlight) {
    out.push(`${state.network.length} ${state.network.length === 1 ? "exchange" : "exchanges"} in flight, the most maxInFlight allows, so no node may send`);
  }
  const given = ctx.config.faults;
  if (given.total !== undefined && given.total > 0 && state.budgets.total === 0) out.push(`the fault budget (total ${given.total}) is spent`);
  else {
    const spent = FAULTS.filter((kind) => given[kind] > 0 && state.budgets[kind] === 0);
    if (spent.length > 0) out.push(`no ${spent.join(", ")} left in the fault budget`);
  }
  return out;
}
