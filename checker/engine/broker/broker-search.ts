// The coordinator's side of a search through a broker (`check --broker URL
// --workers N`). It gathers N workers from the lobby, offers each a job by
// name, then runs the very same coordinator as threads do (parallel/
// coordinator.ts), with members that speak through the broker. Every worker
// and the coordinator beat every half second; a worker silent for longer
// than the timeout, a worker whose partition failed, or a lost connection
// ends the run as incomplete, naming who and when: never a pass.

import { randomBytes } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { NatsConnection } from "@nats-io/transport-node";
import type { CheckResult } from "../check-result.ts";
import type { Selection } from "../spec-source.ts";
import type { AnySpec } from "../spec.ts";
import { withSymmetryOption } from "../symmetry.ts";
import { coordinate, type ParallelOptions } from "../parallel/coordinator.ts";
import { MemberLost, type Member, type Request } from "../parallel/requests.ts";
import { engineVersion } from "./engine-version.ts";
import { BrokerUnreachable, openLink, publishFramed, subscribeFramed, whenLost, type BrokerAddress } from "./link.ts";
import { beat, HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS, hello, jobReply, subjects, type Hello, type Job } from "./messages.ts";

export interface BrokerSearch {
  readonly address: BrokerAddress;
  readonly workers: number;
  /** The coordinator's own copy of the spec: initial states, and the replay of every trace it reports. */
  readonly spec: AnySpec;
  /** The same spec by name, as the workers build it. */
  readonly names: { readonly spec: string; readonly config: unknown; readonly selection?: Selection };
  /** How long to wait for the workers to join; 60 s by default. */
  readonly joinTimeoutMs?: number;
  readonly heartbeatTimeoutMs?: number;
  readonly say?: (line: string) => void;
}

/** What crossed the broker between partitions, for the bench. */
export interface Traffic {
  readonly bytes: number;
  readonly messages: number;
}

export type BrokerOutcome<S, A> = { readonly ok: true; readonly result: CheckResult<S, A>; readonly traffic: Traffic } | { readonly ok: false; readonly message: string };

/** The search, or (exit 2 for the caller) why it could not start: no broker, not enough workers, a worker of another version. */
export async function checkOverBroker<S, A>(search: BrokerSearch, options: ParallelOptions = {}): Promise<BrokerOutcome<S, A>> {
  let link: NatsConnection;
  try {
    link = await openLink(search.address, "splitbrain coordinator", false);
  } catch (error) {
    if (error instanceof BrokerUnreachable) return { ok: false, message: error.message };
    throw error;
  }
  const run = randomBytes(6).toString("hex");
  const timeoutMs = search.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
  const beating = setInterval(() => link.publish(subjects.beat(run), JSON.stringify({ from: -1 })), HEARTBEAT_MS);
  try {
    const joined = await gather(link, run, search, options, timeoutMs);
    if (!joined.ok) return joined;
    const members = new BrokerMembers(link, run, joined.workers, timeoutMs);
    try {
      const result = await coordinate<S, A>(withSymmetryOption(search.spec, options), members.all, options);
      return { ok: true, result, traffic: members.traffic };
    } finally {
      members.close();
    }
  } finally {
    clearInterval(beating);
    if (!link.isClosed()) {
      link.publish(subjects.end(run), "");
      await link.flush().catch(() => undefined);
      await link.close();
    }
  }
}

/** Offers the job to workers in the lobby until `workers` accepted it, or says why not. */
async function gather(link: NatsConnection, run: string, search: BrokerSearch, options: ParallelOptions, timeoutMs: number): Promise<{ ok: true; workers: Hello[] } | { ok: false; message: string }> {
  const engine = engineVersion();
  const seen = new Set<string>();
  const waiting: Hello[] = [];
  let wake: (() => void) | undefined;
  const lobby = link.subscribe(subjects.lobby, {
    callback: (error, message) => {
      if (error !== null) return;
      const h = hello.safeParse(parseJson(message.data));
      if (!h.success || seen.has(h.data.worker)) return;
      seen.add(h.data.worker);
      waiting.push(h.data);
      wake?.();
    },
  });
  const joinTimeoutMs = search.joinTimeoutMs ?? 60_000;
  const deadline = Date.now() + joinTimeoutMs;
  const accepted: Hello[] = [];
  const refused: string[] = [];
  search.say?.(`waiting for ${search.workers} workers at ${search.address.shown} (start them with: splitbrain worker --broker ${search.address.shown})`);
  try {
    while (accepted.length < search.workers) {
      const next = waiting.shift();
      if (next === undefined) {
        const left = deadline - Date.now();
        if (left <= 0) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        continue;
      }
      const job: Job = {
        run,
        engine,
        index: accepted.length,
        partitions: search.workers,
        spec: search.names.spec,
        config: search.names.config,
        selection: search.names.selection,
        checkDeadlock: options.checkDeadlock ?? false,
        symmetry: options.symmetry ?? true,
        paranoid: options.paranoid ?? false,
        heartbeatMs: HEARTBEAT_MS,
        heartbeatTimeoutMs: timeoutMs * 3,
      };
      let reply;
      try {
        reply = jobReply.safeParse(parseJson((await link.request(subjects.job(next.worker), serialize(job), { timeout: 10_000 })).data));
      } catch {
        refused.push(`worker ${next.worker} did not answer`);
        continue;
      }
      if (!reply.success) refused.push(`worker ${next.worker} answered with something splitbrain does not send`);
      else if (reply.data.accepted) {
        accepted.push(next);
        search.say?.(`worker ${accepted.length - 1}: ${next.worker} (${next.host}, pid ${next.pid}) joined; ${accepted.length} of ${search.workers}`);
      } else {
        // Another version of splitbrain builds other specs: its workers are named at the end, and others are waited for.
        refused.push(reply.data.why);
        search.say?.(reply.data.why);
      }
    }
  } finally {
    lobby.unsubscribe();
  }
  if (accepted.length === search.workers) return { ok: true, workers: accepted };
  const who = accepted.length === 0 ? "none joined" : `${accepted.length} joined (${accepted.map((h) => h.worker).join(", ")})`;
  const waited = `waited ${Math.round(joinTimeoutMs / 1000)} s for ${search.workers} workers at ${search.address.shown}`;
  return {
    ok: false,
    message: `${waited}: ${who}${refused.length > 0 ? `; refused: ${refused.join("; ")}` : ""}. Start each worker with: splitbrain worker --broker ${search.address.shown}, from the same splitbrain checkout (engine ${engine}).`,
  };
}

