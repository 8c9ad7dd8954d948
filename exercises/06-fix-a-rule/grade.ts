// Exercise 6: one rule of the model is subtly wrong (start.patch). Fixed,
// the three default configurations pass with the state counts they had, and
// every variant in the catalog is still caught by the invariant it breaks.

import { FINISHED_CATALOG } from "../../model/variant-catalog.ts";
import { EXPECTED_LIVENESS_FAILURES } from "../../model/liveness.ts";
import { checkJson, fail, isOutcome, pass, variantsStillCaught, type Check, type Exercise } from "../grading.ts";

/** The correct protocol's distinct states (model/protocol-spec.test.ts pins the same numbers). */
const STATES = { tiny: 9455, small: 316304, pipelined: 100391 } as const;

function passes(config: keyof typeof STATES): Check {
  return {
    name: `${config} passes, with the ${STATES[config].toLocaleString("en-US")} states of the correct protocol`,
    run: (root) => {
      const result = checkJson(root, ["--config", config]);
      if (isOutcome(result)) return result;
      if (result.verdict === "violation") {
        return fail(
          `${result.property} fails in ${result.trace!.length} steps`,
          `read the counterexample (check --config ${config} --trace-out /tmp/bug.json, then view /tmp/bug.json): which step should a rule of spec/protocol.md have stopped? Find that rule in model/ by its ID`,
        );
      }
      if (result.verdict !== "pass") return fail(`the check ended with ${result.verdict}`, `run check --config ${config} yourself`);
      return result.stats.distinct === STATES[config]
        ? pass()
        : fail(`${result.stats.distinct.toLocaleString("en-US")} states`, "the fix changes what the protocol can do, or a configuration was changed: fix the one wrong rule, and nothing else");
    },
  };
}

const everyVariantCaught = variantsStillCaught(
  "every variant in the catalog is still caught by the invariant it breaks",
  // The primary-backup catalog only: Raft's has its own exercise (7).
  [...FINISHED_CATALOG.map((e) => e.variant), ...EXPECTED_LIVENESS_FAILURES.map((e) => e.name)],
  "a fix that turns a check off lets bugs through: put back what the variant needs, and fix only the wrong rule",
);

export const exercise: Exercise = {
  title: "fix a broken rule",
  checks: [passes("tiny"), passes("small"), passes("pipelined"), everyVariantCaught],
};
