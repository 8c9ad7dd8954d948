// A worker thread of a parallel search: it builds its own copy of the spec
// from its source, holds one partition, and does what the coordinator asks,
// one request at a time.

import { workerData, type MessagePort } from "node:worker_threads";
import { serveRequests } from "../worker-thread.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { withSymmetryOption } from "../symmetry.ts";
import { Partition } from "./partition.ts";
import { portTransport } from "./transport.ts";
import { answer, type Request } from "./requests.ts";

export interface WorkerSetup {
  readonly source: SpecSource;
  readonly index: number;
  readonly partitions: number;
  readonly ports: readonly (MessagePort | undefined)[];
  readonly checkDeadlock: boolean;
  readonly symmetry: boolean;
  readonly paranoid: boolean;
}

const setup = workerData as WorkerSetup;
const spec = withSymmetryOption(await buildSpec(setup.source), setup);
const partition = new Partition(spec, setup.index, setup.partitions, portTransport(setup.ports), setup.checkDeadlock, setup.paranoid);

serveRequests<Request>((request) => answer(partition, request));
