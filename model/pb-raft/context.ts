// What every rule of the composed model may read besides the state: each
// protocol's own context, and the composed model's mistakes. Rule coverage
// hears every branch taken, of either protocol or of the glue between them.

import { makeContext, type Context } from "../context.ts";
import { makeRaftContext, type RaftContext } from "../raft/context.ts";
import type { PbRaftConfig } from "./config.ts";
import type { PbRaftVariant } from "./variant-catalog.ts";

export interface PbRaftContext {
  readonly config: PbRaftConfig;
  readonly pb: Context;
  readonly raft: RaftContext;
  readonly took: (what: string) => void;
  /** Whether a mistake is switched on, noted for rule coverage when it is. */
  readonly mistake: (variant: PbRaftVariant) => boolean;
}

export function makePbRaftContext(config: PbRaftConfig, took: (what: string) => void = () => {}): PbRaftContext {
  const variants = new Set<string>(config.variants);
  return {
    config,
    pb: makeContext(config.primaryBackup, took),
    raft: makeRaftContext(config.viewService, took),
    took,
    mistake: (v) => {
      if (!variants.has(v)) return false;
      took(`variant ${v}`);
      return true;
    },
  };
}
