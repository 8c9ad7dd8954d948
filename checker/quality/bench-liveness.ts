// npm run bench liveness: what the liveness pass costs against the safety-only
// search of the same spec, in this process: time, and the heap at its peak
// (sampled while each runs). Several shapes, as everywhere in the bench.

import { check } from "../engine/bfs.ts";
import { checkLiveness } from "../engine/liveness/check-liveness.ts";
import type { AnySpec } from "../engine/spec.ts";
import { twoPhase } from "../../examples/two-phase.ts";
import { protocolSpec } from "../../model/protocol-spec.ts";
import { NAMED_CONFIGS } from "../../spec/configs/index.ts";

const SHAPES: readonly { name: string; spec: () => AnySpec }[] = [
  { name: "protocol-tiny", spec: () => protocolSpec(NAMED_CONFIGS.tiny!) },
  { name: "protocol-small", spec: () => protocolSpec(NAMED_CONFIGS.small!) },
  { name: "protocol-pipelined", spec: () => protocolSpec(NAMED_CONFIGS.pipelined!) },
  { name: "two-phase-7", spec: () => twoPhase(7) },
];

/** Runs `work`, sampling the heap above where it started every 5 ms (the searches yield often enough for that). */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; peakHeap: number }> {
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peakHeap = 0;
  const sample = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before);
  }, 5);
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sample);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before);
  return { value, seconds, peakHeap };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const fmt = (n: number) => n.toLocaleString("en-US");

export async function livenessCost(): Promise<void> {
  process.stdout.write("\nliveness (--liveness) against the safety-only search of the same spec, in this process (ratios below 2 meet the issue's bound):\n");
  for (const shape of SHAPES) {
    const spec = shape.spec();
    const safety = await measured(() => check(spec, { progressIntervalMs: 5, onProgress: () => {} }));
    const liveness = await measured(() => checkLiveness(spec));
    if (liveness.value.kind !== "done") throw new Error(`bench ${shape.name}: the liveness pass did not finish`);
    const { stats, verdicts } = liveness.value;
    process.stdout.write(
      `  ${shape.name.padEnd(19)} safety ${safety.seconds.toFixed(2)} s, peak heap ${mib(safety.peakHeap)}; ` +
        `liveness ${liveness.seconds.toFixed(2)} s (graph ${(stats.graphMs / 1000).toFixed(2)} s, search ${(stats.searchMs / 1000).toFixed(2)} s), peak heap ${mib(liveness.peakHeap)}, ` +
        `graph ${mib(stats.graphBytes)} for ${fmt(stats.states)} states and ${fmt(stats.edges)} edges; ` +
        `ratios: time ${(liveness.seconds / safety.seconds).toFixed(2)}, peak heap ${(liveness.peakHeap / safety.peakHeap).toFixed(2)}; ` +
        `verdicts: ${verdicts.map((v) => v.kind).join(", ") || "no property"}\n`,
    );
  }
}
