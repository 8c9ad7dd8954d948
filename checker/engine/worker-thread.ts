// A worker thread that answers requests, one request and one answer at a
// time, for the modes that spread work over threads (parallel/ for the
// partitioned search, simulate/ for random walks). The thread's own module
// calls `serveRequests`; the side that starts it gets `ask`.

import { parentPort, Worker, type MessagePort } from "node:worker_threads";

export interface WorkerThread<Request> {
  readonly worker: Worker;
  ask<T>(request: Request, transfer?: ArrayBuffer[]): Promise<T>;
}

/**
 * A worker thread does not inherit tsx's loader, so it registers it before
 * loading the worker's TypeScript module.
 */
const bootFor = (module: URL) =>
  new URL(
    `data:text/javascript,${encodeURIComponent(
      `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(module.href)});`,
    )}`,
  );

/** A thread running the TypeScript module `module`, with `data` as its workerData, speaking whatever it speaks. */
export const startTypeScriptThread = (module: URL, data: unknown): Worker => new Worker(bootFor(module), { workerData: data });

/** Starts `module` in a thread with `data` as its workerData; resolves once it is ready for requests. `name` prefixes its errors. */
export function startWorkerThread<Request>(module: URL, data: unknown, transferList: readonly MessagePort[], name: string): Promise<WorkerThread<Request>> {
  const worker = new Worker(bootFor(module), { workerData: data, transferList: [...transferList] });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let next = 0;
  return new Promise((resolve, reject) => {
    worker.on("error", (error: Error) => {
      reject(error);
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    });
    worker.on("message", (message: { ready?: true; id?: number; result?: unknown; error?: string }) => {
      if (message.ready) {
        resolve({
          worker,
          ask: <T>(request: Request, transfer: ArrayBuffer[] = []) =>
            new Promise<T>((res, rej) => {
              waiting.set(next, { resolve: res as (value: unknown) => void, reject: rej });
              worker.postMessage({ id: next++, request }, transfer);
            }),
        });
        return;
      }
      const pending = waiting.get(message.id!)!;
      waiting.delete(message.id!);
      if (message.error !== undefined) pending.reject(new Error(`${name}: ${message.error}`));
      else pending.resolve(message.result);
    });
  });
}

/** In the thread: answer each request in turn; `transferOf` names the buffers of an answer to hand over instead of copying. */
export function serveRequests<Request>(answer: (request: Request) => Promise<unknown> | unknown, transferOf: (result: unknown) => ArrayBuffer[] = () => []): void {
  parentPort!.on("message", (message: { id: number; request: Request }) => {
    Promise.resolve()
      .then(() => answer(message.request))
      .then(
        (result) => parentPort!.postMessage({ id: message.id, result }, transferOf(result)),
        (error: Error) => parentPort!.postMessage({ id: message.id, error: error.stack ?? String(error) }),
      );
  });
  parentPort!.postMessage({ ready: true });
}
