import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Every process a test starts has a timeout of its own, well inside the test's. */
const PROCESS_MS = 100_000;
const TEST_MS = 120_000;

function splitbrain(...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/splitbrain.js", ...args], { encoding: "utf8", timeout: PROCESS_MS });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const folder = () => mkdtempSync(join(tmpdir(), "splitbrain-simulate-"));

/** A summary without what the clock decides. */
const timeless = (json: string) => {
  const summary = JSON.parse(json);
  return { ...summary, stats: { ...summary.stats, elapsedMs: undefined }, newPerSecond: undefined };
};

describe("splitbrain simulate", () => {
  it(
    "refuses bad input with one paragraph and exit 2",
    () => {
      const cases: [string[], RegExp][] = [
        [["--depth", "-3"], /--depth must be positive/],
        [["--variant", "no-such-bug"], /--variant no-such-bug: no such variant/],
        [["--trace-out", "/nonexistent-dir/t.json"], /--trace-out \/nonexistent-dir\/t.json: \/nonexistent-dir is not a folder/],
        [["--trace-out", "/proc/t.json"], /--trace-out \/proc\/t.json: cannot write in \/proc/],
        [["--member", "2"], /--members and --member go with --swarm/],
        [["--swarm", "--members", "3", "--member", "3"], /--member must be below --members/],
        [["--seed", "x"], /--seed takes a number/],
        [["--config", "tiny,small"], /simulate takes one --config/],
        [["--invariant", "INV-9"], /--invariant "INV-9": no such name/],
      ];
      for (const [args, message] of cases) {
        const run = splitbrain("simulate", "--config", "tiny", "--walks", "5", ...args);
        expect(run.code, args.join(" ")).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(run.stdout).toBe("");
      }
    },
    TEST_MS,
  );

  it(
    "reports a violation replayed and minimized, and saves a trace that replay, minimize and view take",
    () => {
      const dir = folder();
      const trace = join(dir, "amnesia.json");
      const run = splitbrain("simulate", "--config", "tiny", "--variant", "vs-amnesia", "--invariant", "INV-1", "--seed", "1", "--walks", "500", "--trace-out", trace, "--quiet");
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^VIOLATION: INV-1 at most one primary per view: /);
      expect(run.stdout).toMatch(/Found by walk \d+ \(\d+ steps?\); delta debugging: \d+ → \d+ steps?, replayed through the model\. Not known to be shortest: found by a random walk/);
      expect(run.stdout).toContain("Seed 1. The same walks again: npx splitbrain simulate --config tiny --variant vs-amnesia --invariant INV-1 --seed 1 --depth 100 --walks ");
      const replay = splitbrain("replay", trace, "--check", "--quiet");
      expect(replay.code).toBe(0);
      expect(replay.stdout).toMatch(/reproduces: INV-1 at most one primary per view is violated after \d+ steps/);
      expect(splitbrain("minimize", trace, "--out", join(dir, "min.json")).code).toBe(0);
      const view = splitbrain("view", trace, "--out", join(dir, "amnesia.html"));
      expect(view.code).toBe(0);
      expect(existsSync(join(dir, "amnesia.html"))).toBe(true);
    },
    TEST_MS,
  );

  it(
    "never says PASS when it finds nothing: it says what it covered, and exits 0",
    () => {
      const run = splitbrain("simulate", "--config", "tiny", "--seed", "2", "--walks", "300", "--quiet");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("No violation found (ran --walks 300). This is not a pass");
      expect(run.stdout).not.toMatch(/PASS/);
      expect(run.stdout).toMatch(/Covered: 300 walks, [\d,]+ steps, [\d,]+ distinct states/);
      expect(run.stdout).toMatch(/New distinct states per second: /);
      expect(run.stdout).toMatch(/Rule branches never taken \(\d+ of \d+\)|Every rule branch was taken/);
      expect(run.stdout).toMatch(/reached {6}the backup took over as primary \(walk \d+/);
    },
    TEST_MS,
  );

  it(
    "gives the same swarm, verdict and counts with 1 and 2 workers, and its rerun command repeats it",
    () => {
      const args = ["simulate", "--config", "tiny", "--variant", "promote-idle", "--swarm", "--members", "4", "--seed", "9", "--walks", "3000", "--json"];
      const [one, two] = [splitbrain(...args, "--workers", "1"), splitbrain(...args, "--workers", "2")];
      expect(one.code).toBe(1);
      expect(timeless(two.stdout)).toEqual(timeless(one.stdout));
      const summary = JSON.parse(one.stdout);
      expect(summary.findings[0]).toMatchObject({ property: "INV-2 acknowledged writes survive, once each", inOriginalConfig: true });
      expect(summary.members).toHaveLength(4);
      // The command the summary prints runs the same walks: the same finding at the same walk.
      const rerun = (summary.rerun as string).replace(/^npx splitbrain /, "").split(" ");
      const again = JSON.parse(splitbrain(...rerun, "--json").stdout);
      expect(again.findings).toEqual(summary.findings);
      expect(again.stats.walks).toBe(summary.stats.walks);
    },
    TEST_MS,
  );

  it(
    "stops cleanly at Ctrl-C with the summary so far, and exit 3",
    async () => {
      const child = spawn(process.execPath, ["bin/splitbrain.js", "simulate", "--config", "small", "--seed", "3", "--time-limit", "60"], { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("progress:")) child.kill("SIGINT");
      });
      const killer = setTimeout(() => child.kill("SIGKILL"), PROCESS_MS);
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      clearTimeout(killer);
      expect(code).toBe(3);
      expect(stdout).toContain("INCOMPLETE: interrupted by a signal. No violation in the walks that ran; this is not a pass.");
      expect(stdout).toMatch(/Covered: [\d,]+ walks/);
    },
    TEST_MS,
  );
});
