// Test support: a NATS server of the test's own on a free loopback port, and
// worker processes joined to it, each stopped by its process id. Nothing
// here is used by the engine. nats-server must be installed (Debian's
// package; .ci/run installs it): a test never skips for want of it.

import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface TestBroker {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Stops the server and starts it again on the same port: everything in flight is lost. */
  restart(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once `process` printed a line matching `pattern` (on stdout or stderr); rejects if it exits first. */
export function untilPrinted(child: ChildProcess, pattern: RegExp, output: () => string, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(output())) {
        clearInterval(timer);
        clearTimeout(limit);
        resolve();
      }
    };
    const timer = setInterval(check, 50);
    const limit = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no ${pattern} within ${timeoutMs} ms; printed:\n${output()}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      check();
      clearInterval(timer);
      clearTimeout(limit);
      reject(new Error(`exited (${code}) before printing ${pattern}; printed:\n${output()}`));
    });
  });
}

export async function startBroker(): Promise<TestBroker> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const launch = async () => {
    let log = "";
    const child = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    child.on("error", (error) => (log += `could not start nats-server (${error.message}): install it (apt-get install nats-server)\n`));
    child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
    await untilPrinted(child, /Server is ready/, () => log, 10_000);
    server = child;
  };
  const halt = async () => {
    const child = server;
    if (child === undefined || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid!, "SIGKILL");
    await gone;
  };
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    stop: halt,
    restart: async () => {
      await halt();
      await launch();
    },
  };
}

export interface TestWorker {
  readonly pid: number;
  readonly child: ChildProcess;
  output(): string;
  /** Kills it by its process id, as `kill -9` does, and waits until it is gone. */
  kill(): Promise<void>;
}

/**
 * A worker process: `command` is node's arguments, e.g. the command line's
 * `bin/splitbrain.js worker --broker URL`. Resolves once it waits for jobs.
 */
export async function startWorker(command: readonly string[], env: Record<string, string> = {}): Promise<TestWorker> {
  let log = "";
  const child = spawn(process.execPath, command, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  await untilPrinted(child, /waiting for a job/, () => log);
  return {
    pid: child.pid!,
    child,
    output: () => log,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      process.kill(child.pid!, "SIGKILL");
      await gone;
    },
  };
}
