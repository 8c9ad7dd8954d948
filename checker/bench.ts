// npm run bench: the engine against a naive baseline, in the same process, on
// TwoPhase with 7 resource managers (296,448 distinct states), then the state
// counts and rates of the protocol's named configurations. Prints figures and
// ratios; it asserts nothing about time, because these machines are noisy.
//
// The baseline is the search a first attempt would write: a queue of states
// and a Set<string> of their serialized canonical forms.

import { check } from "./bfs.ts";
import type { Spec } from "./spec.ts";
import { twoPhase } from "../examples/two-phase.ts";
import { protocolSpec } from "../model/protocol-spec.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";

const RMS = 7;
const TLC_ONE_WORKER_SECONDS = 16;

interface Figures {
  readonly name: string;
  readonly distinct: number;
  readonly generated: number;
  readonly seconds: number;
  readonly visitedBytes: number;
  readonly peakHeapBytes: number;
}

function heapNow(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

/** Sorted keys, Sets as sorted arrays: the string a naive checker would store. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Set) return [...v].map((x) => JSON.stringify(x)).sort();
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

function naiveSearch<S, A>(spec: Spec<S, A>): Figures {
  const before = heapNow();
  let peak = 0;
  const started = performance.now();
  const visited = new Set<string>();
  let queue: S[] = [];
  for (const s of spec.initialStates()) {
    if (!visited.has(canonicalJson(s))) {
      visited.add(canonicalJson(s));
      queue.push(s);
    }
  }
  let generated = queue.length;
  while (queue.length > 0) {
    const next: S[] = [];
    for (const state of queue) {
      for (const action of spec.actions(state)) {
        const successor = spec.next(state, action);
        generated++;
        const key = canonicalJson(successor);
        if (!visited.has(key)) {
          visited.add(key);
          next.push(successor);
        }
      }
    }
    peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    queue = next;
  }
  const seconds = (performance.now() - started) / 1000;
  const visitedBytes = heapNow() - before;
  return { name: "baseline: Set<string>", distinct: visited.size, generated, seconds, visitedBytes, peakHeapBytes: peak };
}

async function engineSearch<S, A>(spec: Spec<S, A>): Promise<Figures> {
  const before = heapNow();
  let peak = 0;
  const started = performance.now();
  const result = await check(spec, {
    progressIntervalMs: 50,
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.verdict.kind !== "pass") throw new Error(`bench: expected a pass, got ${result.verdict.kind}`);
  return {
    name: "splitbrain: fingerprint table",
    distinct: result.stats.distinct,
    generated: result.stats.generated,
    seconds,
    visitedBytes: result.stats.tableBytes + result.stats.bookkeepingBytes,
    peakHeapBytes: Math.max(peak, process.memoryUsage().heapUsed - before),
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function row(f: Figures): string {
  return [
    f.name.padEnd(30),
    `${f.seconds.toFixed(2)} s`.padStart(9),
    `${fmt(f.distinct / f.seconds)} distinct/s`.padStart(20),
    `${fmt(f.generated / f.seconds)} generated/s`.padStart(22),
    `${(f.visitedBytes / f.distinct).toFixed(1)} B/state visited`.padStart(22),
    `peak heap ${mib(f.peakHeapBytes)}`.padStart(20),
  ].join("  ");
}

async function main(): Promise<void> {
  if (global.gc === undefined) process.stderr.write("note: run with --expose-gc (npm run bench does) for exact memory figures\n");
  const spec = twoPhase(RMS);
  process.stdout.write(`TwoPhase with ${RMS} resource managers, one core, one process\n`);
  const ours = await engineSearch(spec);
  const baseline = naiveSearch(spec);
  if (ours.distinct !== baseline.distinct) throw new Error(`bench: engine found ${ours.distinct} states, baseline ${baseline.distinct}`);
  process.stdout.write(`${fmt(ours.distinct)} distinct states, ${fmt(ours.generated)} generated\n`);
  process.stdout.write(row(ours) + "\n" + row(baseline) + "\n");
  process.stdout.write(
    `ratios (splitbrain / baseline): time ${(ours.seconds / baseline.seconds).toFixed(2)}, ` +
      `bytes per visited state ${(ours.visitedBytes / baseline.visitedBytes).toFixed(3)}, ` +
      `peak heap ${(ours.peakHeapBytes / baseline.peakHeapBytes).toFixed(2)}\n`,
  );
  process.stdout.write(
    `reference: TLC with one worker needs about ${TLC_ONE_WORKER_SECONDS} s for this spec on the reference machine; ` +
      `the goal is a third of that (${(TLC_ONE_WORKER_SECONDS / 3).toFixed(1)} s); this run took ${ours.seconds.toFixed(2)} s ` +
      `(${(ours.seconds / TLC_ONE_WORKER_SECONDS).toFixed(2)} of TLC's time)\n`,
  );
}

/** The protocol's named configurations: their state counts and rates, measured here. */
async function protocolConfigs(): Promise<void> {
  process.stdout.write("\nprimary-backup, named configurations (state count and rate of an exhaustive check):\n");
  for (const [name, config] of Object.entries(NAMED_CONFIGS)) {
    const started = performance.now();
    const result = await check(protocolSpec(config));
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `  ${name.padEnd(6)} ${result.verdict.kind.padEnd(10)} ${fmt(result.stats.distinct).padStart(10)} distinct states  ` +
        `${fmt(result.stats.generated).padStart(10)} generated  ${seconds.toFixed(2).padStart(6)} s  ${fmt(result.stats.distinct / seconds)} distinct/s\n`,
    );
  }
}

await main();
await protocolConfigs();
