// The part of a swarm member the engine draws: how deep its walks go and how
// it weighs each action family. (The part the spec draws, a narrowing of the
// configuration, comes from the spec's own hook, through the command line.)
// Holzmann, Joshi and Groce found that many searches, each steered
// differently, find more bugs than one search given all the time: one member
// delivers eagerly, another suspects servers eagerly, another walks short.

import type { Random } from "./random.ts";
import type { WalkStyle } from "./walk-bias.ts";

/** Each family's chance of being steered in a member, and how far. */
const STEERED_SHARE = 0.4;
const STEER = { lo: 0.1, hi: 10 };

/** The style of swarm member `index`: member 0 is the plain walk (full depth, the spec's weights); the others draw their own. */
export function drawStyle(index: number, random: Random, families: readonly string[], maxDepth: number): WalkStyle {
  if (index === 0) return { depth: maxDepth, familyWeights: {} };
  const shortest = Math.min(maxDepth, 10);
  const depth = Math.max(1, Math.round(random.logUniform(shortest, maxDepth + 0.499)));
  const familyWeights: Record<string, number> = {};
  for (const family of families) {
    if (random.chance(STEERED_SHARE)) familyWeights[family] = Number(random.logUniform(STEER.lo, STEER.hi).toPrecision(2));
  }
  return { depth: Math.min(depth, maxDepth), familyWeights };
}

/** "depth 37; Deliver ×3.2, Suspect ×0.15", or "depth 100; the spec's weights". */
export function describeStyle(style: WalkStyle): string {
  const steered = Object.entries(style.familyWeights).map(([family, w]) => `${family} ×${w}`);
  return `depth ${style.depth}; ${steered.length === 0 ? "the spec's weights" : steered.join(", ")}`;
}
