// The command line's side of checkpoints: what a checkpoint must match to be
// resumed (spec, configuration, variants, engine), the run one was made for
// (so --resume FILE alone continues it), reading one the user names, saving
// one without losing the run when the disk says no, and sizes for
// --max-memory. Every refusal is a user error, exit 2.

import { unlinkSync } from "node:fs";
import { totalmem } from "node:os";
import type { CheckOptions } from "../engine/bfs.ts";
import type { Checkpoint } from "../engine/checkpoint.ts";
import { CHECKPOINT_FORMAT } from "../engine/checkpoint.ts";
import { readCheckpointFile, writeCheckpointFile } from "../engine/checkpoint-file.ts";
import { findSpec, parseConfig, type Resolved } from "./shared.ts";
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

/** The checkpoint in `path`, read once: what it was made for decides both which run it continues and whether this one may. */
export function readResume(path: string): Result<Checkpoint<unknown>> {
  const read = readCheckpointFile(path);
  return read.ok ? ok(read.checkpoint) : badInput(`--resume ${path}: ${read.why}`);
}

/** The checkpoint from `path`, if it was made for `identity`; else why not. */
export function matchResume<C extends { readonly identity: string }>(path: string, checkpoint: C, identity: string): Result<C> {
  if (checkpoint.identity === identity) return ok(checkpoint);
  let theirs: Partial<Identity> = {};
  try {
    theirs = JSON.parse(checkpoint.identity) as Partial<Identity>;
  } catch {
    return badInput(`--resume ${path}: it was made for something else (${checkpoint.identity})`);
  }
  const ours = JSON.parse(identity) as Identity;
  const differences = (Object.keys(ours) as (keyof Identity)[])
    .filter((key) => theirs[key] !== ours[key])
    .map((key) => `  ${key}: ${key === "configuration" ? configurationDifference(theirs[key], ours[key]) : `the checkpoint has ${theirs[key] ?? "none"}; this run has ${ours[key]}`}`);
  return badInput(
    `--resume ${path}: made for another run, so it cannot be resumed here (--resume ${path} alone continues the checkpoint's own run)\n${differences.join("\n")}`,
  );
}

/** Only the fields that differ, each with both values: "maxView 3 in the checkpoint, 4 here". */
function configurationDifference(theirs: string | undefined, ours: string): string {
  const parse = (text: string | undefined): Record<string, unknown> => {
    try {
      return JSON.parse(text ?? "{}") as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const [a, b] = [parse(theirs), parse(ours)];
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key]));
  const show = (value: unknown) => (value === undefined ? "none" : JSON.stringify(value));
  return fields.map((key) => `${key} ${show(a[key])} in the checkpoint, ${show(b[key])} here`).join("; ");
}

/** The name of the configuration a checkpoint was made for, if it is a named one. */
function configNameOf(configs: Readonly<Record<string, unknown>>, configuration: string): string | undefined {
  return Object.keys(configs).find((name) => {
    const { variants: _variants, description: _description, ...rest } = configs[name] as { variants?: unknown; description?: unknown };
    return canonicalJson(rest) === configuration;
  });
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

/** --resume FILE with no --spec, --config or --variant: the run the checkpoint was made for, read back from its identity. */
export function resolveFromCheckpoint(path: string, checkpoint: { readonly identity: string }): Result<Resolved & { readonly symmetry: boolean }> {
  let identity: Identity;
  let configuration: Record<string, unknown>;
  try {
    identity = JSON.parse(checkpoint.identity) as Identity;
    configuration = JSON.parse(identity.configuration) as Record<string, unknown>;
  } catch {
    return badInput(`--resume ${path}: it does not say which run it was made for; name it with --spec, --config and --variant`);
  }
  const entry = findSpec(identity.spec);
  if (!entry.ok) return badInput(`--resume ${path}: made for spec ${identity.spec}, which this splitbrain does not have`);
  const variants = identity.variants === "none" ? [] : identity.variants.split(", ");
  const config = parseConfig(entry.value, { ...configuration, ...(variants.length > 0 && { variants }) }, `the configuration in ${path}`);
  if (!config.ok) return config;
  const name = configNameOf(entry.value.configs, identity.configuration) ?? `the one saved in ${path}`;
  return ok({ entry: entry.value, configName: [name, ...variants].join(" + "), config: config.value, symmetry: identity.symmetry === "on" });
}

/**
 * --checkpoint, or a resumed run going on saving to the file it came from. A
 * save that fails (the disk is full, the folder is gone) does not end the
 * process: the search stops at its next check, as incomplete, with its summary.
 */
export function checkpointSaver(file: string, identity: string, everySeconds: number, say: (line: string) => void) {
  let saved: string | undefined;
  let failed: string | undefined;
  const sink: NonNullable<CheckOptions["checkpoint"]> = {
    identity,
    everyMs: everySeconds * 1000,
    save: (snapshot) => {
      if (failed !== undefined) return;
      try {
        writeCheckpointFile(file, snapshot);
      } catch (error) {
        failed = `the checkpoint could not be saved to ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
        removeHalfWritten(`${file}.partial`);
        return;
      }
      saved = `${snapshot.table.count.toLocaleString("en-US")} states, level ${snapshot.depth}`;
      say(`checkpoint: ${file} (${saved}); go on with --resume ${file}`);
    },
  };
  return {
    sink,
    failure: () => failed,
    lastSaved: () => `${failed}. ` + (saved === undefined ? "No checkpoint of this run was saved." : `The last one saved (${saved}) is in ${file}; go on with --resume ${file}`),
  };
}

/** A save cut short leaves its temporary file; the checkpoint itself is untouched (see checkpoint-file.ts). */
function removeHalfWritten(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Not there, or not a file we made: leave it.
  }
}
