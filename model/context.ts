// What every rule needs besides the state: the configuration it runs under.

import type { Operation, ProtocolConfig, Variant } from "./config.ts";
import type { ClientName, ServerName } from "./types.ts";

export interface Context {
  readonly config: ProtocolConfig;
  readonly serverNames: readonly ServerName[];
  readonly clientNames: readonly ClientName[];
  readonly scripts: readonly (readonly Operation[])[];
  /** Is this classic mistake switched on? Read where the rule it breaks is implemented. */
  readonly bug: (variant: Variant) => boolean;
}

export function makeContext(config: ProtocolConfig): Context {
  const variants = new Set(config.variants);
  return {
    config,
    serverNames: Array.from({ length: config.servers }, (_, i): ServerName => `S${i + 1}`),
    clientNames: config.clients.map((_, i): ClientName => `C${i + 1}`),
    scripts: config.clients,
    bug: (variant) => variants.has(variant),
  };
}
