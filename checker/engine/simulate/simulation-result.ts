// What a simulation is asked to do and what it answers: the members whose
// walks it runs, the options (seed, budget, workers) and the result, with its
// verdict, findings, witnesses and coverage.

import type { Asker } from "../member-lost.ts";
import type { SeriesJob } from "./walk-series.ts";
import type { RuleCount } from "../check-result.ts";
import type { Spec } from "../spec.ts";
import type { SpecSource } from "../spec-source.ts";
import type { Trace } from "../trace.ts";
import type { WalkEnd } from "./walk.ts";
import type { WalkStyle } from "./walk-bias.ts";

/**
 * A series of walks with settings of its own. A plain run has one member, the
 * configuration as given; a swarm has many, each its own restriction of it.
 */
export interface SimulationMember<S, A> {
  /** Its number in the run: with the seed, it fixes the member's walks. */
  readonly index: number;
  /** The member's spec: its walks run on it (in the calling thread) and its traces replay through it. */
  readonly spec: Spec<S, A>;
  /** The same spec as data, for worker threads to build their own copy (with `workers` above 1). */
  readonly source?: SpecSource;
  readonly style: WalkStyle;
}

export interface SimulateOptions {
  readonly seed: number;
  /** Budget: this many walks in all (the run then ends with no violation found). */
  readonly walks?: number;
  /** Budget: stop once this many distinct states were seen. */
  readonly maxStates?: number;
  /** Budget: stop after this long. */
  readonly timeLimitMs?: number;
  /** Polled between jobs; a returned reason stops the run as incomplete (Ctrl-C). */
  readonly shouldStop?: () => string | undefined;
  readonly onProgress?: (progress: SimulationProgress) => void;
  readonly progressIntervalMs?: number;
  /** Worker threads (default 1: walks run in the calling thread). The result is the same for every number. */
  readonly workers?: number;
  /**
   * Helpers elsewhere that run jobs instead of threads (the broker's worker
   * processes). One that is lost has its jobs run by the others, so the
   * result stays the same; with none left the run stops as incomplete.
   */
  readonly runners?: readonly Asker<SeriesJob>[];
  readonly checkDeadlock?: boolean;
  /** Go on after a violation, to find what else breaks: the first walk breaking each property is kept. */
  readonly keepGoing?: boolean;
  /** Walks in one job, the unit handed to a worker (default 16). Changing it changes which walks run together, not the walks. */
  readonly walksPerJob?: number;
  /** The most distinct states the coverage set holds (default 16M, about 256 MiB at most); past it, "at least". */
  readonly coverageLimit?: number;
}

export interface SimulationProgress {
  readonly walks: number;
  readonly steps: number;
  readonly distinct: number;
  /** New distinct states per second since the last report. */
  readonly newPerSecond: number;
  readonly deepest: number;
  readonly elapsedMs: number;
  readonly memoryBytes: number;
}

/** A walk that broke a property, replayed through its member's spec. */
export interface Finding<S, A> {
  readonly member: number;
  readonly walk: number;
  readonly property: string;
  readonly explanation: string;
  readonly trace: Trace<S, A>;
}

export type SimulationVerdict<S, A> =
  | { readonly kind: "violation"; readonly finding: Finding<S, A> }
  /** The budget ran out (walks, states or time) and no walk broke anything: not a pass. */
  | { readonly kind: "none-found"; readonly reason: string }
  /** Stopped from outside (Ctrl-C) before its budget ran out. */
  | { readonly kind: "incomplete"; readonly reason: string };

export interface MemberStats {
  readonly index: number;
  readonly walks: number;
  readonly steps: number;
  /** Distinct states this member's walks were the first to see. */
  readonly newStates: number;
  /** Walks that broke a property (each job stops at its first unless keepGoing). */
  readonly violatingWalks: number;
  /** The first property it broke, if any. */
  readonly found: string | undefined;
}

/** The distinct states seen by a moment of the run. */
export interface TimelinePoint {
  readonly elapsedMs: number;
  readonly walks: number;
  readonly distinct: number;
}

export interface SimulationStats {
  readonly walks: number;
  readonly steps: number;
  readonly distinct: number;
  /** The coverage set reached its limit: `distinct` is then a lower bound. */
  readonly coverageFull: boolean;
  readonly elapsedMs: number;
  readonly deepest: { readonly member: number; readonly walk: number; readonly steps: number };
  readonly ends: Readonly<Record<WalkEnd, number>>;
  readonly timeline: readonly TimelinePoint[];
}

export interface SimulationResult<S, A> {
  readonly spec: string;
  readonly seed: number;
  readonly verdict: SimulationVerdict<S, A>;
  /** With keepGoing: the first walk that broke each property, in run order. Otherwise the verdict's finding, if any. */
  readonly findings: readonly Finding<S, A>[];
  readonly witnesses: readonly { readonly name: string; readonly member?: number; readonly walk?: number; readonly trace: Trace<S, A> | undefined }[];
  readonly stats: SimulationStats;
  /** Steps taken per action family. */
  readonly fired: readonly { readonly name: string; readonly count: number }[];
  readonly rules?: readonly RuleCount[];
  readonly members: readonly MemberStats[];
  /** The chance that two of the distinct states seen share a fingerprint, so the count is one short. */
  readonly collisionProbability: number;
}
