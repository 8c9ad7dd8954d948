// What every rule may read besides the state: the configuration, worked out
// once, and where a rule reports that it was taken (rule coverage).

import type { RaftConfig } from "./config.ts";
import type { RaftVariant } from "./variant-catalog.ts";

export interface RaftContext {
  readonly config: RaftConfig;
  readonly n: number;
  /** Votes or replicas that make a majority. */
  readonly majority: number;
  readonly has: (variant: RaftVariant) => boolean;
  /** A rule branch was taken ("AE-3"), or a variant's code ran ("variant two-votes"). */
  readonly took: (what: string) => void;
  /** Whether a variant is switched on, noted for rule coverage when it is: where a rule lets a mistake through. */
  readonly mistake: (variant: RaftVariant) => boolean;
}

export function makeRaftContext(config: RaftConfig, took: (what: string) => void = () => {}): RaftContext {
  const variants = new Set<string>(config.variants);
  const has = (v: RaftVariant) => variants.has(v);
  const mistake = (v: RaftVariant) => {
    if (has(v)) took(`variant ${v}`);
    return has(v);
  };
  return { config, n: config.servers, majority: Math.floor(config.servers / 2) + 1, has, took, mistake };
}
