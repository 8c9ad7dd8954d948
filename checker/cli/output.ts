// Files the command line writes (pages, trace files, the catalog). A path
// that cannot be written is the user's input gone wrong: a message naming
// the path and why, and exit 2, never a stack trace.

import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
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

/** Before a long run: the folder a file is to be written in exists. */
export function folderExistsFor(path: string, flag: string): Result<void> {
  const folder = dirname(path);
  return existsSync(folder) && statSync(folder).isDirectory() ? ok(undefined) : badInput(`${flag} ${path}: ${folder} is not a folder`);
}

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
