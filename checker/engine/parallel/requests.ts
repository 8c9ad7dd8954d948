// What the coordinator asks a partition, and how a partition answers: the
// same requests whether the partition is a thread of this process (worker.ts)
// or a process on another machine, reached through a broker (engine/broker/).

import type { StepBatch } from "./batch.ts";
import type { Partition, PartitionSlice } from "./partition.ts";
import type { Asker } from "../member-lost.ts";

export { MemberLost } from "../member-lost.ts";

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
export type Member = Asker<Request>;

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

