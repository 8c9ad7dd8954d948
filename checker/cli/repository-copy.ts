// For tests that change the repository the way a student would (exercises,
// `splitbrain new`): a fresh copy of it in a temporary folder, sharing this
// one's node_modules, so the working tree is never touched.

import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const SKIP = new Set(["node_modules", ".git", "reports", ".stryker-tmp"]);

/** Run `use` in a copy of the repository, then delete the copy. */
export function inRepositoryCopy<T>(use: (copy: string) => T): T {
  const copy = mkdtempSync(join(tmpdir(), "splitbrain-copy-"));
  try {
    cpSync(ROOT, copy, { recursive: true, filter: (src) => !SKIP.has(relative(ROOT, src).split("/")[0]!) });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
    return use(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
