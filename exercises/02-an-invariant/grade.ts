// Exercise 2: an invariant of one's own (INV-4) that holds on the correct
// protocol and catches two named variants in fewer steps than INV-1..3 do.
// The comparison is made live, on the student's model: nothing is pinned.

import { checkJson, fail, isOutcome, listed, pass, type Check, type Exercise } from "../grading.ts";

/** Variants an invariant about the backup's store can catch sooner than the client-facing ones. */
const SOONER = ["no-view-check", "restart-keeps-view"] as const;
const EXISTING = ["INV-1", "INV-2", "INV-3"];

const hasInv4 = (root: string) => listed(root).invariants.some((i) => i.startsWith("INV-4 "));
const noInv4 = fail('no invariant is named "INV-4 ..."', "add one to invariants() in model/properties.ts, named \"INV-4 <what it says>\" (EXTENDING.md, Add an invariant)");

function holdsOn(config: string): Check {
  return {
    name: `INV-4 holds on ${config}`,
    run: (root) => {
      if (!hasInv4(root)) return noInv4;
      const result = checkJson(root, ["--config", config, "--invariant", "INV-4"]);
      if (isOutcome(result)) return result;
      if (result.verdict === "violation") {
        return fail(`INV-4 fails on the correct protocol in ${result.trace?.length} steps`, `it is too strong: run check --config ${config} --invariant INV-4 and read the state it rejects`);
      }
      return result.verdict === "pass" ? pass(`${result.stats.distinct.toLocaleString("en-US")} states`) : fail(`the check ended with ${result.verdict}`, `run check --config ${config} --invariant INV-4 yourself`);
    },
  };
}

function sooner(variant: string): Check {
  return {
    name: `INV-4 catches ${variant} in fewer steps than INV-1..3 do`,
    run: (root) => {
      if (!hasInv4(root)) return noInv4;
      const mine = checkJson(root, ["--config", "small", "--variant", variant, "--invariant", "INV-4"]);
      if (isOutcome(mine)) return mine;
      if (mine.verdict !== "violation") return fail(`INV-4 does not catch ${variant} in small`, `read spec/variants.md on ${variant}: what does it leave different between the primary and the backup?`);
      const theirs = checkJson(root, ["--config", "small", "--variant", variant, ...EXISTING.flatMap((i) => ["--invariant", i])]);
      if (isOutcome(theirs)) return theirs;
      const mineSteps = mine.trace!.length;
      const theirSteps = theirs.verdict === "violation" ? theirs.trace!.length : Infinity;
      return mineSteps < theirSteps
        ? pass(`${mineSteps} steps, against ${theirSteps}`)
        : fail(`INV-4 needs ${mineSteps} steps, INV-1..3 ${theirSteps}`, "state what must be true as soon as the backup could know it, not once a client sees the damage");
    },
  };
}

export const exercise: Exercise = {
  title: "an invariant of your own",
  checks: [holdsOn("tiny"), holdsOn("small"), ...SOONER.map(sooner)],
};
