// The command line over a real NATS server: worker processes on the
// loopback address, killed by process id mid-run; the broker restarted; the
// coordinator killed. Each loss ends as incomplete (exit 3) with the last
// whole checkpoint, and --resume with the workers then at hand ends with the
// results of a run that never stopped. Setup mistakes exit 2 with one
// paragraph.

import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startBroker, startWorker, untilPrinted, type TestBroker, type TestWorker } from "../engine/broker/test-broker.ts";

const CLI = "bin/splitbrain.js";
const folder = mkdtempSync(join(tmpdir(), "splitbrain-broker-"));

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command line as a child process; `child` is handed over so a test can kill it. */
function cli(args: readonly string[], onStart: (child: ChildProcess) => void = () => {}, env: Record<string, string> = {}): Promise<Ran> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  onStart(child);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

const workerOf = (url: string, name: string, env: Record<string, string> = {}) => startWorker([CLI, "worker", "--broker", url, "--name", name], env);

/** What must not depend on how the run was split or interrupted. */
function essentials(json: string) {
  const r = JSON.parse(json) as { verdict: string; stats: Record<string, unknown>; witnesses: unknown; coverage: unknown; rules: unknown; trace?: unknown };
  const { depth, generated, distinct, queued } = r.stats;
  return { verdict: r.verdict, trace: r.trace, counts: { depth, generated, distinct, queued }, witnesses: r.witnesses, coverage: r.coverage, rules: r.rules };
}

async function until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let broker: TestBroker;
let workers: TestWorker[] = [];
let uninterrupted: ReturnType<typeof essentials>;

beforeAll(async () => {
  broker = await startBroker();
  const whole = spawnSync(process.execPath, [CLI, "check", "--config", "small", "--json"], { encoding: "utf8" });
  uninterrupted = essentials(whole.stdout);
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await broker?.stop();
});

/** Three workers ready for a job (new ones replace any that were killed). */
async function threeWorkers(tag: string): Promise<TestWorker[]> {
  const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const fresh = await Promise.all(Array.from({ length: Math.max(0, 3 - alive.length) }, (_, i) => workerOf(broker.url, `${tag}-${i}`)));
  workers = [...alive, ...fresh];
  return workers;
}

/** Starts `small` over three workers with a checkpoint at every level; `interrupt` runs once the first checkpoint is on disk. */
async function interrupted(file: string, interrupt: (coordinator: ChildProcess) => Promise<void>): Promise<{ ran: Ran; afterMs: number }> {
  let interruptedAt = 0;
  const ran = await cli(["check", "--config", "small", "--broker", broker.url, "--workers", "3", "--checkpoint", file, "--checkpoint-every", "0.2", "--json"], (child) => {
    void until(() => existsSync(file), "the first checkpoint").then(async () => {
      await new Promise((r) => setTimeout(r, 300));
      interruptedAt = Date.now();
      await interrupt(child);
    });
  });
  return { ran, afterMs: Date.now() - interruptedAt };
}

async function resumed(file: string): Promise<Ran> {
  return cli(["check", "--resume", file, "--broker", broker.url, "--json", "--join-timeout", "30"]);
}

