// The members of a simulation. A plain run has one: the configuration as
// given, walked with the spec's weights. A swarm has many: member 0 is the
// plain one, and each other member draws, from its own seed, a narrowing of
// the configuration (the spec's hook: fewer fault kinds, smaller budgets, a
// few links) and a walk style (swarm-style.ts). Members are numbered, and a
// member's draws depend only on the seed and its number, so `only` reruns
// one member alone, exactly as it ran in the swarm.

import type { AnySpec } from "../spec.ts";
import { select, type Selection, type SpecSource } from "../spec-source.ts";
import { mixSeed, Random } from "./random.ts";
import type { SimulationMember } from "./simulation-result.ts";
import { drawStyle } from "./swarm-style.ts";
import { evenStyle } from "./walk-bias.ts";

export interface MemberSource<C> {
  readonly config: C;
  readonly build: (config: C) => AnySpec;
  readonly source: (config: C) => SpecSource;
  /** The spec's narrowing of a configuration, if it has one; it may only take behaviour away. */
  readonly narrow?: (config: C, random: () => number) => C;
  /** Check only these invariants and witnesses. */
  readonly selection?: Selection;
}

export interface PlanOptions {
  readonly seed: number;
  readonly depth: number;
  /** A swarm of this many members; undefined for a plain run. */
  readonly swarm?: number;
  /** Only this member of the swarm. */
  readonly only?: number;
}

export interface PlannedMember<C> {
  readonly member: SimulationMember<unknown, unknown>;
  /** Its configuration: the one given (the same object), or its narrowing. */
  readonly config: C;
}

/** Mixed into a member's seed for the draws that narrow its configuration and steer its walks. */
const SWARM_DRAWS = 0x5a4d;

export function planMembers<C>(from: MemberSource<C>, options: PlanOptions): PlannedMember<C>[] {
  const count = options.swarm ?? 1;
  const indices = options.only === undefined ? Array.from({ length: count }, (_, i) => i) : [options.only];
  const whole = from.build(from.config);
  return indices.map((index) => {
    const random = new Random(mixSeed(options.seed, index, SWARM_DRAWS));
    const swarm = options.swarm !== undefined;
    const config = swarm && index > 0 && from.narrow !== undefined ? from.narrow(from.config, () => random.next()) : from.config;
    const spec = select(config === from.config ? whole : from.build(config), from.selection);
    const style = swarm ? drawStyle(index, random, spec.actionNames ?? [], options.depth) : evenStyle(options.depth);
    return { config, member: { index, spec, source: { ...from.source(config), select: from.selection }, style } };
  });
}
