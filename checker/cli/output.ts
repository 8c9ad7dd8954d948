// Files the command line writes (pages, trace files, the catalog). A path
// that cannot be written is the user's input gone wrong: a message naming
// the path and why, and exit 2, never a stack trace.

import { closeSync, existsSync, mkdirSync, openSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { badInput, ok, type Result } from "./user-error.ts";

const reason = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: "its folder does not exist",
    ENOTDIR: "a part of the path is a file, not a folder",
    EACCES: "permission denied",
    EISDIR: "it is a folder",
    EROFS: "the file system is read-only",
  };
  return (code !== undefined && words[code]) || (error as Error).message;
};

/** Before a long run: a file can be written at `path` (its folder exists and takes files, and the path is not a folder). */
export function writableFor(path: string, flag: string): Result<void> {
  const folder = dirname(path);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return badInput(`${flag} ${path}: ${folder} is not a folder`);
  if (existsSync(path) && statSync(path).isDirectory()) return badInput(`${flag} ${path}: it is a folder`);
  // Asking (access W_OK) is not enough: as root it says yes to /sys and /proc. Try it.
  const probe = join(folder, `.splitbrain-write-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, "wx"));
    unlinkSync(probe);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "it takes no new files" : reason(error);
    return badInput(`${flag} ${path}: cannot write in ${folder}: ${why}`);
  }
  return ok(undefined);
}

/**
 * Where a command puts what it made from an input file when no --out is given:
 * the working folder, named after the input ("no-dedup.json" to "no-dedup.html").
 * Never beside the input: that would write into counterexamples/, whose every
 * file the catalog's tests account for.
 */
export const defaultOutput = (input: string, suffix: string): string => basename(input).replace(/(\.json)?$/, suffix);

export function writeOutput(path: string, text: string, what: string): Result<void> {
  try {
    writeFileSync(path, text);
    return ok(undefined);
  } catch (error) {
    return badInput(`${path}: cannot write the ${what} there: ${reason(error)}`);
  }
}

/**
 * Make a folder and the missing ones above it, one level at a time: Node's
 * recursive mkdir never returns for some paths (under /proc, for one).
 */
export function ensureFolder(dir: string): Result<void> {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) return badInput(`${dir}: cannot make this folder: ${at} is a file`);
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      return badInput(`${dir}: cannot make this folder: ${(error as Error).message}`);
    }
  }
  return ok(undefined);
}
