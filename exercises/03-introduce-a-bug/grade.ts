// Exercise 3: a named bug of one's own, skip-forward, declared once and
// caught by INV-2, and its shortest counterexample saved and replayable.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { checkJson, cli, fail, isOutcome, listed, pass, type Check, type Exercise, type Outcome } from "../grading.ts";

const VARIANT = "skip-forward";
const TRACE = "exercises/03-introduce-a-bug/counterexample.json";
/** The reference bug's shortest counterexample in small: a write acknowledged that the backup never saw. */
const STEPS = 6;

const known = (root: string) => listed(root).variants.includes(VARIANT);
const unknown = fail(`the checker has no variant ${VARIANT}`, "declare it in model/variant-catalog.ts (EXTENDING.md, Add a bug variant)");

/** The checker's shortest counterexample for the variant, found once per grading. */
const shortest = new Map<string, number | Outcome>();
function shortestSteps(root: string): number | Outcome {
  if (!shortest.has(root)) {
    const result = checkJson(root, ["--config", "small", "--variant", VARIANT, "--invariant", "INV-2"]);
    shortest.set(root, isOutcome(result) ? result : result.verdict === "violation" ? result.trace!.length : fail(`INV-2 holds in small with ${VARIANT} on`, "the flag is declared but changes nothing yet: read it in server.ts where the primary forwards (PB-4)"));
  }
  return shortest.get(root)!;
}

const checks: Check[] = [
  {
    name: `${VARIANT} is declared once, breaking PB-4 and meant to violate INV-2`,
    run: async (root) => {
      if (!known(root)) return unknown;
      const { VARIANT_CATALOG } = (await import(pathToFileURL(join(root, "model/variant-catalog.ts")).href)) as { VARIANT_CATALOG: readonly { variant: string; breaks: string; violates: string }[] };
      const entry = VARIANT_CATALOG.find((e) => e.variant === VARIANT)!;
      return entry.breaks === "PB-4" && entry.violates === "INV-2" ? pass() : fail(`its entry says it breaks ${entry.breaks} and violates ${entry.violates}`, "the primary forwarding to the backup is PB-4; a lost acknowledged write is INV-2");
    },
  },
  {
    name: "the protocol without the bug still passes (tiny)",
    run: (root) => {
      const result = checkJson(root, ["--config", "tiny"]);
      if (isOutcome(result)) return result;
      return result.verdict === "pass" ? pass() : fail(`tiny ends with ${result.verdict} ${result.property ?? ""}`, `the bug must only act when ctx.bug("${VARIANT}") is true`);
    },
  },
  {
    name: `with ${VARIANT}, small violates INV-2 in ${STEPS} steps`,
    run: (root) => {
      if (!known(root)) return unknown;
      const steps = shortestSteps(root);
      if (typeof steps !== "number") return steps;
      return steps === STEPS ? pass() : fail(`the shortest counterexample has ${steps} steps, the intended bug's ${STEPS}`, "the primary should execute the write and reply at once, sending no Forward at all; Gets are not affected");
    },
  },
  {
    name: `${TRACE} is a shortest counterexample that still replays`,
    run: (root) => {
      if (!existsSync(join(root, TRACE))) return fail(`${TRACE} is missing`, `save it with check --config small --variant ${VARIANT} --invariant INV-2 --trace-out ${TRACE}`);
      const file = JSON.parse(readFileSync(join(root, TRACE), "utf8")) as { config?: { variants?: string[] }; steps?: unknown[] };
      if (!file.config?.variants?.includes(VARIANT)) return fail(`${TRACE} is not a trace of ${VARIANT}`, `check with --variant ${VARIANT}`);
      const replay = cli(root, ["replay", TRACE, "--check", "--quiet"]);
      if (replay.status !== 0) return fail(`replay --check exits ${replay.status}: ${(replay.stderr || replay.stdout).trim().split("\n")[0]}`, "save it again from the current model");
      const steps = shortestSteps(root);
      if (typeof steps !== "number") return steps;
      const length = file.steps?.length ?? 0;
      return length === steps ? pass(`${length} steps`) : fail(`it has ${length} steps; the shortest has ${steps}`, "check finds the shortest: save its trace with --trace-out, or minimize yours");
    },
  },
  {
    name: "spec/variants.md lists it, with its regenerated counterexample",
    run: (root) => {
      const listed = readFileSync(join(root, "spec/variants.md"), "utf8").includes(`\`${VARIANT}\``) && existsSync(join(root, `counterexamples/${VARIANT}.json`));
      return listed ? pass() : fail("the catalog does not have it yet", `npm run counterexamples -- ${VARIANT}`);
    },
  },
];

export const exercise: Exercise = { title: "introduce a named bug, and find its shortest counterexample", checks };
