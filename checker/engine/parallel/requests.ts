// What the coordinator asks a partition, and how a partition answers: the
// same requests whether the partition is a thread of this process (worker.ts)
// or a process on another machine, reached through a broker (engine/broker/).

import type { StepBatch } from "./batch.ts";
import type { Partition, PartitionSlice } from "./partition.ts";

export type Request =
  | { readonly type: "seed"; readonly batch: StepBatch; readonly states: readonly unknown[] }
  | { readonly type: "expand" }
  | { readonly type: "decide"; readonly expected: readonly number[] }
  | { readonly type: "settle"; readonly found: readonly string[] }
  | { readonly type: "ranks"; readonly ranks: Int32Array; readonly ship: readonly number[]; readonly receive: number }
  | { readonly type: "step"; readonly globalId: number }
  | { readonly type: "stats" }
  /** Between levels only: the partition's slice of the search, for a checkpoint. */
  | { readonly type: "save" }
  | { readonly type: "restore"; readonly slice: PartitionSlice<unknown> };

/** One side of the coordinator's conversation with a partition: one request, one answer. */
export interface Member {
  /** Who it is, for messages: "worker 2" or "worker 2 (host-a, pid 4242)". */
  readonly name: string;
  ask<T>(request: Request): Promise<T>;
}

export async function answer(partition: Partition<unknown, unknown>, request: Request): Promise<unknown> {
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
    case "save":
      return partition.saveSlice();
    case "restore":
      partition.restoreSlice(request.slice);
      return null;
  }
}

/** A member that stopped answering: its process ended, or it or the broker was cut off. The run cannot pass. */
export class MemberLost extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MemberLost";
  }
}
