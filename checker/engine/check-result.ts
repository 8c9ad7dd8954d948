// What a search is asked to do and what it answers: the options, the progress
// reports, and the result with its verdict, witnesses, statistics and
// coverage. Shared by the search (bfs.ts) and everything that reports on it.

import type { Checkpoint, CheckpointOptions } from "./checkpoint.ts";
import type { PathCost } from "./path-costs.ts";
import type { Trace } from "./trace.ts";

export interface CheckOptions {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimitMs?: number;
  readonly checkDeadlock?: boolean;
  readonly progressIntervalMs?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Polled between batches; a returned reason stops the search as incomplete. */
  readonly shouldStop?: () => string | undefined;
  /** Stop, as incomplete, before the process's memory passes this (or V8's heap is nearly full). */
  readonly maxMemoryBytes?: number;
  /** Save a checkpoint every so often, and when the search stops before it is done. */
  readonly checkpoint?: CheckpointOptions;
  /** Go on from a checkpoint of the same spec, instead of from the initial states. */
  readonly resume?: Checkpoint<unknown>;
  /** Use the spec's symmetries (default true); false explores every renaming apart, for differential tests. */
  readonly symmetry?: boolean;
  /**
   * Compare every new state with what the spec's codec gives back for it, not
   * only a sample (spec.ts, StateCodec.fingerprint): for a codec under suspicion.
   */
  readonly paranoid?: boolean;
}

export interface Progress {
  readonly depth: number;
  readonly generated: number;
  readonly distinct: number;
  readonly queued: number;
  readonly elapsedMs: number;
  /** The process's resident memory. */
  readonly memoryBytes: number;
}

export interface ActionCoverage {
  readonly name: string;
  fired: number;
  newStates: number;
}

export type Verdict<S, A> =
  | { readonly kind: "pass" }
  | {
      readonly kind: "violation";
      readonly property: string;
      readonly explanation: string;
      readonly trace: Trace<S, A>;
      /** With a spec's stepInfo: the faults and switches of this trace, the fewest among the shortest. */
      readonly cost?: PathCost;
    }
  | { readonly kind: "incomplete"; readonly reason: string };

export interface WitnessResult<S, A> {
  readonly name: string;
  readonly trace: Trace<S, A> | undefined;
}

export interface SearchStats extends Progress {
  readonly tableBytes: number;
  readonly bookkeepingBytes: number;
  /** The widest level: how many states waited in it, and, if they were encoded, the bytes they took. */
  readonly widestLevel: { readonly depth: number; readonly states: number; readonly frontierBytes?: number };
}

/** How often a rule branch was taken, over every step generated. */
export interface RuleCount {
  readonly name: string;
  taken: number;
}

export interface CheckResult<S, A> {
  readonly spec: string;
  /** With a spec's `rules` hook: every branch it names, in its order, then any others it reported. */
  readonly rules?: readonly RuleCount[];
  readonly verdict: Verdict<S, A>;
  readonly witnesses: readonly WitnessResult<S, A>[];
  readonly stats: SearchStats;
  readonly coverage: readonly ActionCoverage[];
  /** With the spec's symmetries in use: the most images one state had (at most one per symmetry). */
  readonly symmetry?: { readonly mostImages: number };
  readonly collisionProbability: number;
}
