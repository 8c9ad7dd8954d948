import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function splitbrain(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "checker/cli.ts", ...args], { encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What two runs of one check must agree on, read off --json. */
const pick = (run: { stdout: string }) => {
  const { verdict, property, stats, trace } = JSON.parse(run.stdout);
  return { verdict, property, distinct: stats.distinct, generated: stats.generated, depth: stats.depth, trace };
};

const tempFile = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "splitbrain-")), name);
  writeFileSync(path, text);
  return path;
};

describe("splitbrain check", () => {
  it("exits 1 with the shortest counterexample when an invariant fails", () => {
    const run = splitbrain("check", "--spec", "die-hard", "--quiet");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("VIOLATION: big ≠ 4");
    expect(run.stdout).toContain("Shortest counterexample (6 steps");
  });

  it("exits 3 and says incomplete when a limit stops the search", () => {
    const run = splitbrain("check", "--spec", "two-phase", "--config", "large", "--max-states", "500", "--json");
    expect(run.code).toBe(3);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ verdict: "incomplete", reason: "reached --max-states 500", exitCode: 3 });
  });

  it("prints a machine-readable summary with --json", () => {
    const run = splitbrain("check", "--spec", "two-phase", "--config", "tiny", "--json");
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.verdict).toBe("pass");
    expect(summary.stats.distinct).toBe(288);
    expect(summary.witnesses).toEqual([{ name: "all committed", reached: true, steps: 10 }]);
  });
});

describe("splitbrain check --no-symmetry", () => {
  it("stores every renaming apart: tiny has 9,455 symmetry classes of 18,909 states", () => {
    const count = (...flags: string[]) => JSON.parse(splitbrain("check", "--config", "tiny", "--json", ...flags).stdout).stats.distinct;
    expect([count(), count("--no-symmetry")]).toEqual([9_455, 18_909]);
  }, 30_000);
});

describe("splitbrain check --variant", () => {
  it("switches on a classic mistake and finds its counterexample", () => {
    const run = splitbrain("check", "--config", "tiny", "--variant", "vs-amnesia", "--quiet");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("VIOLATION: INV-1 at most one primary per view: S1 and S2 both believed they were primary of view 1");
  });
});

describe("splitbrain replay", () => {
  const catalogFile = "counterexamples/vs-amnesia.json";

  it("replays a trace file, showing each step, and says it reproduces", () => {
    const run = splitbrain("replay", catalogFile, "--check");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^7\. VS → S2 ViewReply\(view 1: primary S2, backup none\)$/m);
    expect(run.stdout).toContain("reproduces: INV-1 at most one primary per view is violated after 7 steps");
  });

  it("shows the whole state each step leads to with --full", () => {
    const run = splitbrain("replay", catalogFile, "--full");
    expect(run.code).toBe(0);
    const afterStep7 = run.stdout.split(/^7\. /m)[1]!;
    expect(afterStep7).toContain("S2.view: view 0 → view 1: primary S2, backup none");
    expect(afterStep7).toContain("S1.view = view 1: primary S1, backup none");
  });

  it("names the step that no longer applies, and --check exits 1", () => {
    const trace = JSON.parse(readFileSync(catalogFile, "utf8"));
    trace.steps[3] = "crash S9";
    const run = splitbrain("replay", tempFile("stale.json", JSON.stringify(trace)), "--check");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('does not reproduce: step 4 "crash S9" is not enabled after step 3');
  });

  it("says so when every step applies but the property holds", () => {
    const trace = JSON.parse(readFileSync(catalogFile, "utf8"));
    trace.steps = trace.steps.slice(0, 3);
    const run = splitbrain("replay", tempFile("short.json", JSON.stringify(trace)), "--check", "--quiet");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("does not reproduce: all 3 steps replay, but INV-1 at most one primary per view holds at the end");
  });
});

describe("splitbrain minimize", () => {
  it("writes a minimized trace file that replays, and reports the lengths", () => {
    const out = join(mkdtempSync(join(tmpdir(), "splitbrain-")), "min.json");
    const run = splitbrain("minimize", "counterexamples/vs-amnesia.json", "--out", out);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("7 steps → 7 steps, still violating INV-1 at most one primary per view");
    expect(splitbrain("replay", out, "--check", "--quiet").code).toBe(0);
  });
});

describe("splitbrain view and explore", () => {
  it("write a self-contained page: the trace and the bundled model inline, nothing fetched", () => {
    const dir = mkdtempSync(join(tmpdir(), "splitbrain-"));
    for (const [args, out] of [
      [["view", "counterexamples/vs-amnesia.json"], "view.html"],
      [["explore", "--config", "tiny", "--variant", "no-dedup"], "explore.html"],
    ] as const) {
      const path = join(dir, out);
      const run = splitbrain(...args, "--out", path);
      expect(run.code).toBe(0);
      const html = readFileSync(path, "utf8");
      expect(html).toContain('<script id="trace" type="application/json">');
      // Nothing to load, and a policy that forbids loading anything.
      expect(/<script[^>]+src=|<link\b|<img\b|<iframe\b/.test(html)).toBe(false);
      expect(html).toContain(`content="default-src 'none';`);
    }
    // explore searches the configuration first, to warn about a variant that can do no harm there.
  }, 60_000);
});

