// `splitbrain worker`: a process that waits at the broker for jobs and
// serves one partition of one search at a time. While idle it says hello in
// the lobby every second; a coordinator offers it a job; it refuses one from
// another engine version, or one its copy of splitbrain cannot build, with a
// message that says why. An accepted job runs in a thread of its own, so
// that this process's heartbeats go on while the partition is busy: they
// stop only if the process dies or loses the broker, which is exactly what
// the coordinator must notice. When the coordinator ends the run, or falls
// silent, the thread is stopped and the worker waits for the next job.

import { hostname } from "node:os";
import type { Worker } from "node:worker_threads";
import type { NatsConnection } from "@nats-io/transport-node";
import { deserialize } from "node:v8";
import type { SpecSource } from "../spec-source.ts";
import { startTypeScriptThread } from "../worker-thread.ts";
import { engineVersion } from "./engine-version.ts";
import { openLink, type BrokerAddress } from "./link.ts";
import { beat, fromJson, job as jobSchema, subjects, type Job, type JobReply } from "./messages.ts";
import type { JobThreadSetup, ThreadNote } from "./job-thread.ts";

/** How a worker's copy of splitbrain turns a spec's name and configuration into a spec to build, or says why it cannot. */
export type Resolve = (
  spec: string,
  config: unknown,
  selection: Job["selection"],
) => { readonly ok: true; readonly source: SpecSource; readonly title: string } | { readonly ok: false; readonly why: string };

export interface WorkerServiceOptions {
  readonly address: BrokerAddress;
  readonly resolve: Resolve;
  /** One line about what the worker is doing. */
  readonly say: (line: string) => void;
  /** A name for this worker in the coordinator's messages; host and process id by default. */
  readonly name?: string;
}

interface Running {
  readonly job: Job;
  readonly thread: Worker;
  /** Timers and subscriptions to undo when the job ends. */
  readonly cleanups: (() => void)[];
  lastCoordinatorBeat: number;
  doing: string;
}

export class WorkerService {
  readonly id: string;
  private link!: NatsConnection;
  private running: Running | undefined;
  private lobbyTimer: NodeJS.Timeout | undefined;
  private readonly engine = engineVersion();

  constructor(private readonly options: WorkerServiceOptions) {
    this.id = (options.name ?? `${hostname()}-${process.pid}`).replace(/[^A-Za-z0-9_-]/g, "-");
  }

  /** Connects (or throws BrokerUnreachable) and serves until `stop`. */
  async start(): Promise<void> {
    const { address, say } = this.options;
    this.link = await openLink(address, `splitbrain worker ${this.id}`, true);
    void this.watchConnection();
    this.link.subscribe(subjects.job(this.id), {
      callback: (error, message) => {
        if (error === null) void this.offered(message.data).then((reply) => message.respond(JSON.stringify(reply)));
      },
    });
    this.lobbyTimer = setInterval(() => this.sayHello(), 1000);
    this.sayHello();
    say(`worker ${this.id} (engine ${this.engine}): waiting for a job at ${address.shown}`);
  }

  async stop(): Promise<void> {
    clearInterval(this.lobbyTimer);
    await this.endJob("the worker was stopped");
    await this.link.close();
  }

  private sayHello(): void {
    if (this.running !== undefined || this.link.isClosed()) return;
    this.link.publish(subjects.lobby, JSON.stringify({ worker: this.id, host: hostname(), pid: process.pid, engine: this.engine }));
  }

  private async watchConnection(): Promise<void> {
    for await (const status of this.link.status()) {
      if (status.type === "disconnect") {
        this.options.say(`lost the broker at ${this.options.address.shown}; trying again every half second`);
        await this.endJob("the broker was lost");
      } else if (status.type === "reconnect") {
        this.options.say(`back at the broker; waiting for a job`);
      }
    }
  }

