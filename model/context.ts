// What every rule needs besides the state: the configuration it runs under.

import type { Operation, ProtocolConfig, Variant } from "./config.ts";
import type { RuleBranch } from "./rules.ts";
import type { ClientName, ServerName } from "./types.ts";

export interface Context {
  readonly config: ProtocolConfig;
  readonly serverNames: readonly ServerName[];
  readonly clientNames: readonly ClientName[];
  readonly scripts: readonly (readonly Operation[])[];
  /** Is this classic mistake switched on? Read where the rule it breaks is implemented. */
  readonly bug: (variant: Variant) => boolean;
  /** Tells rule coverage that a rule's branch was taken; it changes nothing in the state. */
  readonly took: (branch: RuleBranch) => void;
}

/** What rule coverage is told: a rule's branch was taken, or a switched-on variant's code ran. */
export type Observed = RuleBranch | `variant ${Variant}`;

/** `observe` hears of every rule branch taken and every switched-on variant consulted; by default no one listens. */
export function makeContext(config: ProtocolConfig, observe: (what: Observed) => void = () => {}): Context {
  const variants = new Set(config.variants);
  return {
    config,
    serverNames: Array.from({ length: config.servers }, (_, i): ServerName => `S${i + 1}`),
    clientNames: config.clients.map((_, i): ClientName => `C${i + 1}`),
    scripts: config.clients,
    bug: (variant) => {
      if (!variants.has(variant)) return false;
      observe(`variant ${variant}`);
      return true;
    },
    took: observe,
  };
}

/** Marks a rule's branch as taken, and goes on with `value`: `return taking(ctx, "PB-6 ...", refused)`. */
export function taking<T>(ctx: Context, branch: RuleBranch, value: T): T {
  ctx.took(branch);
  return value;
}
