// Every way the command line can be misused that a new user ran into
// (issue #13), each pinned: its message, its exit code, and no stack trace.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const splitbrain = (...args: string[]) => {
  const run = spawnSync(process.execPath, ["bin/splitbrain.js", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
const scratch = mkdtempSync(join(tmpdir(), "splitbrain-failures-"));
const catalogTrace = () => JSON.parse(readFileSync("counterexamples/vs-amnesia.json", "utf8")) as Record<string, unknown> & { steps: string[] };
const traceFile = (name: string, trace: unknown) => {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(trace));
  return path;
};

describe("the command line, misused", () => {
  it.each(["check", "simulate", "replay", "minimize", "view", "explore", "export", "counterexamples", "list", "config", "graph", "lint", "new"])("%s --help prints that command's usage and exits 0", (command) => {
    const run = splitbrain(command, "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: splitbrain ${command}`));
    expect(run.stdout).toContain("exit codes:");
  }, 60_000);

  it.each([
    [["view", "counterexamples/vs-amnesia.json", "--out", "/nonexistent/dir/x.html"], "/nonexistent/dir/x.html: cannot write the page there: its folder does not exist"],
    [["explore", "--config", "tiny", "--out", "/nonexistent/x.html"], "/nonexistent/x.html: cannot write the page there: its folder does not exist"],
    [["minimize", "counterexamples/vs-amnesia.json", "--out", "README.md/x.json"], "README.md/x.json: cannot write the minimized trace there: a part of the path is a file, not a folder"],
    [["counterexamples", "vs-amnesia", "README.md/sub"], "README.md/sub: cannot make this folder:"],
    [["counterexamples", "vs-amnesia", "/proc/nope"], "/proc/nope: cannot make this folder:"],
    [["check", "--config", "tiny", "--trace-out", "/nonexistent/x.json"], "--trace-out /nonexistent/x.json: /nonexistent is not a folder"],
    [["check", "--config", "tiny", "--max-states", "-5"], "--max-states must be positive"],
    [["check", "--config", "tiny", "--trace-out", "/proc/x.json"], "--trace-out /proc/x.json: cannot write in /proc: it takes no new files"],
    [["check", "--config", "tiny", "--checkpoint", "/proc/x.ck"], "--checkpoint /proc/x.ck: cannot write in /proc: it takes no new files"],
  ])("%j exits 2 with a message, and writes nothing", (args, message) => {
    const run = splitbrain(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("a binary file given as a trace or a configuration is named as such, and none of its bytes reach the terminal", () => {
    const path = join(scratch, "binary.json");
    writeFileSync(path, Buffer.from([0x7b, 0x01, 0x02, 0xff, 0xfe, 0x1b, 0x5b, 0x32, 0x4a]));
    for (const args of [["replay", path], ["view", path], ["check", "--config", path]]) {
      const run = splitbrain(...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${path}: not a `);
      expect(run.stderr).toContain("it holds binary bytes, not JSON text");
      expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000e-\u001f\ufffd]/);
    }
  }, 60_000);

  it("replay of a trace whose steps no longer apply exits 1, with or without --check, and says why on stderr", () => {
    const trace = catalogTrace();
    trace.steps[3] = "crash S9";
    const path = traceFile("stale.json", trace);
    for (const flags of [[], ["--check"]]) {
      const run = splitbrain("replay", path, ...flags);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('does not reproduce: step 4 "crash S9" is not enabled after step 3');
    }
  }, 60_000);

  it("view of such a trace exits 1 and writes no page, instead of showing the first steps", () => {
    const trace = catalogTrace();
    trace.steps[3] = "crash S9";
    const out = join(scratch, "stale.html");
    const run = splitbrain("view", traceFile("stale-view.json", trace), "--out", out);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('step 4 "crash S9" is not enabled after step 3; no page written');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it("a trace naming an unknown spec is refused in the trace's terms, not a flag's", () => {
    const run = splitbrain("replay", traceFile("paxos.json", { ...catalogTrace(), spec: "paxos" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('its spec "paxos" is not one this checker knows');
    expect(run.stderr).not.toContain("--spec");
  }, 60_000);

  it("a trace whose configName does not match its embedded configuration is refused", () => {
    const trace = catalogTrace();
    const run = splitbrain("replay", traceFile("renamed.json", { ...trace, configName: "small + vs-amnesia" }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('its configuration is not "small + vs-amnesia", as its configName says');
    expect(splitbrain("replay", traceFile("same.json", trace), "--quiet").code).toBe(0);
  }, 60_000);
});

describe("explore with a variant", () => {
  it("warns when the variant breaks nothing in the configuration, and names the configuration that shows it", () => {
    const run = splitbrain("explore", "--config", "tiny", "--variant", "no-dedup", "--out", join(scratch, "explore.html"));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: in tiny, no-dedup breaks no invariant (searched all 9,455 states): the page cannot lead to the bug. Try --config small for no-dedup.");
  }, 60_000);
});
