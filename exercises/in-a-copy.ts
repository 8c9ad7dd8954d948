// For the exercises' tests: grade an exercise in a fresh copy of this
// repository, as it is (the starting point) or with its reference solution
// applied, so that neither the start nor the solution can rot unnoticed.

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyPatch, inRepositoryCopy } from "../checker/cli/repository-copy.ts";

export interface Graded {
  readonly status: number | null;
  readonly output: string;
}

function apply(copy: string, patch: string): void {
  const problem = applyPatch(copy, patch);
  if (problem !== undefined) throw new Error(`the repository changed under an exercise: ${problem}`);
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

export interface ExerciseTests {
  readonly folder: string;
  readonly title: string;
  /** What the failing starting point's report is said to do, and what it must show (text, or a pattern). */
  readonly start: { readonly says: string; readonly shows: readonly (string | RegExp)[] };
  /** How many checks the grader has: the solution must pass them all. */
  readonly checks: number;
  readonly timeoutMs?: number;
}

/** The two tests every exercise has: its starting point fails with a useful report, its solution gets full marks. */
export function exerciseTests(t: ExerciseTests): void {
  const timeout = t.timeoutMs ?? 300_000;
  describe(t.title, () => {
    it(`fails its starting point, ${t.start.says}`, () => {
      const { status, output } = gradeInCopy(t.folder, false);
      expect(status, output).toBe(1);
      for (const shown of t.start.shows) {
        if (typeof shown === "string") expect(output).toContain(shown);
        else expect(output).toMatch(shown);
      }
    }, timeout);

    it("gives the reference solution full marks", () => {
      const { status, output } = gradeInCopy(t.folder, true);
      expect(status, output).toBe(0);
      expect(output).toContain(`Score: ${t.checks}/${t.checks}. Full marks.`);
    }, timeout);
  });
}
