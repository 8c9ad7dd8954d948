// What every grader shares. A grader judges behaviour, not code: it runs the
// student's model through the same command line the student uses, and reads
// the answer files the exercise asks for.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One graded point: passed, or failed with what went wrong and a hint. */
export type Outcome = { readonly ok: true; readonly detail?: string } | { readonly ok: false; readonly detail: string; readonly hint: string };

export interface Check {
  readonly name: string;
  readonly run: (root: string) => Outcome | Promise<Outcome>;
}

export interface Exercise {
  readonly title: string;
  readonly checks: readonly Check[];
}

export const pass = (detail?: string): Outcome => (detail === undefined ? { ok: true } : { ok: true, detail });
export const fail = (detail: string, hint: string): Outcome => ({ ok: false, detail, hint });

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `splitbrain ARGS` in the student's repository. */
export function cli(root: string, args: readonly string[]): CliRun {
  const run = spawnSync(process.execPath, ["bin/splitbrain.js", ...args], { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What `check --json` prints, as far as the graders read it. */
export interface CheckJson {
  readonly verdict: string;
  readonly exitCode: number;
  readonly property?: string;
  readonly trace?: readonly string[];
  readonly stats: { readonly distinct: number };
  readonly witnesses: readonly { readonly name: string; readonly reached: boolean; readonly steps?: number }[];
  readonly coverage: readonly { readonly name: string; readonly fired: number }[];
}

/** `check ARGS --json`, or a failed outcome saying why there was no summary (bad input, or the model crashed). */
export function checkJson(root: string, args: readonly string[]): CheckJson | Outcome {
  const run = cli(root, ["check", ...args, "--json", "--quiet"]);
  try {
    return JSON.parse(run.stdout) as CheckJson;
  } catch {
    const said = firstLines(run.stderr);
    return run.status === 2
      ? fail(`check ${args.join(" ")} refused its input: ${said}`, "run that command yourself: its message names what is wrong and where")
      : fail(`check ${args.join(" ")} crashed: ${said}`, "your model threw an error; run the command yourself to see where (npx splitbrain check ...)");
  }
}

export const isOutcome = (x: CheckJson | Outcome): x is Outcome => "ok" in x;

const firstLines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("at ") && !l.startsWith("^") && !l.startsWith("Node.js"))
    .slice(0, 3)
    .join(" / ") || "(nothing on stderr)";

interface Listed {
  readonly invariants: string[];
  readonly witnesses: string[];
  readonly variants: string[];
}

const lists = new Map<string, Listed>();

/** The names `list` shows for the protocol: invariants, witnesses and variants (asked once per grading). */
export function listed(root: string): Listed {
  if (!lists.has(root)) lists.set(root, readList(root));
  return lists.get(root)!;
}

function readList(root: string): Listed {
  const text = cli(root, ["list"]).stdout.split("\n");
  const block = text.slice(0, text.findIndex((l, i) => i > 0 && !l.startsWith(" ")));
  const quoted = (prefix: string) => [...(block.find((l) => l.trim().startsWith(prefix)) ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  const variants = (block.find((l) => l.trim().startsWith("variants:")) ?? "").replace(/^\s*variants:/, "").split(",").map((v) => v.trim()).filter(Boolean);
  return { invariants: quoted("invariants"), witnesses: quoted("witnesses"), variants };
}

/**
 * The sections of an answer page that are still unanswered: a section counts
 * as answered with at least `words` words outside the template's comments.
 */
export function unansweredSections(root: string, file: string, words = 15): string[] | undefined {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const sections = readFileSync(path, "utf8").split(/^## /m).slice(1);
  return sections
    .filter((s) => {
      const body = s.slice(s.indexOf("\n")).replace(/<!--[\s\S]*?-->/g, "");
      return body.split(/\s+/).filter(Boolean).length < words;
    })
    .map((s) => s.slice(0, s.indexOf("\n")).trim());
}

export function answeredCheck(file: string): Check {
  return {
    name: `every section of ${file} is answered`,
    run: (root) => {
      const open = unansweredSections(root, file);
      if (open === undefined) return fail(`${file} is missing`, "it came with the exercise: restore it with git checkout, then answer it");
      return open.length === 0
        ? pass()
        : fail(`not answered yet: ${open.map((s) => `"${s}"`).join(", ")}`, "replace each comment with at least 15 words of your own; your TA reads them");
    },
  };
}

/**
 * Run every check in order, print each, and return the exit code: 0 only on
 * full marks. `working` hears of each check as it starts (a check may search
 * for a minute), so that a student never stares at a silent terminal.
 */
export async function grade(number: number, exercise: Exercise, root: string, write: (line: string) => void, working: (line: string) => void = () => {}): Promise<number> {
  write(`Exercise ${number}: ${exercise.title}`);
  let passed = 0;
  for (const [i, check] of exercise.checks.entries()) {
    working(`  (check ${i + 1} of ${exercise.checks.length}: ${check.name} ...)`);
    let outcome: Outcome;
    try {
      outcome = await check.run(root);
    } catch (error) {
      outcome = fail(`the grader could not run this check: ${error instanceof Error ? error.message : String(error)}`, "fix what the message names, then grade again");
    }
    if (outcome.ok) passed++;
    write(`  ${outcome.ok ? "PASS" : "FAIL"}  ${check.name}${outcome.detail ? `: ${outcome.detail}` : ""}`);
    if (!outcome.ok) write(`        hint: ${outcome.hint}`);
  }
  const full = passed === exercise.checks.length;
  write(`Score: ${passed}/${exercise.checks.length}${full ? ". Full marks." : ". Not full marks yet."}`);
  return full ? 0 : 1;
}

/**
 * Every variant of a catalog is still caught: `counterexamples` into a
 * folder of its own, for the entries named (all when none are).
 */
export function variantsStillCaught(name: string, entries: readonly string[], hint: string): Check {
  return {
    name,
    run: (root) => {
      const dir = mkdtempSync(join(tmpdir(), "splitbrain-grade-"));
      try {
        const run = cli(root, ["counterexamples", dir, ...entries]);
        const missed = run.stderr.split("\n").filter((l) => l.includes("NOT CAUGHT"));
        if (run.status === 0) return pass();
        return missed.length > 0
          ? fail(missed.map((l) => l.split(":")[0]).join(", "), hint)
          : fail(`counterexamples exits ${run.status}: ${run.stderr.trim().split("\n")[0]}`, "run npm run counterexamples -- with a folder of your own to see why");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
