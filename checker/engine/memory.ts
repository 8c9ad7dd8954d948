// How much memory the search uses, and whether it may use more. The search
// stops cleanly, as incomplete, before either limit is reached: the
// operating system's (the process's resident memory against --max-memory)
// and V8's own heap limit, past which Node aborts with no chance to save.

import { getHeapStatistics } from "node:v8";

/** Stop when the JavaScript heap is this full, whatever --max-memory says. */
const HEAP_SHARE = 0.9;

export function memoryInUse(): number {
  return process.memoryUsage.rss();
}

/** Why the search must stop now to stay within `maxBytes`, or undefined. */
export function memoryPressure(maxBytes: number): string | undefined {
  const { rss, heapUsed } = process.memoryUsage();
  if (rss > maxBytes) return `reached --max-memory ${formatBytes(maxBytes)} (${formatBytes(rss)} in use)`;
  const limit = getHeapStatistics().heap_size_limit;
  if (heapUsed > HEAP_SHARE * limit) {
    return `the JavaScript heap is nearly full (${formatBytes(heapUsed)} of ${formatBytes(limit)}); more room: NODE_OPTIONS=--max-old-space-size=MiB`;
  }
  return undefined;
}

export function formatBytes(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
