// Copies of the repository, and patches applied to them: the exercises'
// student copy and starting points, and tests that change the repository
// the way a student would (exercises, `splitbrain new`), which work in a
// fresh copy so the working tree is never touched.

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
/** What is built or installed, never copied. */
const BUILT = new Set(["node_modules", ".git", "reports", ".stryker-tmp", "dist"]);

/** Copy the repository to `target`, but for what is built or installed and what `leaveOut` names (by path from the root). */
export function copyRepository(target: string, leaveOut: (path: string) => boolean = () => false): void {
  cpSync(ROOT, target, {
    recursive: true,
    filter: (src) => {
      const path = relative(ROOT, src);
      return !BUILT.has(path.split("/")[0]!) && !leaveOut(path);
    },
  });
}

/** Apply a patch (a path inside `root`) with git apply; a message saying why not, or undefined. */
export function applyPatch(root: string, patch: string): string | undefined {
  const run = spawnSync("git", ["apply", patch], { cwd: root, encoding: "utf8" });
  if (run.error !== undefined) return `git is needed to apply ${patch}: ${run.error.message}`;
  return run.status === 0 ? undefined : `${patch} does not apply: ${run.stderr.trim()}`;
}

/** Run `use` in a copy of the repository that shares this one's node_modules, then delete the copy. */
export function inRepositoryCopy<T>(use: (copy: string) => T): T {
  const copy = mkdtempSync(join(tmpdir(), "splitbrain-copy-"));
  try {
    copyRepository(copy);
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
    return use(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
