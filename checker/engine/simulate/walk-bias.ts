// How a walk chooses among the steps enabled in a state. The spec gives each
// step a weight (spec.weight: the model knows that a cut per link must not
// crowd out a delivery); on top of it every walk draws a bias of its own, so
// that walks differ in more than their coin flips:
//
// - node speeds: each node (stepInfo's actor) gets its own speed, so that in
//   one walk a client is slow and sends its request only after a failover,
//   and in another the view service is. Bugs in replication protocols live in
//   such unlikely orders, which an even walk almost never takes.
// - change points, as in PCT (Burckhardt et al., "A randomized scheduler with
//   probabilistic guarantees of finding bugs", ASPLOS 2010): at a few random
//   steps the node that just acted slows down, so a node can be quick at
//   first (learn the view) and late afterwards (use it when it is stale).
// - fault density: how much the walk's faults weigh against everything else.
//
// A third of the walks are even (every speed 1, no change points): the bias
// must not hide what a plain walk finds easily. Everything is drawn from the
// walk's own generator, so a walk is the same wherever it runs.

import type { Spec } from "../spec.ts";
import type { Random } from "./random.ts";

/** What a swarm member fixes for all of its walks (one series); a plain run has one such series. */
export interface WalkStyle {
  /** The longest walk, in steps. */
  readonly depth: number;
  /** Multipliers on the spec's weights, per action family (actionName); 1 when not named. */
  readonly familyWeights: Readonly<Record<string, number>>;
}

export const evenStyle = (depth: number): WalkStyle => ({ depth, familyWeights: {} });

const EVEN_SHARE = 1 / 3;
const SPEEDS = { lo: 0.02, hi: 3 };
const SLOWED = { lo: 0.005, hi: 0.2 };
const FAULTS = { lo: 0.05, hi: 3 };
const MOST_CHANGE_POINTS = 3;

export class WalkBias<S, A> {
  private readonly speeds = new Map<string, number>();
  private readonly changePoints: readonly number[];
  private readonly even: boolean;
  private readonly faultScale: number;

  constructor(
    private readonly spec: Spec<S, A>,
    private readonly style: WalkStyle,
    private readonly random: Random,
  ) {
    this.even = random.chance(EVEN_SHARE);
    this.faultScale = random.logUniform(FAULTS.lo, FAULTS.hi);
    const points: number[] = [];
    if (!this.even) {
      const count = random.int(MOST_CHANGE_POINTS + 1);
      for (let i = 0; i < count; i++) points.push(random.int(Math.max(1, Math.ceil(style.depth / 2))));
    }
    this.changePoints = points;
  }

  /** The weight of one enabled step; never negative. */
  weightOf(action: A, state: S): number {
    const spec = this.spec;
    let w = spec.weight === undefined ? 1 : spec.weight(action, state);
    if (!(w > 0)) return 0;
    const family = this.style.familyWeights[spec.actionName(action, state)];
    if (family !== undefined) w *= family;
    if (spec.stepInfo !== undefined) {
      const info = spec.stepInfo(action);
      if (info.fault) w *= this.faultScale;
      if (!this.even) w *= this.speedOf(info.actor);
    }
    return w;
  }

  /** After the walk's step number `depth` (from 0) was taken by `action`: a change point slows its node down. */
  stepped(action: A, depth: number): void {
    if (this.spec.stepInfo === undefined || !this.changePoints.includes(depth)) return;
    this.speeds.set(this.spec.stepInfo(action).actor, this.random.logUniform(SLOWED.lo, SLOWED.hi));
  }

  private speedOf(actor: string): number {
    let speed = this.speeds.get(actor);
    if (speed === undefined) this.speeds.set(actor, (speed = this.random.logUniform(SPEEDS.lo, SPEEDS.hi)));
    return speed;
  }
}

/** Index of the step chosen with probability proportional to its weight; -1 if every weight is 0. */
export function chooseWeighted(weights: Float64Array, count: number, random: Random): number {
  let total = 0;
  for (let i = 0; i < count; i++) total += weights[i]!;
  if (!(total > 0)) return -1;
  let r = random.next() * total;
  for (let i = 0; i < count; i++) {
    r -= weights[i]!;
    if (r < 0 && weights[i]! > 0) return i;
  }
  // Rounding can leave r a hair above 0 at the end: the last step with weight takes it.
  for (let i = count - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return -1;
}
