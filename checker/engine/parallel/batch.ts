// What partitions send each other, as buffers of bytes (v8.serialize of typed
// columns), so that a transport can carry them anywhere:
//
// - a batch of steps, from the partition that took them to the partition
//   that owns the successor's fingerprint. States themselves stay with the
//   partition that found them: only their fingerprints travel, which costs a
//   few dozen bytes a step instead of a serialized state (measured on the
//   protocol: sending states cost a quarter of each worker's time);
// - a verdict, back from the owner: which of those steps found a new state,
//   its global number, and the cost of its path.
//
// Each step carries its key, (rank of its parent in the level, action
// index): the order in which a one-worker search would have taken it. The
// owner takes steps in key order, so it decides exactly as a one-worker
// search would.

import { deserialize, serialize } from "node:v8";
import type { PathEnd } from "../path-costs.ts";

export interface StepBatch {
  readonly ranks: number[];
  readonly actions: number[];
  /** The parent's global number, or for an initial state -1 - its index. */
  readonly parents: number[];
  readonly his: number[];
  readonly los: number[];
  readonly names: string[];
  /** With path costs: the step's actor and whether it is a fault, and the path to its parent. */
  readonly actors: string[];
  readonly faults: boolean[];
  readonly parentFaults: number[];
  readonly parentSwitches: number[];
  readonly parentActors: string[];
}

export const emptySteps = (): StepBatch => ({
  ranks: [],
  actions: [],
  parents: [],
  his: [],
  los: [],
  names: [],
  actors: [],
  faults: [],
  parentFaults: [],
  parentSwitches: [],
  parentActors: [],
});

export interface Verdict {
  /** Positions, in the batches this partition sent the owner this level (numbered on), of the steps that found new states. */
  readonly positions: number[];
  readonly ids: number[];
  /** With path costs: the cost of each new state's path, after every step of the level was taken. */
  readonly faults: number[];
  readonly switches: number[];
  readonly lastActors: string[];
}

export const emptyVerdict = (): Verdict => ({ positions: [], ids: [], faults: [], switches: [], lastActors: [] });

/**
 * States moved from one partition to another to even out the work: the only
 * time states travel. A state's successors are found by the partition that
 * holds it, so once the levels are even they stay about even.
 */
export interface Shipment<S> {
  readonly states: S[];
  readonly ids: number[];
  readonly ranks: number[];
  readonly ends: PathEnd[];
}

export function encode(value: StepBatch | Verdict | Shipment<unknown>): ArrayBuffer {
  const bytes = serialize(value);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export const decode = <T extends StepBatch | Verdict | Shipment<unknown>>(buffer: ArrayBuffer): T => deserialize(new Uint8Array(buffer)) as T;

/** Which partition owns a fingerprint: its high word, spread over the partitions. */
export const ownerOf = (hi: number, partitions: number) => (hi >>> 0) % partitions;
