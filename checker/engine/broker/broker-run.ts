// What a run through the broker needs, whatever its workers do (partitions
// of a search, or walkers of a swarm): a connection with the coordinator's
// heartbeat, the workers gathered from the lobby with a job each, and one
// Asker per worker, which watches that worker's heartbeats.

import { randomBytes } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { NatsConnection } from "@nats-io/transport-node";
import { MemberLost, type Asker } from "../member-lost.ts";
import { engineVersion } from "./engine-version.ts";
import { KINDS } from "./job-thread-kinds.ts";
import { BrokerUnreachable, openLink, publishFramed, subscribeFramed, whenLost, type BrokerAddress } from "./link.ts";
import { beat, fromJson, HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS, hello, jobReply, subjects, type Hello, type Job } from "./messages.ts";

/** What crossed the broker between partitions, for the bench. */
export interface Traffic {
  readonly bytes: number;
  readonly messages: number;
}

export interface Gathering {
  readonly address: BrokerAddress;
  readonly workers: number;
  /** How long to wait for the workers to join; 60 s by default. */
  readonly joinTimeoutMs?: number;
  readonly heartbeatTimeoutMs?: number;
  readonly say?: (line: string) => void;
}

/** The job for the worker that will be `index`, given the run's name, the engine's version and the workers' heartbeat settings. */
export type JobFor = (index: number, common: { run: string; engine: string; heartbeatMs: number; heartbeatTimeoutMs: number }) => Job;

