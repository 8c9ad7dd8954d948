// `splitbrain new` writes scaffolding that passes lint, the type check and
// the tests as soon as it is written: tried in a copy of the repository.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inRepositoryCopy } from "./repository-copy.ts";

const node = (copy: string, ...args: string[]) => spawnSync(process.execPath, args, { cwd: copy, encoding: "utf8" });
const splitbrain = (copy: string, ...args: string[]) => node(copy, "bin/splitbrain.js", ...args);
const typecheck = (copy: string) => node(copy, join(copy, "node_modules/typescript/bin/tsc"), "--noEmit");
const vitest = (copy: string, ...files: string[]) => node(copy, join(copy, "node_modules/vitest/vitest.mjs"), "run", ...files);

describe("splitbrain new", () => {
  it("new spec writes a spec that is listed, checked, linted, type-checked and tested at once, with its state counts pinned", () => {
    inRepositoryCopy((copy) => {
      const made = splitbrain(copy, "new", "spec", "token-ring");
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain("tiny: 10 states, small: 20 states");
      expect(splitbrain(copy, "list").stdout).toContain("token-ring: a token passed around a ring");
      expect(splitbrain(copy, "check", "--spec", "token-ring", "--quiet").status).toBe(0);
      const lint = splitbrain(copy, "lint", "examples/token-ring", "--spec-doc", "examples/token-ring/rules.md");
      expect(lint.status, lint.stdout).toBe(0);
      const tsc = typecheck(copy);
      expect(tsc.status, tsc.stdout).toBe(0);
      const tests = vitest(copy, "examples/token-ring");
      expect(tests.status, tests.stdout).toBe(0);
      expect(readFileSync(join(copy, "examples/token-ring/spec.test.ts"), "utf8")).toContain("toBe(20)");
      expect(splitbrain(copy, "new", "spec", "token-ring").stderr).toContain("there is already a spec named token-ring");
    });
  }, 300_000);

  it("new variant writes a draft that --variant accepts, that coverage shows unread, and that no pin or catalog test demands yet", () => {
    inRepositoryCopy((copy) => {
      const made = splitbrain(copy, "new", "variant", "skip-forward", "--rule", "PB-4", "--mistake", "the primary replies without forwarding");
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain("model/server.ts:");
      expect(made.stdout).toContain("npm run counterexamples -- skip-forward");
      expect(readFileSync(join(copy, "model/variant-catalog.ts"), "utf8")).toContain('breaks: "PB-4", violates: "INV-2", config: "small", draft: true');
      const checked = splitbrain(copy, "check", "--config", "tiny", "--variant", "skip-forward");
      expect(checked.status).toBe(0);
      expect(checked.stderr + checked.stdout).toContain("never taken in this configuration, so not checked here: variant skip-forward");
      const early = splitbrain(copy, "counterexamples", "skip-forward");
      expect([early.status, early.stderr]).toEqual([2, expect.stringContaining("skip-forward: still a draft")]);
      expect(splitbrain(copy, "lint").status).toBe(0);
      const tsc = typecheck(copy);
      expect(tsc.status, tsc.stdout).toBe(0);
      const tests = vitest(copy, "counterexamples/catalog.test.ts");
      expect(tests.status, tests.stdout).toBe(0);
    });
  }, 300_000);

  it("new variant --spec raft writes the draft into Raft's catalog, checked against Raft's rules, properties and configurations", () => {
    inRepositoryCopy((copy) => {
      const made = splitbrain(copy, "new", "variant", "skip-term-check", "--spec", "raft", "--rule", "AE-1", "--mistake", "no term check");
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain("model/raft/replication.ts:");
      expect(made.stdout).toContain("check --spec raft --config replication --variant skip-term-check --invariant SMS");
      expect(readFileSync(join(copy, "model/raft/variant-catalog.ts"), "utf8")).toContain('breaks: "AE-1", violates: "SMS", config: "replication", draft: true');
      const checked = splitbrain(copy, "check", "--spec", "raft", "--config", "replication", "--variant", "skip-term-check");
      expect(checked.stderr + checked.stdout).toContain("never taken in this configuration, so not checked here: variant skip-term-check");
      const tsc = typecheck(copy);
      expect(tsc.status, tsc.stdout).toBe(0);
      const tests = vitest(copy, "counterexamples/raft/catalog.test.ts");
      expect(tests.status, tests.stdout).toBe(0);
      expect(splitbrain(copy, "new", "variant", "x", "--spec", "raft", "--rule", "PB-4").stderr).toContain("--rule PB-4: name the rule it breaks, one of PS-1, AS-1");
      expect(splitbrain(copy, "new", "variant", "x", "--spec", "raft", "--rule", "AE-1", "--config", "crash-wide").stderr).toContain("--config crash-wide: expected one of election");
    });
  }, 300_000);

  it("new variant --spec pb-raft writes the draft into the replicated view service's catalog, where the catalog's tests accept it", () => {
    inRepositoryCopy((copy) => {
      const made = splitbrain(copy, "new", "variant", "serve-any-table", "--spec", "pb-raft", "--rule", "VR-3");
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toContain("model/pb-raft/replicas.ts:");
      expect(made.stdout).toContain("check --spec pb-raft --config failover --variant serve-any-table --invariant INV-1");
      expect(readFileSync(join(copy, "model/pb-raft/variant-catalog.ts"), "utf8")).toContain('breaks: "VR-3", violates: "INV-1", config: "failover", draft: true');
      const tests = vitest(copy, "counterexamples/pb-raft/catalog.test.ts");
      expect(tests.status, tests.stdout).toBe(0);
      expect(splitbrain(copy, "new", "variant", "x", "--spec", "pb-raft", "--rule", "VR-3", "--config", "exercise-4").stderr).toContain("--config exercise-4: expected one of failover, cut-off");
    });
  }, 300_000);

  it("refuses bad names, unknown rules and invariants, and taken names, with exit 2", () => {
    const cases: [string[], string][] = [
      [["new", "variant", "Skip_Forward", "--rule", "PB-4"], "lower-case words joined by hyphens"],
      [["new", "variant", "x", "--rule", "PB-99"], "--rule PB-99: name the rule it breaks, one of"],
      [["new", "variant", "x", "--rule", "PB-4", "--invariant", "INV-9"], "--invariant INV-9: expected the ID of one of"],
      [["new", "variant", "no-dedup", "--rule", "PB-7"], "no-dedup is already a variant"],
      [["new", "variant", "x", "--rule", "PB-4", "--colour", "red"], "unknown option --colour"],
      [["new", "variant", "x", "--spec", "two-phase", "--rule", "PB-4"], "--spec two-phase: variants are kept for primary-backup, raft and pb-raft"],
      [["new", "spec", "die-hard"], "there is already a spec named die-hard"],
      [["new", "thing", "x"], 'expected "new variant NAME --rule ID" or "new spec NAME"'],
    ];
    for (const [args, message] of cases) {
      const run = splitbrain(join(import.meta.dirname, "..", ".."), ...args);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toContain("    at ");
    }
  }, 120_000);
});
