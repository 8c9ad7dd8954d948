import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const run = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "exercises/cli.ts", ...args], { cwd: join(import.meta.dirname, ".."), encoding: "utf8" });
const scratch = mkdtempSync(join(tmpdir(), "splitbrain-exercise-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("the exercises' command line", () => {
  it("refuses an exercise that does not exist, with exit 2 and the list of exercises", () => {
    const r = run("grade", "9");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("there is no exercise 9");
    expect(r.stderr).toContain("01-lecture-questions");
    expect(run("grade", "one").stderr).toContain('expected an exercise number, got "one"');
    expect(run("frobnicate").status).toBe(2);
  }, 60_000);

  it("says that an exercise without a start.patch starts from the repository as it is", () => {
    const r = run("start", "2");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("starts from the repository as it is");
  }, 60_000);

  it("writes a student copy without the solutions, and can start exercise 6 in it", () => {
    const copy = join(scratch, "problem-set");
    const r = run("student-copy", copy, "--start", "6");
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(copy, "solutions"))).toBe(false);
    expect(existsSync(join(copy, "node_modules"))).toBe(false);
    expect(existsSync(join(copy, "exercises/06-fix-a-rule/start.patch"))).toBe(false);
    expect(existsSync(join(copy, "exercises/06-fix-a-rule/grade.ts"))).toBe(true);
    expect(existsSync(join(copy, "exercises/06-fix-a-rule/grade.test.ts"))).toBe(false);
    expect(readFileSync(join(copy, "model/server.ts"), "utf8")).toContain("seen.seq === seq");
    expect(run("student-copy", copy).stderr).toContain("exists and is not empty");
    expect(readFileSync(join(copy, "exercises/README.md"), "utf8")).not.toContain("solutions/");
  }, 60_000);

  it("commits exercise 6's starting point, so that git diff never shows the broken rule", () => {
    const copy = join(scratch, "started");
    expect(run("student-copy", copy).status).toBe(0);
    symlinkSync(join(import.meta.dirname, "..", "node_modules"), join(copy, "node_modules"));
    const git = (...args: string[]) => spawnSync("git", args, { cwd: copy, encoding: "utf8" });
    git("init", "--quiet");
    git("add", "-A");
    git("-c", "user.name=TA", "-c", "user.email=ta@example.org", "commit", "--quiet", "-m", "Problem set");
    const start = spawnSync(process.execPath, ["--import", "tsx", "exercises/cli.ts", "start", "6"], {
      cwd: copy,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "student", GIT_AUTHOR_EMAIL: "s@example.org", GIT_COMMITTER_NAME: "student", GIT_COMMITTER_EMAIL: "s@example.org" },
    });
    expect(start.status, start.stderr).toBe(0);
    expect(start.stdout).toContain("so git diff shows only your changes");
    expect(git("diff", "HEAD").stdout).toBe("");
    expect(git("log", "--format=%s", "-1").stdout.trim()).toBe("Exercise 6: the starting point");
  }, 60_000);
});