export interface BrokerRun {
  readonly members: BrokerMembers;
  /** Tells the workers the run is over (they wait for the next job) and closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects, gathers the workers and gives each its job. With `lossIsGlobal`
 * (a search) one lost worker fails every request; otherwise (a swarm) only
 * that worker's.
 */
export async function startRun(gathering: Gathering, jobFor: JobFor, lossIsGlobal: boolean): Promise<{ ok: true; run: BrokerRun } | { ok: false; message: string }> {
  let link: NatsConnection;
  try {
    link = await openLink(gathering.address, "splitbrain coordinator", false);
  } catch (error) {
    if (error instanceof BrokerUnreachable) return { ok: false, message: error.message };
    throw error;
  }
  const run = randomBytes(6).toString("hex");
  const timeoutMs = gathering.heartbeatTimeoutMs ?? HEARTBEAT_TIMEOUT_MS;
  const beating = setInterval(() => link.publish(subjects.beat(run), JSON.stringify({ from: -1 })), HEARTBEAT_MS);
  const close = async () => {
    clearInterval(beating);
    if (link.isClosed()) return;
    link.publish(subjects.end(run), "");
    await link.flush().catch(() => undefined);
    await link.close();
  };
  const common = { run, engine: engineVersion(), heartbeatMs: HEARTBEAT_MS, heartbeatTimeoutMs: timeoutMs * 3 };
  const joined = await gather(link, gathering, (index) => jobFor(index, common));
  if (!joined.ok) {
    await close();
    return joined;
  }
  const members = new BrokerMembers(link, run, joined.workers, timeoutMs, lossIsGlobal);
  return {
    ok: true,
    run: {
      members,
      close: async () => {
        members.close();
        await close();
      },
    },
  };
}

/** Offers the job to workers in the lobby until `workers` accepted it, or says why not. */
async function gather(link: NatsConnection, search: Gathering, jobFor: (index: number) => Job): Promise<{ ok: true; workers: Hello[] } | { ok: false; message: string }> {
  const engine = engineVersion();
  const seen = new Set<string>();
  const waiting: Hello[] = [];
  let wake: (() => void) | undefined;
  const lobby = link.subscribe(subjects.lobby, {
    callback: (error, message) => {
      if (error !== null) return;
      const h = hello.safeParse(fromJson(message.data));
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
      const job = jobFor(accepted.length);
      let reply;
      try {
        reply = jobReply.safeParse(fromJson((await link.request(subjects.job(next.worker), serialize(job), { timeout: 10_000 })).data));
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

/** The coordinator's view of the workers: one Asker each, and the watch on their heartbeats. */
export class BrokerMembers {
  readonly all: Asker<unknown>[];
  private readonly pending = new Map<number, { index: number; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly lastBeat: number[];
  /** Why each worker was lost, if it was. */
  private readonly lost: (MemberLost | undefined)[];
  private nextId = 0;
  private readonly sent = { bytes: 0, messages: 0 };
  private readonly timer: NodeJS.Timeout;
  private readonly undo: (() => void)[] = [];

  constructor(
    private readonly link: NatsConnection,
    private readonly run: string,
    private readonly workers: readonly Hello[],
    timeoutMs: number,
    private readonly lossIsGlobal: boolean,
  ) {
    const names = workers.map((h, i) => `worker ${i} (${h.worker}: ${h.host}, pid ${h.pid})`);
    this.lastBeat = workers.map(() => Date.now());
    this.lost = workers.map(() => undefined);
    this.all = workers.map((_, index) => ({ name: names[index]!, ask: <T>(request: unknown) => this.ask<T>(index, request) }));
    const answers = subscribeFramed(link, subjects.answers(run), (index, bytes) => this.answered(index, bytes));
    const beats = link.subscribe(subjects.beat(run), {
      callback: (error, message) => {
        if (error !== null) return;
        const b = beat.safeParse(fromJson(message.data));
        if (!b.success || b.data.from < 0 || b.data.from >= workers.length) return;
        if (b.data.failed !== undefined) this.lose(b.data.from, `${names[b.data.from]} failed: ${b.data.failed.split("\n")[0]}`);
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
      const silent = this.lastBeat.findIndex((t, i) => this.lost[i] === undefined && now - t > timeoutMs);
      if (silent >= 0) this.lose(silent, `${names[silent]} sent no heartbeat for ${((now - this.lastBeat[silent]!) / 1000).toFixed(1)} s (its process ended, or it was cut off from the broker)`);
    }, HEARTBEAT_MS / 2);
    void whenLost(link).then((why) => this.lose("all", `the coordinator: ${why}`));
  }

  get traffic(): Traffic {
    return { ...this.sent };
  }

  close(): void {
    clearInterval(this.timer);
    if (!this.link.isClosed()) for (const undo of this.undo) undo();
  }

  private ask<T>(index: number, request: unknown): Promise<T> {
    const lost = this.lost[index];
    if (lost !== undefined) return Promise.reject(lost);
    const id = this.nextId++;
    const body = serialize({ id, request });
    const message = new Uint8Array(1 + body.length);
    message[0] = KINDS.indexOf("request");
    message.set(body, 1);
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { index, resolve: resolve as (value: unknown) => void, reject });
      publishFramed(this.link, subjects.to(this.run, index), this.workers.length, message);
    });
  }

  private answered(index: number, bytes: Uint8Array): void {
    const { id, result, error } = deserialize(bytes) as { id: number; result?: unknown; error?: string };
    const waiting = this.pending.get(id);
    if (waiting === undefined || waiting.index !== index) return;
    this.pending.delete(id);
    if (error !== undefined) return waiting.reject(new Error(`${this.all[index]!.name}: ${error}`));
    // Only a partition's answer to "stats" carries this (job-thread.ts).
    const traffic = (result as { traffic?: Traffic } | null)?.traffic;
    if (traffic !== undefined) {
      this.sent.bytes += traffic.bytes;
      this.sent.messages += traffic.messages;
    }
    waiting.resolve(result);
  }

  /** Fails the requests to a lost worker, or to every worker if the loss is global. */
  private lose(who: number | "all", message: string): void {
    const error = new MemberLost(message);
    const indices = who === "all" || this.lossIsGlobal ? this.workers.map((_, i) => i) : [who];
    for (const index of indices) this.lost[index] ??= error;
    for (const [id, waiting] of this.pending) {
      if (!indices.includes(waiting.index)) continue;
      this.pending.delete(id);
      waiting.reject(this.lost[waiting.index]!);
    }
  }
}
