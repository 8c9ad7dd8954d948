// Exercise 5: the smallest configuration in which restart-takes-primary
// still breaks INV-2, and why each part of it is needed. Smallest means no
// single step down (one fault, server, client, operation or view fewer)
// still shows the bug: what --minimize-config searches for.

import { answeredCheck, checkJson, cli, fail, isOutcome, pass, type Check, type Exercise } from "../grading.ts";

const FOLDER = "exercises/05-smallest-config";
const CONFIG = `${FOLDER}/answer.json`;
const VARIANT = "restart-takes-primary";
const ARGS = ["--config", CONFIG, "--variant", VARIANT, "--invariant", "INV-2"];

const checks: Check[] = [
  {
    name: `${VARIANT} breaks INV-2 in ${CONFIG}`,
    run: (root) => {
      const result = checkJson(root, ARGS);
      if (isOutcome(result)) return result;
      return result.verdict === "violation" ? pass(`in ${result.trace!.length} steps`) : fail(`INV-2 holds there (${result.verdict})`, "you took away something the bug needs: put parts back one at a time");
    },
  },
  {
    name: "no smaller configuration shows it",
    run: (root) => {
      const run = cli(root, ["check", ...ARGS, "--minimize-config", "--quiet"]);
      if (run.status !== 1) return fail(`check exits ${run.status}`, `run check ${ARGS.join(" ")} yourself`);
      const minimal = /No smaller configuration \(of (\d+) tried\)/.exec(run.stdout);
      return minimal !== null
        ? pass(`none of the ${minimal[1]} one step smaller does`)
        : fail("a smaller configuration still shows the bug", `run check ${ARGS.join(" ")} --minimize-config and read which parts it can do without`);
    },
  },
  answeredCheck(`${FOLDER}/answer.md`),
];

export const exercise: Exercise = { title: "the smallest configuration that shows a bug", checks };
