// A checkpoint: everything a search needs to go on later exactly as if it had
// never stopped. It is taken between two states (never in the middle of one
// state's bookkeeping): the visited table, parents and action indices, path
// costs, coverage, witnesses found, and the two frontiers: what is left of
// the level being expanded (its first state resumes at `firstAction`) and the
// level being built. Plain data and typed arrays, so v8.serialize stores it
// (checkpoint-file.ts).

import type { ActionCoverage, RuleCount, SearchStats } from "./check-result.ts";
import type { SavedTable } from "./fingerprint-table.ts";
import type { SavedFrontier } from "./frontier.ts";
import type { SavedCosts } from "./path-costs.ts";

/** Bumped whenever the layout below, or what the engine does with it, changes. */
export const CHECKPOINT_FORMAT = 2;

export interface Checkpoint<S> {
  readonly format: number;
  /** The spec's name and the caller's description of what was checked (configuration, variants, version). */
  readonly spec: string;
  readonly identity: string;
  readonly depth: number;
  readonly generated: number;
  readonly elapsedMs: number;
  readonly widestLevel: SearchStats["widestLevel"];
  readonly table: SavedTable;
  readonly parents: Int32Array;
  readonly actionIndices: Uint16Array;
  readonly costs: SavedCosts | undefined;
  readonly coverage: readonly ActionCoverage[];
  readonly rules: readonly RuleCount[] | undefined;
  readonly witnesses: readonly { readonly name: string; readonly id: number; readonly state: S }[];
  readonly level: SavedFrontier<S>;
  readonly firstAction: number;
  readonly nextLevel: SavedFrontier<S>;
}

/** What a search with checkpoints needs: what it checks, how often to save, and where to. */
export interface CheckpointOptions {
  readonly identity: string;
  readonly everyMs: number;
  readonly save: (checkpoint: Checkpoint<unknown>) => void;
}
