// A worker thread of a simulation: it builds each member's spec from its
// source the first time it runs one of the member's jobs, and runs the jobs
// the coordinator hands it, one at a time.

import { workerData } from "node:worker_threads";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import type { AnySpec } from "../spec.ts";
import { serveRequests } from "../worker-thread.ts";
import type { WalkStyle } from "./walk-bias.ts";
import { runSeries, type SeriesJob, type SeriesResult, type SeriesSettings } from "./walk-series.ts";

export interface WalkWorkerSetup {
  readonly seed: number;
  readonly members: readonly { readonly index: number; readonly source: SpecSource; readonly style: WalkStyle }[];
  readonly settings: SeriesSettings;
}

const setup = workerData as WalkWorkerSetup;
const specs = new Map<number, Promise<AnySpec>>();

function specOf(member: number): Promise<AnySpec> {
  let spec = specs.get(member);
  if (spec === undefined) {
    const m = setup.members.find((x) => x.index === member);
    if (m === undefined) throw new Error(`no member ${member} in this run`);
    specs.set(member, (spec = buildSpec(m.source)));
  }
  return spec;
}

serveRequests<SeriesJob>(
  async (job) => {
    const style = setup.members.find((m) => m.index === job.member)!.style;
    return runSeries(await specOf(job.member), style, setup.seed, job, setup.settings);
  },
  (result) => [(result as SeriesResult).fingerprints.buffer as ArrayBuffer],
);
