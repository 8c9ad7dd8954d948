// How partitions send each other what they must (batch.ts). A partition knows
// only this interface: today the peers are threads of one process, joined by
// message ports; a network queue can stand behind the same two methods, so
// that a search can span machines.

import type { MessagePort } from "node:worker_threads";

export type Kind = "steps" | "verdict" | "states";

export interface Transport {
  /** Send encoded bytes to partition `to`; the buffer is handed over, not copied. */
  send(to: number, kind: Kind, bytes: ArrayBuffer): void;
  /** Called with what arrives, and the partition that sent it, in the order each partition sent. */
  onReceive(handler: (from: number, kind: Kind, bytes: ArrayBuffer) => void): void;
}

/** Peers joined by message ports: ports[j] leads to partition j (undefined for this partition itself). */
export function portTransport(ports: readonly (MessagePort | undefined)[]): Transport {
  return {
    send: (to, kind, bytes) => ports[to]!.postMessage({ kind, bytes }, [bytes]),
    onReceive: (handler) => {
      ports.forEach((port, from) => port?.on("message", (m: { kind: Kind; bytes: ArrayBuffer }) => handler(from, m.kind, m.bytes)));
    },
  };
}
