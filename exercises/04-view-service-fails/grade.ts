// Exercise 4: a view service that can fail over to a standby, and the split
// brain it lets back in. The student's model is judged through standby.json
// (tiny, plus one failover) and tiny itself, which must not change.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { answeredCheck, checkJson, cli, fail, isOutcome, pass, type Check, type CheckJson, type Exercise, type Outcome } from "../grading.ts";

const FOLDER = "exercises/04-view-service-fails";
const CONFIG = `${FOLDER}/standby.json`;
const TRACE = `${FOLDER}/counterexample.json`;
/** tiny's distinct states before the exercise: with no failover in the budget, nothing may change. */
const TINY_STATES = 9455;

const runs = new Map<string, CheckJson | Outcome>();
function withFailover(root: string): CheckJson | Outcome {
  if (!runs.has(root)) runs.set(root, checkJson(root, ["--config", CONFIG, "--invariant", "INV-1"]));
  return runs.get(root)!;
}

const checks: Check[] = [
  {
    name: `${CONFIG} is a valid configuration (faults.viewServiceFailovers exists)`,
    run: (root) => {
      const result = withFailover(root);
      return isOutcome(result) ? fail(result.ok ? "" : result.detail, "add viewServiceFailovers to the fault budgets in model/config.ts, with .default(0) so that other configurations need not name it") : pass();
    },
  },
  {
    name: `with no failover in the budget, tiny is unchanged (${TINY_STATES.toLocaleString("en-US")} states, and it passes)`,
    run: (root) => {
      const result = checkJson(root, ["--config", "tiny"]);
      if (isOutcome(result)) return result;
      if (result.verdict !== "pass") return fail(`tiny ends with ${result.verdict} ${result.property ?? ""}`, "the standby must change nothing when its budget is 0");
      return result.stats.distinct === TINY_STATES
        ? pass()
        : fail(`tiny has ${result.stats.distinct.toLocaleString("en-US")} states`, "a field that is there even with no failover in the budget multiplies states: add the standby only when the budget allows a failover");
    },
  },
  {
    name: "with one failover, INV-1 fails: two primaries of one view",
    run: (root) => {
      const result = withFailover(root);
      if (isOutcome(result)) return result;
      const fired = result.coverage.find((c) => c.name === "FailoverVS")?.fired ?? 0;
      if (fired === 0) return fail("no FailoverVS action was taken", 'add an action of kind "FailoverVS" (model/types.ts, actions.ts), enabled while the budget allows');
      if (result.verdict !== "violation") return fail(`INV-1 holds (${result.verdict})`, "after a failover the standby must act on its own copy of the table, which may lag: copy the table in a step of its own");
      return pass(`in ${result.trace!.length} steps`);
    },
  },
  {
    name: `${TRACE} is the shortest such trace, it replays, and it shows the standby taking over`,
    run: (root) => {
      if (!existsSync(join(root, TRACE))) return fail(`${TRACE} is missing`, `save it with check --config ${CONFIG} --invariant INV-1 --trace-out ${TRACE}`);
      const replay = cli(root, ["replay", TRACE, "--check", "--quiet"]);
      if (replay.status !== 0) return fail(`replay --check exits ${replay.status}: ${(replay.stderr || replay.stdout).trim().split("\n")[0]}`, "save it again from the current model");
      const labels = ((JSON.parse(readFileSync(join(root, TRACE), "utf8")) as { steps?: string[] }).steps ?? []).map(String);
      if (!labels.some((l) => /standby/i.test(l))) return fail("no step's label mentions the standby", 'label the failover step with the word "standby" (model/labels.ts)');
      const result = withFailover(root);
      if (isOutcome(result)) return result;
      const shortest = result.trace?.length;
      return labels.length === shortest ? pass() : fail(`it has ${labels.length} steps; the shortest has ${shortest}`, "save the trace check finds, with --trace-out");
    },
  },
  answeredCheck(`${FOLDER}/answer.md`),
];

export const exercise: Exercise = { title: "what if the view server fails?", checks };