  private async offered(data: Uint8Array): Promise<JobReply> {
    let parsed: ReturnType<typeof jobSchema.safeParse>;
    try {
      parsed = jobSchema.safeParse(deserialize(data));
    } catch {
      return { accepted: false, why: `worker ${this.id}: the job offered is not one splitbrain sends` };
    }
    if (!parsed.success) return { accepted: false, why: `worker ${this.id}: the job offered is not one splitbrain sends (${parsed.error.issues[0]?.path.join(".")})` };
    const job = parsed.data;
    if (job.engine !== this.engine) {
      this.options.say(`refused a job of engine ${job.engine}: this worker is ${this.engine}`);
      return { accepted: false, why: `worker ${this.id} runs engine ${this.engine}, the coordinator ${job.engine}: run the same splitbrain checkout on every machine` };
    }
    if (this.running !== undefined) return { accepted: false, why: `worker ${this.id} is busy with run ${this.running.job.run}` };
    const configs = job.kind === "partition" ? [job.config] : job.members.map((m) => m.config);
    const sources: SpecSource[] = [];
    const titles: string[] = [];
    for (const config of configs) {
      const resolved = this.options.resolve(job.spec, config, job.selection);
      if (!resolved.ok) return { accepted: false, why: `worker ${this.id}: ${resolved.why}` };
      sources.push(resolved.source);
      titles.push(resolved.title);
    }
    const started = await this.startJob(job, sources);
    if (started !== undefined) return { accepted: false, why: `worker ${this.id}: ${started}` };
    const title = titles[0] ?? job.spec;
    this.options.say(
      job.kind === "partition"
        ? `joined run ${job.run} as partition ${job.index} of ${job.partitions}: ${title}`
        : `joined run ${job.run} as walker ${job.index}: ${title}, ${job.members.length} members, seed ${job.seed}`,
    );
    return { accepted: true };
  }

  /** Starts the job's thread; undefined once it is ready, else why it could not start. */
  private startJob(job: Job, sources: readonly SpecSource[]): Promise<string | undefined> {
    const setup: JobThreadSetup = { address: this.options.address, job, sources };
    const thread = startTypeScriptThread(new URL("./job-thread.ts", import.meta.url), setup);
    const running: Running = { job, thread, cleanups: [], lastCoordinatorBeat: Date.now(), doing: "starting" };
    this.running = running;
    return new Promise((resolve) => {
      thread.on("message", (n: ThreadNote) => {
        if (n.type === "ready") {
          this.beginBeats(running);
          resolve(undefined);
        } else if (n.type === "doing") running.doing = n.what;
        else void this.failed(running, n.why);
      });
      thread.on("error", (error: Error) => {
        resolve(error.message);
        void this.failed(running, error.stack ?? error.message);
      });
      thread.on("exit", () => resolve("its partition's thread ended before it was ready"));
    });
  }

  private beginBeats(running: Running): void {
    const { job } = running;
    const beatNow = () => this.link.publish(subjects.beat(job.run), JSON.stringify({ from: job.index }));
    beatNow();
    const every = (ms: number, f: () => void) => {
      const timer = setInterval(f, ms);
      running.cleanups.push(() => clearInterval(timer));
    };
    every(job.heartbeatMs, beatNow);
    let lastTick = Date.now();
    every(job.heartbeatMs, () => {
      const now = Date.now();
      // This process was itself held up and read no beats meanwhile: that says nothing about the coordinator.
      if (now - lastTick > 2 * job.heartbeatMs) running.lastCoordinatorBeat = now;
      lastTick = now;
      if (now - running.lastCoordinatorBeat > job.heartbeatTimeoutMs) void this.endJob(`the coordinator of run ${job.run} fell silent`);
    });
    every(10_000, () => this.options.say(`run ${job.run}, ${job.kind} ${job.index}: ${running.doing}`));
    const beats = this.link.subscribe(subjects.beat(job.run), {
      callback: (error, message) => {
        if (error !== null) return;
        const b = beat.safeParse(fromJson(message.data));
        if (b.success && b.data.from === -1) running.lastCoordinatorBeat = Date.now();
      },
    });
    const end = this.link.subscribe(subjects.end(job.run), { callback: () => void this.endJob(`run ${job.run} is over`) });
    running.cleanups.push(() => beats.unsubscribe(), () => end.unsubscribe());
  }

  /** The partition stopped with an error: the coordinator is told, with the error, and the job ends. */
  private async failed(running: Running, why: string): Promise<void> {
    if (this.running !== running) return;
    if (!this.link.isClosed()) this.link.publish(subjects.beat(running.job.run), JSON.stringify({ from: running.job.index, failed: `worker ${this.id}: ${why}` }));
    await this.endJob(`its partition failed: ${why.split("\n")[0]}`);
  }

  private async endJob(why: string): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    for (const undo of running.cleanups) {
      try {
        undo();
      } catch {
        // A subscription on a connection that is already gone: nothing to undo.
      }
    }
    await running.thread.terminate();
    this.options.say(`left run ${running.job.run} (${why}); waiting for a job`);
    this.sayHello();
  }
}
