// One partition of a search run through a broker, in a thread of a worker
// process (worker-service.ts starts it). It has its own connection: the
// coordinator's requests and the other partitions' data arrive on one
// subject, its answers go back on another. A connection lost mid-run is not
// retried: messages may have gone with it, so the thread says so and ends,
// and the coordinator ends the run as incomplete.

import { parentPort, workerData } from "node:worker_threads";
import { deserialize, serialize } from "node:v8";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { withSymmetryOption } from "../symmetry.ts";
import { Partition } from "../parallel/partition.ts";
import { answer, type Request } from "../parallel/requests.ts";
import type { Kind, Transport } from "../parallel/transport.ts";
import { openLink, publishFramed, subscribeFramed, whenLost, type BrokerAddress } from "./link.ts";
import { subjects, type Job } from "./messages.ts";

export interface PartitionThreadSetup {
  readonly address: BrokerAddress;
  readonly job: Job;
  readonly source: SpecSource;
}

/** What the thread tells the worker process. */
export type ThreadNote = { readonly type: "ready" } | { readonly type: "doing"; readonly what: string } | { readonly type: "lost"; readonly why: string };

/** The first byte of every message to a partition. */
const KINDS: readonly (Kind | "request")[] = ["steps", "verdict", "states", "request"];

const { address, job, source } = workerData as PartitionThreadSetup;
const note = (n: ThreadNote) => parentPort!.postMessage(n);
const link = await openLink(address, `splitbrain partition ${job.index} of run ${job.run}`, false);
void whenLost(link).then((why) => {
  note({ type: "lost", why });
  process.exit(1);
});

/** Bytes and messages this partition sent the others, for the bench. */
const sent = { bytes: 0, messages: 0 };

function sendTo(to: number, kind: Kind | "request", bytes: Uint8Array): void {
  const message = new Uint8Array(1 + bytes.length);
  message[0] = KINDS.indexOf(kind);
  message.set(bytes, 1);
  sent.bytes += message.length;
  sent.messages++;
  publishFramed(link, subjects.to(job.run, to), job.index, message);
}

let deliver: ((from: number, kind: Kind, bytes: ArrayBuffer) => void) | undefined;
const transport: Transport = {
  send: (to, kind, bytes) => sendTo(to, kind, new Uint8Array(bytes)),
  onReceive: (handler) => (deliver = handler),
};

const spec = withSymmetryOption(await buildSpec(source), job);
const partition = new Partition(spec, job.index, job.partitions, transport, job.checkDeadlock, job.paranoid);

// Requests are answered one at a time, in order; data is taken as it comes, also while a request waits for it.
let queue = Promise.resolve();
subscribeFramed(link, subjects.to(job.run, job.index), (from, message) => {
  const kind = KINDS[message[0]!]!;
  const body = message.subarray(1);
  if (kind !== "request") {
    deliver!(from, kind, body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer);
    return;
  }
  const { id, request } = deserialize(body) as { id: number; request: Request };
  queue = queue.then(async () => {
    note({ type: "doing", what: request.type });
    let reply: unknown;
    try {
      const result = await answer(partition, request);
      reply = { id, result: request.type === "stats" ? { ...(result as object), traffic: sent } : result };
    } catch (error) {
      reply = { id, error: (error as Error).stack ?? String(error) };
    }
    publishFramed(link, subjects.answers(job.run), job.index, serialize(reply));
  });
});
await link.flush();
note({ type: "ready" });