/** The coordinator's view of the workers: one Member each, and the watch on their heartbeats. */
class BrokerMembers {
  readonly all: Member[];
  private readonly pending = new Map<number, { index: number; type: Request["type"]; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly lastBeat: number[];
  private lost: MemberLost | undefined;
  private nextId = 0;
  private readonly sent = { bytes: 0, messages: 0 };
  private readonly timer: NodeJS.Timeout;
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly link: NatsConnection,
    private readonly run: string,
    private readonly workers: readonly Hello[],
    timeoutMs: number,
  ) {
    const names = workers.map((h, i) => `worker ${i} (${h.worker}: ${h.host}, pid ${h.pid})`);
    this.lastBeat = workers.map(() => Date.now());
    this.all = workers.map((_, index) => ({ name: names[index]!, ask: <T>(request: Request) => this.ask<T>(index, request) }));
    const answers = subscribeFramed(link, subjects.answers(run), (index, bytes) => this.answered(index, bytes));
    const beats = link.subscribe(subjects.beat(run), {
      callback: (error, message) => {
        if (error !== null) return;
        const b = beat.safeParse(parseJson(message.data));
        if (!b.success || b.data.from < 0 || b.data.from >= workers.length) return;
        if (b.data.failed !== undefined) this.lose(`${names[b.data.from]} failed: ${b.data.failed.split("\n")[0]}`);
        else this.lastBeat[b.data.from] = Date.now();
      },
    });
    this.undo.push(() => answers.unsubscribe(), () => beats.unsubscribe());
    let lastTick = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      // This process was busy and read no beats for a while: that says nothing about the workers.
      if (now - lastTick > 2 * HEARTBEAT_MS) this.lastBeat.fill(now);
      lastTick = now;
      const silent = this.lastBeat.findIndex((t) => now - t > timeoutMs);
      if (silent >= 0) this.lose(`${names[silent]} sent no heartbeat for ${((now - this.lastBeat[silent]!) / 1000).toFixed(1)} s (its process ended, or it was cut off from the broker)`);
    }, HEARTBEAT_MS / 2);
    void whenLost(link).then((why) => this.lose(`the coordinator: ${why}`));
  }

  get traffic(): Traffic {
    return { ...this.sent };
  }

  close(): void {
    clearInterval(this.timer);
    if (!this.link.isClosed()) for (const undo of this.undo) undo();
  }

  private ask<T>(index: number, request: Request): Promise<T> {
    if (this.lost !== undefined) return Promise.reject(this.lost);
    const id = this.nextId++;
    const body = serialize({ id, request });
    const message = new Uint8Array(1 + body.length);
    message[0] = 3; // a request (partition-thread.ts)
    message.set(body, 1);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { index, type: request.type, resolve: resolve as (value: unknown) => void, reject });
      publishFramed(this.link, subjects.to(this.run, index), this.workers.length, message);
    });
  }

  private answered(index: number, bytes: Uint8Array): void {
    const { id, result, error } = deserialize(bytes) as { id: number; result?: unknown; error?: string };
    const waiting = this.pending.get(id);
    if (waiting === undefined || waiting.index !== index) return;
    this.pending.delete(id);
    if (error !== undefined) return waiting.reject(new Error(`${this.all[index]!.name}: ${error}`));
    const traffic = (result as { traffic?: Traffic } | null)?.traffic;
    if (waiting.type === "stats" && traffic !== undefined) {
      this.sent.bytes += traffic.bytes;
      this.sent.messages += traffic.messages;
    }
    waiting.resolve(result);
  }

  private lose(message: string): void {
    if (this.lost !== undefined) return;
    this.lost = new MemberLost(message);
    for (const waiting of this.pending.values()) waiting.reject(this.lost);
    this.pending.clear();
  }
}

function parseJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
