// A worker thread of a simulation: it builds each member's spec from its
// source the first time it runs one of the member's jobs, and runs the jobs
// the coordinator hands it, one at a time.

import { workerData } from "node:worker_threads";
import { serveRequests } from "../worker-thread.ts";
import { seriesRunner, type MemberSources, type SeriesJob, type SeriesResult } from "./walk-series.ts";

export type WalkWorkerSetup = MemberSources;

const run = seriesRunner(workerData as WalkWorkerSetup);

serveRequests<SeriesJob>(run, (result) => [(result as SeriesResult).fingerprints.buffer as ArrayBuffer]);