describe("losing a part of a search through the broker loses nothing and earns no pass", () => {
  it("a worker killed mid-level: INCOMPLETE within seconds, naming it and the level; a new worker resumes to the uninterrupted result", async () => {
    const [, victim] = await threeWorkers("kill");
    const file = join(folder, "killed.ckpt");
    const { ran, afterMs } = await interrupted(file, () => victim!.kill());
    expect(ran.code, ran.stderr).toBe(3);
    const reason = (JSON.parse(ran.stdout) as { reason: string }).reason;
    expect(reason).toMatch(new RegExp(`^worker \\d \\([^:]+: [^,]+, pid ${victim!.pid}\\) sent no heartbeat for [\\d.]+ s .*, during level \\d+ \\(\\w+`));
    expect(reason).toContain(`go on with --resume ${file}`);
    expect(afterMs).toBeLessThan(15_000);
    await threeWorkers("replacement");
    const again = await resumed(file);
    expect(again.code, again.stderr).toBe(0);
    expect(essentials(again.stdout)).toEqual(uninterrupted);
  }, 180_000);

  it("a worker frozen mid-level (SIGSTOP: alive, connected, silent, as one cut off): INCOMPLETE within seconds, naming it", async () => {
    const [, , victim] = await threeWorkers("frozen");
    const file = join(folder, "frozen.ckpt");
    try {
      const { ran, afterMs } = await interrupted(file, async () => void process.kill(victim!.pid, "SIGSTOP"));
      expect(ran.code, ran.stderr).toBe(3);
      expect((JSON.parse(ran.stdout) as { reason: string }).reason).toMatch(new RegExp(`^worker \\d \\([^:]+: [^,]+, pid ${victim!.pid}\\) sent no heartbeat for [\\d.]+ s .*, during level \\d+`));
      expect(afterMs).toBeLessThan(15_000);
    } finally {
      process.kill(victim!.pid, "SIGCONT");
      await victim!.kill();
    }
  }, 180_000);

  it("the broker restarted mid-run: INCOMPLETE; the workers come back to the lobby, and the resume ends as if nothing happened", async () => {
    const team = await threeWorkers("restart");
    const file = join(folder, "restarted.ckpt");
    const { ran } = await interrupted(file, () => broker.restart());
    expect(ran.code, ran.stderr).toBe(3);
    expect((JSON.parse(ran.stdout) as { reason: string }).reason).toMatch(/the coordinator: the connection to the broker was (lost|closed), during level \d+/);
    for (const w of team) await untilPrinted(w.child, /back at the broker/, w.output);
    const again = await resumed(file);
    expect(again.code, again.stderr).toBe(0);
    expect(essentials(again.stdout)).toEqual(uninterrupted);
  }, 180_000);

  it("the coordinator killed: its workers notice it fell silent and wait for the next job; the resume ends as if nothing happened", async () => {
    const team = await threeWorkers("orphan");
    const file = join(folder, "orphaned.ckpt");
    const { ran } = await interrupted(file, async (coordinator) => void process.kill(coordinator.pid!, "SIGKILL"));
    expect(ran.code).toBe(null);
    for (const w of team) await untilPrinted(w.child, /fell silent\); waiting for a job/, w.output, 40_000);
    const again = await resumed(file);
    expect(again.code, again.stderr).toBe(0);
    expect(essentials(again.stdout)).toEqual(uninterrupted);
  }, 180_000);
});

describe("a search through a broker that cannot start says why in one paragraph, exit 2", () => {
  const oneParagraph = (ran: Ran) => {
    expect(ran.code).toBe(2);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
    expect(ran.stderr.trim().split("\n\n")).toHaveLength(1);
  };

  it("no broker at the address", async () => {
    const port = await freePort();
    const ran = await cli(["check", "--config", "tiny", "--broker", `nats://127.0.0.1:${port}`, "--workers", "2"]);
    oneParagraph(ran);
    expect(ran.stderr).toContain(`no broker at nats://127.0.0.1:${port}: nothing listens there`);
    const worker = await cli(["worker", "--broker", `nats://127.0.0.1:${port}`]);
    oneParagraph(worker);
  }, 60_000);

  it("a URL that is not a broker's", async () => {
    const ran = await cli(["check", "--config", "tiny", "--broker", "http://127.0.0.1:4222", "--workers", "2"]);
    oneParagraph(ran);
    expect(ran.stderr).toContain("http:// is not a broker this splitbrain speaks");
  }, 60_000);

  it("a worker of another engine version: refused, and named", async () => {
    const stranger = await workerOf(broker.url, "stranger", { SPLITBRAIN_ENGINE_VERSION: "0.0.9+elsewhere" });
    try {
      const ran = await cli(["check", "--config", "tiny", "--broker", broker.url, "--workers", "4", "--join-timeout", "3"]);
      oneParagraph(ran);
      expect(ran.stderr).toContain("worker stranger runs engine 0.0.9+elsewhere");
      expect(stranger.output()).toContain("refused a job of engine");
    } finally {
      await stranger.kill();
    }
  }, 60_000);

  it("too few workers join in time: how many did", async () => {
    const ran = await cli(["check", "--config", "tiny", "--broker", broker.url, "--workers", "9", "--join-timeout", "2"]);
    oneParagraph(ran);
    expect(ran.stderr).toMatch(/waited 2 s for 9 workers at nats:\/\/127\.0\.0\.1:\d+: \d joined/);
  }, 60_000);
});
