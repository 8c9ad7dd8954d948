// Checkpoints of a search split over partitions. At a level barrier each
// partition hands over its slice (partition.ts), written to a file of its
// own; the coordinator writes the manifest last, through a temporary file and
// a rename. A kill at any moment therefore leaves the previous manifest, which
// names its own generation of slices, or the new one with all of its slices
// written: never a manifest with half its slices. Slices of an older
// generation are removed only once a newer manifest is in place.
//
// The slices sit beside the manifest, on the coordinator's disk: a machine
// that is lost takes nothing with it that a resume needs.

import { closeSync, openSync, readSync, unlinkSync } from "node:fs";
import { readAtomicFile, writeAtomically } from "../checkpoint-file.ts";
import type { SearchStats } from "../check-result.ts";
import type { Candidate, PartitionSlice } from "./partition.ts";

/** Bumped whenever the layout below, or what the engine does with it, changes. */
export const PARTITIONED_FORMAT = 1;

const MANIFEST_MAGIC = "splitbrain-partitioned-checkpoint\n";
const SLICE_MAGIC = "splitbrain-partition-slice\n";

/** A name's count in the coverage, and the key (level, rank, action) of its first firing; level -1 if never. */
export interface SavedCount {
  readonly name: string;
  readonly count: number;
  readonly newStates: number;
  readonly first: readonly [number, number, number];
}

/** What the coordinator knows between two levels: with the slices, all a resume needs. */
export interface Manifest {
  readonly format: number;
  readonly spec: string;
  /** What was checked (the caller's description: configuration, variants, engine). */
  readonly identity: string;
  readonly partitions: number;
  readonly generation: number;
  readonly depth: number;
  readonly generated: number;
  readonly distinct: number;
  readonly queued: number;
  readonly elapsedMs: number;
  readonly widestLevel: SearchStats["widestLevel"];
  readonly fired: readonly SavedCount[];
  readonly rules: readonly SavedCount[] | undefined;
  readonly witnesses: readonly (readonly [string, Candidate])[];
}

/** What a partitioned search with checkpoints needs: where, how often, and what it checks. */
export interface PartitionedCheckpointOptions {
  readonly file: string;
  readonly identity: string;
  readonly everyMs: number;
  readonly say?: (line: string) => void;
}

export const slicePath = (file: string, generation: number, index: number) => `${file}.g${generation}.part${index}`;

export function writeSlice(file: string, generation: number, slice: PartitionSlice<unknown>): void {
  writeAtomically(slicePath(file, generation, slice.index), SLICE_MAGIC, slice);
}

/** Written last: from now on a resume starts from this generation; the one before is removed. */
export function writeManifest(file: string, manifest: Manifest): void {
  writeAtomically(file, MANIFEST_MAGIC, manifest);
  for (let index = 0; index < manifest.partitions; index++) removeIfThere(slicePath(file, manifest.generation - 1, index));
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Never written (the first generation), or already gone.
  }
}

type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: string };

/** Is this file a partitioned checkpoint's manifest (rather than a one-worker checkpoint or something else)? */
export function isManifestFile(path: string): boolean {
  try {
    const fd = openSync(path, "r");
    try {
      const head = Buffer.alloc(MANIFEST_MAGIC.length);
      readSync(fd, head, 0, head.length, 0);
      return head.toString("latin1") === MANIFEST_MAGIC;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The manifest in `file`, or why not ("it is ...", as for a one-worker checkpoint). */
export function readManifest(file: string): Read<Manifest> {
  const read = readAtomicFile(file, MANIFEST_MAGIC, "a partitioned checkpoint");
  if (!read.ok) return read;
  const m = read.value as Manifest | null;
  if (m === null || typeof m !== "object" || m.format !== PARTITIONED_FORMAT) {
    return { ok: false, why: `it was made by another engine version (format ${(m as Partial<Manifest> | null)?.format}, this engine reads ${PARTITIONED_FORMAT})` };
  }
  const complete = typeof m.identity === "string" && Number.isInteger(m.partitions) && m.partitions > 0 && Number.isInteger(m.generation) && Array.isArray(m.fired) && Array.isArray(m.witnesses);
  return complete ? { ok: true, value: m } : { ok: false, why: "it is damaged (parts missing)" };
}

/** Slice `index` of the manifest's generation, checked against the manifest. */
export function readSlice(file: string, manifest: Manifest, index: number): Read<PartitionSlice<unknown>> {
  const path = slicePath(file, manifest.generation, index);
  const read = readAtomicFile(path, SLICE_MAGIC, "a partition's slice of a checkpoint");
  if (!read.ok) return { ok: false, why: `${path}: ${read.why}` };
  const s = read.value as PartitionSlice<unknown>;
  const fits =
    s.index === index &&
    s.partitions === manifest.partitions &&
    s.parents instanceof Int32Array &&
    s.actionIndices instanceof Uint16Array &&
    s.parents.length === s.table.count &&
    s.actionIndices.length === s.table.count &&
    s.frontier.length === s.frontierIds.length;
  return fits ? { ok: true, value: s } : { ok: false, why: `${path}: it is damaged or belongs to another checkpoint` };
}
