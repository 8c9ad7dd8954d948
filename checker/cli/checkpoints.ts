// The command line's side of checkpoints: what a checkpoint must match to be
// resumed (spec, configuration, variants, engine), reading one the user names,
// and sizes for --max-memory. Every refusal is a user error, exit 2.

import { totalmem } from "node:os";
import type { Checkpoint } from "../engine/checkpoint.ts";
import { CHECKPOINT_FORMAT } from "../engine/checkpoint.ts";
import { readCheckpointFile } from "../engine/checkpoint-file.ts";
import { canonicalJson } from "../engine/naive-bfs.ts";
import { badInput, ok, type Result } from "./user-error.ts";

/** What a checkpoint was made for; it is resumed only for the very same. */
interface Identity {
  readonly spec: string;
  readonly configuration: string;
  readonly variants: string;
  /** States stored by symmetry class or one by one: the table means something else. */
  readonly symmetry: string;
  readonly engine: string;
}

const ENGINE = `splitbrain engine, checkpoint format ${CHECKPOINT_FORMAT}`;

export function checkpointIdentity(specName: string, config: unknown, symmetry = true): string {
  const { variants = [], description: _description, ...rest } = config as { variants?: string[]; description?: string };
  const identity: Identity = {
    spec: specName,
    configuration: canonicalJson(rest),
    variants: [...variants].sort().join(", ") || "none",
    symmetry: symmetry ? "on" : "off (--no-symmetry)",
    engine: ENGINE,
  };
  return JSON.stringify(identity);
}

/** The checkpoint in `path`, if it was made for `identity`; else why not. */
export function loadResume(path: string, identity: string): Result<Checkpoint<unknown>> {
  const read = readCheckpointFile(path);
  if (!read.ok) return badInput(`--resume ${path}: ${read.why}`);
  if (read.checkpoint.identity === identity) return ok(read.checkpoint);
  let theirs: Partial<Identity> = {};
  try {
    theirs = JSON.parse(read.checkpoint.identity) as Partial<Identity>;
  } catch {
    return badInput(`--resume ${path}: it was made for something else (${read.checkpoint.identity})`);
  }
  const ours = JSON.parse(identity) as Identity;
  const differences = (Object.keys(ours) as (keyof Identity)[])
    .filter((key) => theirs[key] !== ours[key])
    .map((key) => `  ${key}: the checkpoint has ${theirs[key] ?? "none"}; this run has ${ours[key]}`);
  return badInput(`--resume ${path}: made for another run, so it cannot be resumed here\n${differences.join("\n")}`);
}

const UNITS: Record<string, number> = { "": 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 };

/** "512M", "4G", "1.5g", "800000000": bytes, or undefined if it is not a size. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (match === null) return undefined;
  const bytes = Number(match[1]) * UNITS[match[2]!.toLowerCase()]!;
  return bytes > 0 ? bytes : undefined;
}

/** Without --max-memory: half the machine's memory, since the machines are shared. */
export const defaultMaxMemory = () => Math.floor(totalmem() / 2);
