// One job of a worker process, in a thread of its own (worker-service.ts
// starts it), with its own connection to the broker: one partition of a
// search, or walks of a simulation's members. The coordinator's requests,
// and for a partition the other partitions' data, arrive on one subject; the
// answers go back on another. A connection lost mid-run is not retried:
// messages may have gone with it, so the thread says so and ends, and the
// coordinator decides (a search ends as incomplete; a swarm gives the jobs
// to other workers).

import { parentPort, workerData } from "node:worker_threads";
import { deserialize, serialize } from "node:v8";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { withSymmetryOption } from "../symmetry.ts";
import { Partition } from "../parallel/partition.ts";
import { answer, type Request } from "../parallel/requests.ts";
import type { Kind, Transport } from "../parallel/transport.ts";
import { seriesRunner, type SeriesJob } from "../simulate/walk-series.ts";
import { openLink, publishFramed, subscribeFramed, whenLost, type BrokerAddress } from "./link.ts";
import { subjects, type Job, type PartitionJob, type WalksJob } from "./messages.ts";
import { KINDS } from "./job-thread-kinds.ts";

export interface JobThreadSetup {
  readonly address: BrokerAddress;
  readonly job: Job;
  /** The job's specs as this worker builds them: the partition's one, or one per member, in the job's order. */
  readonly sources: readonly SpecSource[];
}

/** What the thread tells the worker process. */
export type ThreadNote = { readonly type: "ready" } | { readonly type: "doing"; readonly what: string } | { readonly type: "lost"; readonly why: string };


const { address, job, sources } = workerData as JobThreadSetup;
const note = (n: ThreadNote) => parentPort!.postMessage(n);
const link = await openLink(address, `splitbrain ${job.kind} ${job.index} of run ${job.run}`, false);
void whenLost(link).then((why) => {
  note({ type: "lost", why });
  process.exit(1);
});

/** Bytes and messages this partition sent the others, for the bench. */
const sent = { bytes: 0, messages: 0 };

function sendTo(to: number, kind: Kind, bytes: Uint8Array): void {
  const message = new Uint8Array(1 + bytes.length);
  message[0] = KINDS.indexOf(kind);
  message.set(bytes, 1);
  sent.bytes += message.length;
  sent.messages++;
  publishFramed(link, subjects.to(job.run, to), job.index, message);
}

/** How a job answers one request, and takes the data other workers send it (partitions only). */
interface Server {
  readonly answer: (request: unknown) => Promise<unknown>;
  readonly deliver?: (from: number, kind: Kind, bytes: ArrayBuffer) => void;
}

async function partitionServer(j: PartitionJob): Promise<Server> {
  let handler: ((from: number, kind: Kind, bytes: ArrayBuffer) => void) | undefined;
  const transport: Transport = {
    send: (to, kind, bytes) => sendTo(to, kind, new Uint8Array(bytes)),
    onReceive: (h) => (handler = h),
  };
  const spec = withSymmetryOption(await buildSpec(sources[0]!), j);
  const partition = new Partition(spec, j.index, j.partitions, transport, j.checkDeadlock, j.paranoid);
  return {
    answer: async (request) => {
      const result = await answer(partition, request as Request);
      return (request as Request).type === "stats" ? { ...(result as object), traffic: sent } : result;
    },
    deliver: (from, kind, bytes) => handler!(from, kind, bytes),
  };
}

function walksServer(j: WalksJob): Server {
  const run = seriesRunner({ seed: j.seed, settings: j.settings, members: j.members.map((m, at) => ({ index: m.index, source: sources[at]!, style: m.style })) });
  return { answer: (request) => run(request as SeriesJob) };
}

const server = job.kind === "partition" ? await partitionServer(job) : walksServer(job);

// Requests are answered one at a time, in order; data is taken as it comes, also while a request waits for it.
let queue = Promise.resolve();
subscribeFramed(link, subjects.to(job.run, job.index), (from, message) => {
  const kind = KINDS[message[0]!]!;
  const body = message.subarray(1);
  if (kind !== "request") {
    server.deliver?.(from, kind, body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    return;
  }
  const { id, request } = deserialize(body) as { id: number; request: { type?: string } };
  queue = queue.then(async () => {
    note({ type: "doing", what: request.type ?? `walks of member ${(request as SeriesJob).member}` });
    let reply: unknown;
    try {
      reply = { id, result: await server.answer(request) };
    } catch (error) {
      reply = { id, error: (error as Error).stack ?? String(error) };
    }
    publishFramed(link, subjects.answers(job.run), job.index, serialize(reply));
  });
});
await link.flush();
note({ type: "ready" });
