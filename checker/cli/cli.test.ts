import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function splitbrain(...args: string[]) {
  const run = spawnSync(process.execPath, ["bin/splitbrain.js", ...args], { encoding: "utf8" });
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

describe("what splitbrain check prints", () => {
  const lines = (run: { stdout: string }) => run.stdout.trimEnd().split("\n");

  it("a pass: a summary of a few lines ending with the verdict, the warnings for branches never taken, the tables only with --coverage", () => {
    const run = splitbrain("check", "--config", "tiny", "--quiet");
    expect(run.code).toBe(0);
    expect(lines(run).at(-1)).toMatch(/^PASS: every invariant holds in every reachable state of this configuration/);
    expect(run.stdout).toContain("Coverage: 8 of 8 actions fired; 29 of 33 rule branches taken (--coverage for the tables).");
    expect(run.stdout).toContain("warning: rule branch never taken in this configuration, so not checked here: PB-1 a reply older than the known view is ignored");
    expect(run.stdout).not.toContain("Rules (branch: times taken)");
    expect(lines(run).length).toBeLessThan(12);
    const tables = splitbrain("check", "--config", "tiny", "--quiet", "--coverage");
    expect(tables.stdout).toContain("Rules (branch: times taken):\n");
    expect(tables.stdout).toMatch(/\n {2}Deliver: [\d,]+ \/ [\d,]+\n/);
  }, 60_000);

  it("a search that stopped: no warning for what it had not reached yet, and the verdict last", () => {
    const violation = splitbrain("check", "--config", "tiny", "--variant", "vs-amnesia", "--quiet");
    expect(violation.stdout).not.toContain("warning:");
    expect(lines(violation).at(-1)).toBe("VIOLATION: INV-1 at most one primary per view, in 7 steps (the trace above).");
    const stopped = splitbrain("check", "--config", "tiny", "--max-states", "300", "--quiet");
    expect(stopped.stdout).not.toContain("warning:");
    expect(stopped.stdout).toContain("Coverage so far:");
    expect(lines(stopped).at(-1)).toMatch(/^INCOMPLETE: reached --max-states 300\./);
  }, 60_000);
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

describe("a deadlock (check --deadlock), followed up like any violation", () => {
  it("is saved, replays, minimizes and says which bounds of the configuration stop the run", () => {
    const folder = mkdtempSync(join(tmpdir(), "splitbrain-"));
    const file = join(folder, "deadlock.json");
    const found = splitbrain("check", "--config", "tiny", "--deadlock", "--quiet", "--trace-out", file);
    expect(found.code).toBe(1);
    expect(found.stdout).toContain("VIOLATION: deadlock: no action is enabled and the state is not final, and bounds of the configuration are reached: 1 exchange in flight, the most maxInFlight allows");
    const replayed = splitbrain("replay", file, "--quiet");
    expect(replayed.code, replayed.stderr).toBe(0);
    expect(replayed.stdout).toMatch(/reproduces: it deadlocks after \d+ steps: no action is enabled/);
    const shorter = join(folder, "shorter.json");
    const minimized = splitbrain("minimize", file, "--out", shorter);
    expect(minimized.code, minimized.stderr).toBe(0);
    expect(splitbrain("replay", shorter, "--quiet").code).toBe(0);
    // One step fewer, and the run is no longer stuck: replay says so, exit 1.
    const cut = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(shorter, JSON.stringify({ ...cut, steps: cut.steps.slice(0, -1) }));
    const notStuck = splitbrain("replay", shorter, "--quiet");
    expect(notStuck.code).toBe(1);
    expect(notStuck.stderr).toContain("but a step is enabled at the end");
  }, 60_000);
});

describe("splitbrain graph", () => {
  it("writes the reachable state graph of a small configuration as DOT or JSON, and refuses one too large to draw", () => {
    const folder = mkdtempSync(join(tmpdir(), "splitbrain-"));
    const dot = splitbrain("graph", "--spec", "die-hard", "--out", join(folder, "jugs.dot"));
    expect([dot.code, dot.stdout]).toEqual([0, `wrote ${join(folder, "jugs.dot")}: 16 states, 96 steps, 2 breaking an invariant (red)\n`]);
    const text = readFileSync(join(folder, "jugs.dot"), "utf8");
    expect(text).toMatch(/^digraph "die-hard small" \{\n/);
    expect(text).toContain('s0 [label="#0\\lbig=0\\lsmall=0\\l", peripheries=2];');
    expect(text.match(/, color=red, fontcolor=red\]/g)).toHaveLength(2);
    const json = splitbrain("graph", "--spec", "two-phase", "--config", "tiny", "--out", join(folder, "tp.json"));
    expect(json.code).toBe(0);
    const graph = JSON.parse(readFileSync(join(folder, "tp.json"), "utf8"));
    expect([graph.states.length, graph.edges.length]).toEqual([288, 1145]);
    const big = splitbrain("graph", "--config", "tiny");
    expect([big.code, big.stderr]).toEqual([2, expect.stringContaining("has more than 2000 reachable states: too many to draw")]);
  }, 60_000);
});

describe("splitbrain check --continue", () => {
  it("reports each invariant violated, each with its own shortest trace, and which hold", () => {
    const run = splitbrain("check", "--config", "tiny", "--variant", "vs-amnesia", "--continue", "--quiet");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("VIOLATION: INV-1 at most one primary per view, in 7 steps (the trace above).");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^--continue: 2 violated: INV-1 at most one primary per view \(7 steps\), INV-2 [^(]+\(\d+ steps\); the other 1 holds in every reachable state of this configuration\.$/);
    expect(splitbrain("check", "--continue", "--json").stderr).toContain("--continue checks one --config");
  }, 60_000);
});

describe("configurations from the command line: --set and config show", () => {
  it("--set changes one setting, validated by the spec's schema, and the summary names it", () => {
    const run = splitbrain("check", "--spec", "two-phase", "--config", "tiny", "--set", "resourceManagers=4", "--json");
    expect(JSON.parse(run.stdout)).toMatchObject({ config: "tiny with resourceManagers=4", verdict: "pass" });
    expect(JSON.parse(run.stdout).stats.distinct).not.toBe(288);
    const wrong = splitbrain("check", "--config", "tiny", "--set", "faults.crashes=two");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("faults.crashes: Invalid input: expected number");
    expect(splitbrain("check", "--config", "tiny", "--set", "maxView").stderr).toContain("--set maxView: expected key=value");
  }, 60_000);

  it("config show prints the configuration as the checker uses it, and in words", () => {
    const run = splitbrain("config", "show", "tiny", "--set", "maxView=5", "--variant", "no-dedup");
    expect(run.code).toBe(0);
    const json = run.stdout.slice(0, run.stdout.lastIndexOf("}") + 1);
    expect(JSON.parse(json)).toMatchObject({ servers: 2, maxView: 5, variants: ["no-dedup"] });
    expect(run.stdout).toContain("primary-backup [config tiny with maxView=5]: 2 servers, 1 client");
  }, 60_000);

  it("--workers auto takes one worker per core, and gives the counts of one worker", () => {
    const auto = splitbrain("check", "--spec", "two-phase", "--config", "tiny", "--workers", "auto", "--json");
    expect(JSON.parse(auto.stdout).stats.distinct).toBe(288);
    expect(splitbrain("check", "--workers", "0").stderr).toContain("--workers must be between 1 and 64, not 0");
  }, 60_000);
});

describe("outputs made from an input file", () => {
  it("go to the working folder, named after the input, and never into counterexamples/", () => {
    const here = mkdtempSync(join(tmpdir(), "splitbrain-cwd-"));
    const input = join(process.cwd(), "counterexamples", "vs-amnesia.json");
    const cli = join(process.cwd(), "bin", "splitbrain.js");
    const before = readdirSync("counterexamples").sort();
    for (const [args, made] of [
      [["view", input], "vs-amnesia.html"],
      [["export", input, "--itf"], "vs-amnesia.itf.json"],
      [["minimize", input], "vs-amnesia.min.json"],
    ] as const) {
      const run = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: here, timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(made);
      expect(existsSync(join(here, made))).toBe(true);
    }
    expect(readdirSync("counterexamples").sort()).toEqual(before);
  }, 120_000);
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
    expect(otherConfig.stderr).toMatch(/^ {2}configuration: .*maxView 3 in the checkpoint, 4 here/m);
    const otherVariants = splitbrain("check", "--config", "tiny", "--variant", "no-dedup", "--resume", file);
    expect(otherVariants.code).toBe(2);
    expect(otherVariants.stderr).toContain("  variants: the checkpoint has none; this run has no-dedup");
    expect(otherVariants.stderr).not.toContain("configuration:");
    const unreduced = splitbrain("check", "--config", "tiny", "--no-symmetry", "--resume", file);
    expect(unreduced.code).toBe(2);
    expect(unreduced.stderr).toContain("  symmetry: the checkpoint has on; this run has off (--no-symmetry)");
  }, 60_000);

  it("--resume FILE alone continues the checkpoint's own spec, configuration and variants", () => {
    const file = join(folder, "alone.checkpoint");
    const first = splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--max-states", "1500", "--checkpoint", file);
    expect(first.stderr).toContain(`go on with --resume ${file}`);
    const resumed = splitbrain("check", "--resume", file, "--json");
    expect(resumed.code, resumed.stderr).toBe(1);
    expect(pick(resumed)).toEqual(pick(splitbrain("check", "--config", "tiny", "--variant", "promote-idle", "--json")));
    expect(splitbrain("check", "--resume", file, "--quiet").stdout).toContain("[config tiny + promote-idle]");
  }, 60_000);

  it("names a checkpoint's folder that cannot be written before the search starts, with exit 2", () => {
    for (const [path, why] of [
      ["/nonexistent-dir/ck", "--checkpoint /nonexistent-dir/ck: /nonexistent-dir is not a folder"],
      ["/sys/ck", "--checkpoint /sys/ck: cannot write in /sys"],
    ]) {
      const run = splitbrain("check", "--config", "tiny", "--checkpoint", path!);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(why);
      expect(run.stderr).not.toContain("checking");
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("keeps the summary when a save fails during the run, says what was saved last, and exits 3", () => {
    const blocked = mkdtempSync(join(tmpdir(), "splitbrain-"));
    // The folder takes files, but the save's temporary file is a folder: every save fails, as on a full disk.
    mkdirSync(join(blocked, "ck.partial"));
    const run = splitbrain("check", "--config", "tiny", "--max-states", "200", "--checkpoint", join(blocked, "ck"));
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("INCOMPLETE: reached --max-states 200");
    expect(run.stderr).toContain(`the checkpoint could not be saved to ${join(blocked, "ck")} (EISDIR). No checkpoint of this run was saved.`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

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

  it("saves a search over several workers as slices and a manifest; --resume alone goes on with as many, and refuses another number", () => {
    const file = join(mkdtempSync(join(tmpdir(), "splitbrain-workers-")), "tiny.ckpt");
    const stopped = splitbrain("check", "--config", "tiny", "--workers", "2", "--checkpoint", file, "--max-depth", "15", "--json");
    expect(stopped.code).toBe(3);
    const resumed = splitbrain("check", "--resume", file, "--json");
    expect(resumed.code, resumed.stderr).toBe(0);
    const whole = splitbrain("check", "--config", "tiny", "--json");
    const counts = (r: { stdout: string }) => {
      const { depth, generated, distinct } = (JSON.parse(r.stdout) as { stats: Record<string, number> }).stats;
      return { depth, generated, distinct, witnesses: (JSON.parse(r.stdout) as { witnesses: unknown }).witnesses };
    };
    expect(counts(resumed)).toEqual(counts(whole));
    const other = splitbrain("check", "--resume", file, "--workers", "3");
    expect([other.code, other.stderr]).toEqual([2, expect.stringContaining("the checkpoint has 2 partitions; resume it with --workers 2")]);
    const notANumber = splitbrain("check", "--workers", "many");
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain("--workers takes a number");
  }, 60_000);
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

  it("names a configuration that does not exist before it checks any of the others", () => {
    const run = splitbrain("check", "--config", "tiny,tinyy");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--config tinyy: neither a named configuration");
    expect(run.stderr).not.toContain("checking");
  });

  it("prints a short summary per configuration, and the suite's rule branch line instead of a warning per configuration", () => {
    const run = splitbrain("check", "--config", "tiny,tiny", "--quiet");
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("warning: rule branch never taken");
    expect(run.stdout).toMatch(/Rule branches taken in none of them, so checked nowhere:\n {2}PB-1 /);
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("Suite of 2 configurations: tiny PASS, tiny PASS.");
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
