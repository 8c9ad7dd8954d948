// Checkpoints on disk. A checkpoint is written to a temporary file next to
// the target, flushed, then renamed over it: a rename is atomic, so a kill at
// any moment leaves either the previous checkpoint or the new one, never half
// of one. Reading checks what it can before a search trusts the contents.

import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { deserialize, serialize } from "node:v8";
import { CHECKPOINT_FORMAT, type Checkpoint } from "./checkpoint.ts";

/** Marks the start of a checkpoint file, so another file given by mistake is named as such. */
const MAGIC = "splitbrain-checkpoint\n";

export function writeCheckpointFile(path: string, checkpoint: Checkpoint<unknown>, beforeRename: () => void = () => {}): void {
  writeAtomically(path, MAGIC, checkpoint, beforeRename);
}

/** `magic`, then `value` serialized, into `path.partial`, flushed, then renamed over `path`. */
export function writeAtomically(path: string, magic: string, value: unknown, beforeRename: () => void = () => {}): void {
  const temporary = `${path}.partial`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, magic);
    writeSync(fd, serialize(value));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  beforeRename();
  renameSync(temporary, path);
}

export type ReadCheckpoint = { readonly ok: true; readonly checkpoint: Checkpoint<unknown> } | { readonly ok: false; readonly why: string };

/** A file written by writeAtomically with `magic`: its value, or why it cannot be read ("it is not `what`", "it is damaged"). */
export function readAtomicFile(path: string, magic: string, what: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly why: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, why: `cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (bytes.subarray(0, magic.length).toString("latin1") !== magic) return { ok: false, why: `it is not ${what}` };
  try {
    return { ok: true, value: deserialize(bytes.subarray(magic.length)) };
  } catch {
    return { ok: false, why: "it is damaged (cut short or overwritten)" };
  }
}

export function readCheckpointFile(path: string): ReadCheckpoint {
  const read = readAtomicFile(path, MAGIC, "a splitbrain checkpoint");
  if (!read.ok) return read;
  const checkpoint = read.value as Partial<Checkpoint<unknown>> | null;
  if (checkpoint === null || typeof checkpoint !== "object" || typeof checkpoint.format !== "number") return { ok: false, why: "it is damaged (no format)" };
  if (checkpoint.format !== CHECKPOINT_FORMAT) {
    return { ok: false, why: `it was made by another engine version (checkpoint format ${checkpoint.format}, this engine reads ${CHECKPOINT_FORMAT})` };
  }
  const complete =
    typeof checkpoint.identity === "string" &&
    typeof checkpoint.spec === "string" &&
    checkpoint.table?.slots instanceof Uint32Array &&
    checkpoint.parents instanceof Int32Array &&
    checkpoint.actionIndices instanceof Uint16Array &&
    checkpoint.parents.length === checkpoint.table.count &&
    checkpoint.actionIndices.length === checkpoint.table.count &&
    checkpoint.level !== undefined &&
    checkpoint.nextLevel !== undefined;
  return complete ? { ok: true, checkpoint: checkpoint as Checkpoint<unknown> } : { ok: false, why: "it is damaged (parts missing or of the wrong size)" };
}
