// One mutant, in a process of its own: `node --import tsx run-mutant.ts JOB`,
// where JOB is a JSON file naming the folder of the mutated model copy. It
// prints the outcome as one line of JSON. A process per mutant keeps each
// mutant's modules (and their memo tables) apart, and lets a stuck one be killed.

import { readFileSync } from "node:fs";
import { baseline, judge, loadModel, type Baseline, type KillerPlan } from "./killer.ts";

interface Job {
  readonly root: string;
  readonly repository: string;
  readonly plan: KillerPlan;
  /** Omitted: work it out here (for the correct model itself). */
  readonly baseline?: Baseline;
}

const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Job;
const original = await loadModel(job.repository, job.repository);
if (job.baseline === undefined) {
  process.stdout.write(`${JSON.stringify(await baseline(original, job.plan))}\n`);
} else {
  const mutant = await loadModel(job.root, job.repository);
  process.stdout.write(`${JSON.stringify(await judge(mutant, job.plan, job.baseline, job.repository, original))}\n`);
}