describe("bad input", () => {
  const expectBadInput = (run: ReturnType<typeof splitbrain>, message: RegExp) => {
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it("names an unknown flag", () => expectBadInput(splitbrain("check", "--frobnicate"), /Unknown option '--frobnicate'/));

  it("names a flag with a bad value", () =>
    expectBadInput(splitbrain("check", "--max-states", "lots"), /max-states: --max-states takes a number/));

  it("names an unknown spec", () => expectBadInput(splitbrain("check", "--spec", "paxos"), /--spec paxos: no such spec/));

  it("names a config that is neither a name nor a file", () =>
    expectBadInput(splitbrain("check", "--config", "huge"), /--config huge: neither a named configuration of primary-backup/));

  it("names a config file that is not JSON", () => {
    const file = tempFile("broken.json", "{ resourceManagers: ");
    expectBadInput(splitbrain("check", "--config", file), /broken\.json: not valid JSON/);
  });

  it("names the field of a config file that does not fit the schema", () => {
    const file = tempFile("wrong.json", JSON.stringify({ resourceManagers: 0, extra: true }));
    const run = splitbrain("check", "--spec", "two-phase", "--config", file);
    expectBadInput(run, /wrong\.json \(a two-phase configuration\): invalid input/);
    expect(run.stderr).toMatch(/resourceManagers: .*>=1/);
    expect(run.stderr).toMatch(/Unrecognized key: "extra"/);
  });

  it("names the operation in a protocol configuration that does not parse", () => {
    const file = tempFile("homework.json", JSON.stringify({ servers: 2, clients: [["Put x"]], maxView: 3, suspicion: "any", faults: {} }));
    const run = splitbrain("check", "--config", file);
    expectBadInput(run, /homework\.json \(a primary-backup configuration\): invalid input/);
    expect(run.stderr).toMatch(/clients\.0\.0: "Put x" is not an operation/);
    expect(run.stderr).toMatch(/faults\.crashes: Invalid input: expected number/);
  });

  it("names an unknown variant", () =>
    expectBadInput(splitbrain("check", "--variant", "no-such-bug"), /--variant no-such-bug: no such variant; known: no-backup-ack/));

  it("names the field of a trace file that does not fit the schema", () => {
    const run = splitbrain("replay", tempFile("bad-trace.json", JSON.stringify({ format: "splitbrain-trace/1", spec: "primary-backup", steps: [1] })));
    expectBadInput(run, /bad-trace\.json \(a trace file\): invalid input/);
    expect(run.stderr).toMatch(/steps\.0: Invalid input: expected string/);
    expect(run.stderr).toMatch(/property: Invalid input: expected string/);
  });

  it("names an unknown command", () => expectBadInput(splitbrain("verify"), /unknown command 'verify'/));
});

describe("splitbrain check --checkpoint / --resume / --max-memory", () => {
  const folder = mkdtempSync(join(tmpdir(), "splitbrain-"));

  it("a run stopped part-way and resumed ends with the counts and trace of one that never stopped", () => {
    const file = join(folder, "tiny.checkpoint");
    const first = splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--max-states", "1500", "--checkpoint", file);
    expect(first.code).toBe(3);
    expect(first.stderr).toContain(`checkpoint: ${file} (1,500 states`);
    const resumed = splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--resume", file, "--json");
    const whole = splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--json");
    expect(resumed.code).toBe(1);
    expect(pick(resumed)).toEqual(pick(whole));
  }, 60_000);

  it("refuses, with exit 2, a checkpoint made for another configuration or other variants, naming what differs", () => {
    const file = join(folder, "other.checkpoint");
    expect(splitbrain("check", "--config", "tiny", "--max-states", "500", "--checkpoint", file, "--quiet").code).toBe(3);
    const otherConfig = splitbrain("check", "--config", "small", "--resume", file);
    expect(otherConfig.code).toBe(2);
    expect(otherConfig.stderr).toContain(`--resume ${file}: made for another run, so it cannot be resumed here`);
    expect(otherConfig.stderr).toMatch(/^ {2}configuration: the checkpoint has /m);
    const otherVariants = splitbrain("check", "--config", "tiny", "--variant", "no-dedup", "--resume", file);
    expect(otherVariants.code).toBe(2);
    expect(otherVariants.stderr).toContain("  variants: the checkpoint has none; this run has no-dedup");
    expect(otherVariants.stderr).not.toContain("configuration:");
    const unreduced = splitbrain("check", "--config", "tiny", "--no-symmetry", "--resume", file);
    expect(unreduced.code).toBe(2);
    expect(unreduced.stderr).toContain("  symmetry: the checkpoint has on; this run has off (--no-symmetry)");
  }, 60_000);

  it("refuses a file that is not a checkpoint, with exit 2 and no stack trace", () => {
    const run = splitbrain("check", "--resume", tempFile("notes.txt", "hello"));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--resume .*notes\.txt: it is not a splitbrain checkpoint/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("stops cleanly, as incomplete, at --max-memory, leaving a checkpoint", () => {
    const file = join(folder, "memory.checkpoint");
    const run = splitbrain("check", "--spec", "two-phase", "--config", "large", "--max-memory", "1M", "--checkpoint", file, "--json");
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ verdict: "incomplete", reason: expect.stringMatching(/^reached --max-memory 1 MiB \(\d+ MiB in use\)$/) });
    expect(existsSync(file)).toBe(true);
  }, 30_000);

  it("rejects a --max-memory that is not a size", () => {
    const run = splitbrain("check", "--max-memory", "lots");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--max-memory takes a size such as 512M or 4G, not "lots"');
  });
});

describe("splitbrain check --workers", () => {
  it("reports the same counts and trace with 2 workers as with one", () => {
    const args = ["check", "--config", "tiny", "--variant", "promote-idle", "--json"];
    const two = splitbrain(...args, "--workers", "2");
    expect(two.code).toBe(1);
    expect(pick(two)).toEqual(pick(splitbrain(...args)));
  }, 60_000);

  it("refuses checkpoints with more than one worker, and a worker count that is not a number", () => {
    const withCheckpoint = splitbrain("check", "--workers", "2", "--checkpoint", "x.checkpoint");
    expect(withCheckpoint.code).toBe(2);
    expect(withCheckpoint.stderr).toContain("--checkpoint and --resume need --workers 1");
    const notANumber = splitbrain("check", "--workers", "many");
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain("--workers takes a number");
  });
});

describe("splitbrain check with several configurations", () => {
  it("checks each in turn and ends with the worst verdict", () => {
    const run = splitbrain("check", "--spec", "two-phase", "--config", "tiny,small", "--json");
    expect(run.code).toBe(0);
    const suite = JSON.parse(run.stdout);
    expect(suite.suite).toEqual(["tiny", "small"]);
    expect(suite.runs.map((r: { stats: { distinct: number } }) => r.stats.distinct)).toEqual([288, 8_832]);
    const failing = splitbrain("check", "--config", "tiny,pipelined", "--variant", "promote-idle", "--quiet");
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/Suite of 2 configurations: tiny VIOLATION \(INV-2 acknowledged writes survive, once each\), pipelined (PASS|VIOLATION)/);
  }, 60_000);

  it("refuses a list with --checkpoint", () => {
    const run = splitbrain("check", "--config", "tiny,small", "--checkpoint", "x.checkpoint");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("take one --config, not a list");
  });
});

