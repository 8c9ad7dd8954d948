// The comparison the composed model exists for: in failover's primary-backup
// setting, exercise 4's standby (its reference solution, applied in a copy of
// the repository) lets two servers be primary of view 1 after one failover,
// while the view service on Raft keeps INV-1 there (pb-raft-spec.test.ts).

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { applyPatch, inRepositoryCopy } from "../../checker/cli/repository-copy.ts";
import { checkJson, isOutcome } from "../../exercises/grading.ts";
import { PB_RAFT_CONFIGS } from "../../spec/pb-raft/configs/index.ts";

it("exercise 4's standby breaks INV-1 in failover's primary-backup setting, with one failover", () => {
  const { primaryBackup } = PB_RAFT_CONFIGS.failover!;
  const result = inRepositoryCopy((copy) => {
    const problem = applyPatch(copy, "solutions/04-view-service-fails.patch");
    if (problem !== undefined) throw new Error(`exercise 4's solution no longer applies: ${problem}`);
    writeFileSync(join(copy, "standby.json"), JSON.stringify({ ...primaryBackup, faults: { ...primaryBackup.faults, viewServiceFailovers: 1 } }));
    return checkJson(copy, ["--config", "standby.json", "--invariant", "INV-1"]);
  });
  if (isOutcome(result)) throw new Error(result.detail ?? "check printed no summary");
  expect([result.verdict, result.property?.slice(0, 6)]).toEqual(["violation", "INV-1 "]);
  expect(result.trace!.some((step) => /standby/.test(step))).toBe(true);
}, 120_000);
