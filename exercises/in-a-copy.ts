// For the exercises' tests: grade an exercise in a fresh copy of this
// repository, as it is (the starting point) or with its reference solution
// applied, so that neither the start nor the solution can rot unnoticed.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { inRepositoryCopy } from "../checker/cli/repository-copy.ts";

export interface Graded {
  readonly status: number | null;
  readonly output: string;
}

function apply(copy: string, patch: string): void {
  const run = spawnSync("git", ["apply", patch], { cwd: copy, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${patch} does not apply to the repository any more: ${run.stderr || run.error?.message}`);
}

/** Grade exercise `folder` in a copy: its start.patch applied if it has one, then the solution if asked. */
export function gradeInCopy(folder: string, withSolution: boolean): Graded {
  return inRepositoryCopy((copy) => {
    const start = join("exercises", folder, "start.patch");
    if (existsSync(join(copy, start))) apply(copy, start);
    if (withSolution) apply(copy, join("solutions", `${folder}.patch`));
    const run = spawnSync(process.execPath, ["--import", "tsx", "exercises/cli.ts", "grade", folder.slice(0, 2)], { cwd: copy, encoding: "utf8" });
    return { status: run.status, output: run.stdout + run.stderr };
  });
}