describe("splitbrain check --trace-out and counterexamples NAME", () => {
  const folder = mkdtempSync(join(tmpdir(), "splitbrain-"));

  it("saves the counterexample as a trace file that replays to the violation", () => {
    const file = join(folder, "mine.json");
    const run = splitbrain("check", "--config", "tiny", "--variant", "vs-amnesia", "--trace-out", file, "--quiet");
    expect(run.code).toBe(1);
    const replay = splitbrain("replay", file, "--check");
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain("reproduces: INV-1 at most one primary per view is violated after 7 steps");
  }, 30_000);

  it("regenerates only the catalog entries named, the same as the committed ones", () => {
    const run = splitbrain("counterexamples", "vs-amnesia", folder);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(join(folder, "vs-amnesia.json"), "utf8")).toBe(readFileSync("counterexamples/vs-amnesia.json", "utf8"));
  }, 30_000);
});

describe("splitbrain check --invariant / --witness", () => {
  it("checks only the properties named", () => {
    const inv1 = splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--invariant", "INV-1 at most one primary per view", "--witness", "the backup took over as primary", "--json");
    const summary = JSON.parse(inv1.stdout);
    // promote-idle breaks INV-2, not INV-1.
    expect(summary.verdict).toBe("pass");
    expect(summary.witnesses.map((w: { name: string }) => w.name)).toEqual(["the backup took over as primary"]);
    const inv2 = splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--invariant", "INV-2 acknowledged writes survive, once each", "--quiet");
    expect(inv2.code).toBe(1);
  }, 30_000);

  it("names an unknown property and lists the known ones, with exit 2", () => {
    const run = splitbrain("check", "--invariant", "INV-9");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--invariant "INV-9": no such name; known: "INV-1 at most one primary per view"');
  });
});

describe("splitbrain lint", () => {
  it("passes the model, and names file and line of each problem in a student's folder, with exit 1", () => {
    expect(splitbrain("lint").code).toBe(0);
    const folder = mkdtempSync(join(tmpdir(), "splitbrain-lint-"));
    writeFileSync(join(folder, "rule.ts"), "// PB-99: made up\nexport const now = () => Date.now();\n");
    const run = splitbrain("lint", folder);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${join(folder, "rule.ts")}:1: PB-99 is not a rule of spec/protocol.md`);
    expect(run.stdout).toContain(`${join(folder, "rule.ts")}:2: uses Date`);
  }, 30_000);

  it("refuses a folder that is not there", () => {
    const run = splitbrain("lint", "no-such-folder");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("lint: not a folder: no-such-folder");
  });
});
