// Exercise 7: the commit rule (LD-5) is broken (start.patch) so that a
// leader counts replicas of an entry of an earlier term. Fixed, figure-8 and
// crash pass with the correct model's state counts, and every Raft variant
// is still caught by the property it breaks.

import { checkJson, fail, isOutcome, pass, variantsStillCaught, type Check, type Exercise } from "../grading.ts";

/** The correct model's classes of states (model/raft/raft-spec.test.ts pins the same numbers). */
const STATES = { "figure-8": 238_702, crash: 87_782 } as const;

function passes(config: keyof typeof STATES): Check {
  return {
    name: `Raft's ${config} passes, with the ${STATES[config].toLocaleString("en-US")} states of the correct model`,
    run: (root) => {
      const result = checkJson(root, ["--spec", "raft", "--config", config]);
      if (isOutcome(result)) return result;
      if (result.verdict === "violation") {
        return fail(
          `${result.property} fails in ${result.trace!.length} steps`,
          `read the counterexample (check --spec raft --config ${config} --trace-out /tmp/fig8.json, then view /tmp/fig8.json): at which step does a leader commit an entry it may not? LD-5 in spec/raft/rules.md says when it may`,
        );
      }
      if (result.verdict !== "pass") return fail(`the check ended with ${result.verdict}`, `run check --spec raft --config ${config} yourself`);
      return result.stats.distinct === STATES[config]
        ? pass()
        : fail(`${result.stats.distinct.toLocaleString("en-US")} states`, "the fix changes what Raft can do, or a configuration was changed: fix the commit rule, and nothing else");
    },
  };
}

const RAFT_VARIANTS = ["two-votes", "forget-on-restart", "no-log-check", "count-old-term", "truncate-always", "commit-past-new", "accept-old-term"];

const everyVariantCaught = variantsStillCaught(
  "every variant of Raft's catalog is still caught by the property it breaks",
  RAFT_VARIANTS,
  "a fix that turns a check off lets bugs through: keep what the variant needs, and fix only the commit rule",
);

export const exercise: Exercise = {
  title: "Figure 8, from the inside",
  checks: [passes("figure-8"), passes("crash"), everyVariantCaught],
};
