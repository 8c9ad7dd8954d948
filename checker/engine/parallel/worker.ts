// A worker thread of a parallel search: it builds its own copy of the spec
// from its source, holds one partition, and does what the coordinator asks,
// one request at a time.

import { workerData, type MessagePort } from "node:worker_threads";
import { serveRequests } from "../worker-thread.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { withSymmetryOption } from "../symmetry.ts";
import type { StepBatch } from "./batch.ts";
import { Partition } from "./partition.ts";
import { portTransport } from "./transport.ts";

export interface WorkerSetup {
  readonly source: SpecSource;
  readonly index: number;
  readonly partitions: number;
  readonly ports: readonly (MessagePort | undefined)[];
  readonly checkDeadlock: boolean;
  readonly symmetry: boolean;
  readonly paranoid: boolean;
}

export type Request =
  | { readonly type: "seed"; readonly batch: StepBatch; readonly states: readonly unknown[] }
  | { readonly type: "expand" }
  | { readonly type: "decide"; readonly expected: readonly number[] }
  | { readonly type: "settle"; readonly found: readonly string[] }
  | { readonly type: "ranks"; readonly ranks: Int32Array; readonly ship: readonly number[]; readonly receive: number }
  | { readonly type: "step"; readonly globalId: number }
  | { readonly type: "stats" };

const setup = workerData as WorkerSetup;
const spec = withSymmetryOption(await buildSpec(setup.source), setup);
const partition = new Partition(spec, setup.index, setup.partitions, portTransport(setup.ports), setup.checkDeadlock, setup.paranoid);

async function answer(request: Request): Promise<unknown> {
  switch (request.type) {
    case "seed":
      partition.seed(request.batch, request.states);
      return null;
    case "expand":
      return partition.expand();
    case "decide":
      return partition.decide(request.expected);
    case "settle":
      return partition.settle(new Set(request.found));
    case "ranks":
      await partition.setRanks(request.ranks, request.ship, request.receive);
      return null;
    case "step":
      return partition.step(request.globalId);
    case "stats":
      return { size: partition.size, mostImages: partition.mostImages, ...partition.bytes };
  }
}

serveRequests<Request>(answer);
