// What travels through the broker besides the partitions' own bytes, and on
// which subjects. Workers are told what to search by name (a spec, its
// configuration, its variants, the engine's version), never by code: a
// worker builds the spec from its own copy of splitbrain, and refuses a job
// its copy cannot build exactly.

import { z } from "zod";

const PREFIX = "splitbrain";

export const subjects = {
  /** Idle workers say here, every second, that they are there. */
  lobby: `${PREFIX}.lobby`,
  /** A job offered to one worker (request and reply). */
  job: (worker: string) => `${PREFIX}.worker.${worker}.job`,
  /** Everything for partition `index` of a run: the coordinator's requests and the other partitions' data. */
  to: (run: string, index: number) => `${PREFIX}.run.${run}.to.${index}`,
  /** The partitions' answers to the coordinator. */
  answers: (run: string) => `${PREFIX}.run.${run}.answers`,
  /** Heartbeats of the coordinator and of every worker of a run, and a worker's failure. */
  beat: (run: string) => `${PREFIX}.run.${run}.beat`,
  /** The coordinator is done with a run: its workers go back to waiting. */
  end: (run: string) => `${PREFIX}.run.${run}.end`,
};

/** A JSON message's value, or undefined if it is not JSON: the zod schemas below then refuse it. */
export function fromJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}

export const hello = z.object({
  worker: z.string().regex(/^[A-Za-z0-9_-]+$/),
  host: z.string(),
  pid: z.number().int(),
  engine: z.string(),
});
export type Hello = z.infer<typeof hello>;

export const beat = z.object({
  /** A partition's index, or -1 for the coordinator. */
  from: z.number().int(),
  /** Set once, when the worker's partition stopped with an error. */
  failed: z.string().optional(),
});
export type Beat = z.infer<typeof beat>;

const common = {
  run: z.string().regex(/^[a-f0-9]+$/),
  engine: z.string(),
  /** This worker's place in the run: its partition, or its place among the walkers. */
  index: z.number().int().min(0),
  spec: z.string(),
  selection: z.object({ invariants: z.array(z.string()).readonly().optional(), witnesses: z.array(z.string()).readonly().optional() }).optional(),
  heartbeatMs: z.number().int().positive(),
  heartbeatTimeoutMs: z.number().int().positive(),
};

/** A job a worker is offered: one partition of a search, or walks of a simulation's members. */
export const job = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("partition"),
    ...common,
    partitions: z.number().int().min(1),
    /** Plain data the worker's own copy parses (for the protocol: the configuration, with its variants). */
    config: z.unknown(),
    checkDeadlock: z.boolean(),
    symmetry: z.boolean(),
    paranoid: z.boolean(),
  }),
  z.object({
    kind: z.literal("walks"),
    ...common,
    seed: z.number().int(),
    settings: z.object({ checkDeadlock: z.boolean(), keepGoing: z.boolean() }),
    /** Each member: its number, its (narrowed) configuration, and how its walks go. */
    members: z.array(z.object({ index: z.number().int().min(0), config: z.unknown(), style: z.object({ depth: z.number().int().positive(), familyWeights: z.record(z.string(), z.number()) }) })),
  }),
]);
export type Job = z.infer<typeof job>;
export type PartitionJob = Extract<Job, { kind: "partition" }>;
export type WalksJob = Extract<Job, { kind: "walks" }>;

export const jobReply = z.discriminatedUnion("accepted", [z.object({ accepted: z.literal(true) }), z.object({ accepted: z.literal(false), why: z.string() })]);
export type JobReply = z.infer<typeof jobReply>;

/** Heartbeats every half second; a member silent for 5 s is taken as lost. */
export const HEARTBEAT_MS = 500;
export const HEARTBEAT_TIMEOUT_MS = 5000;
