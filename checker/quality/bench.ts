// npm run bench: the engine against a naive baseline, in the same process, on
// several spec shapes, then the state counts and rates of the protocol's named
// configurations. Prints figures and ratios; it asserts nothing about time,
// because these machines are noisy. A speed-up on one shape can be a slow-down
// on another, so every change to the engine is read across all of them.
//
// The baseline is the search a first attempt would write: a queue of states
// and a Set<string> of their serialized canonical forms.

import { check } from "../engine/bfs.ts";
import { checkParallel } from "../engine/parallel/coordinator.ts";
import { buildSpec, type SpecSource } from "../engine/spec-source.ts";
import { canonicalJson } from "../engine/naive-bfs.ts";
import type { AnySpec, Spec } from "../engine/spec.ts";
import { steps } from "../engine/steps.ts";
import { bakery } from "../../examples/bakery.ts";
import { counters } from "../../examples/counters.ts";
import { twoPhase } from "../../examples/two-phase.ts";
import { twoPhaseRecords } from "../../examples/two-phase-records.ts";
import { protocolSpec } from "../../model/protocol-spec.ts";
import { protocolConfig } from "../../model/config.ts";
import { NAMED_CONFIGS, SLOW_CONFIGS } from "../../spec/configs/index.ts";
import { RAFT_CONFIGS, RAFT_SLOW_CONFIGS } from "../../spec/raft/configs/index.ts";
import { raftSpec } from "../../model/raft/raft-spec.ts";
import { pbRaftSpec } from "../../model/pb-raft/pb-raft-spec.ts";
import { PB_RAFT_CONFIGS, PB_RAFT_SLOW_CONFIGS, PB_RAFT_WIDE_CONFIGS } from "../../spec/pb-raft/configs/index.ts";
import { livenessCost } from "./bench-liveness.ts";
import { simulateBench } from "./bench-simulate.ts";
import { brokerBench } from "./bench-broker.ts";

interface Shape {
  readonly name: string;
  readonly what: string;
  readonly spec: () => AnySpec;
}

const SHAPES: readonly Shape[] = [
  { name: "two-phase-7", what: "flat records of strings and sets (TwoPhase.tla, 7 RMs)", spec: () => twoPhase(7) },
  { name: "two-phase-7-records", what: "the same in TLA+'s layout, no codec: a record of RM states, sorted arrays for sets", spec: () => twoPhaseRecords(7) },
  { name: "protocol-small", what: "the protocol's default configuration: nested records, a sorted message array", spec: () => protocolSpec(NAMED_CONFIGS.small!) },
  {
    name: "protocol-wide-slice",
    what: "wide-stable cut to 2 faults a run: every fault kind on any link or node, heals too",
    spec: () => protocolSpec({ ...NAMED_CONFIGS["wide-stable"]!, faults: { ...NAMED_CONFIGS["wide-stable"]!.faults, total: 2 } }),
  },
  { name: "raft-crash", what: "Raft, 3 servers with a crash: arrays of small numbers, a sorted message set, symmetry by sorting servers", spec: () => raftSpec(RAFT_CONFIGS.crash!) },
  {
    name: "pb-raft-failover",
    what: "primary-backup on a Raft view service: both models' states side by side and a table per log entry, no codec, no symmetry",
    spec: () => pbRaftSpec(PB_RAFT_CONFIGS.failover!),
  },
  { name: "bakery-3", what: "mutual exclusion, 3 processes: per-process arrays and sets", spec: () => bakery(3, 7) },
  { name: "counters-4x20", what: "deep chains (depth 81) and a wide frontier: small arrays of small numbers", spec: () => counters(4, 20) },
];

interface Figures {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly seconds: number;
  readonly visitedBytes: number;
  /** The engine's fingerprint table alone (the rest of visitedBytes is parents and action indices). */
  readonly tableBytes?: number;
  readonly peakHeapBytes: number;
  readonly widestLevel?: { readonly depth: number; readonly states: number; readonly frontierBytes?: number };
}

function heapNow(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed;
}

/** The naive baseline (naive-bfs.ts), measured: the same loop with heap readings. */
function baselineSearch<S, A>(spec: Spec<S, A>): Figures {
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
  let depth = 0;
  while (queue.length > 0) {
    const next: S[] = [];
    for (const state of queue) {
      for (const { state: successor } of steps(spec, state)) {
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
    depth++;
  }
  const seconds = (performance.now() - started) / 1000;
  const visitedBytes = heapNow() - before;
  return { distinct: visited.size, generated, depth, seconds, visitedBytes, peakHeapBytes: peak };
}

/**
 * The heap that the states of one level hold when they wait as objects: the
 * level is rebuilt with a plain BFS and weighed with and without it. States
 * share parts with their parents, so this is what a frontier really costs.
 */
function objectLevelBytes<S, A>(spec: Spec<S, A>, depth: number): { states: number; bytes: number } {
  const seen = new Set<string>();
  let level: S[] = [];
  for (const s of spec.initialStates()) if (!seen.has(canonicalJson(s)) && seen.add(canonicalJson(s))) level.push(s);
  for (let d = 0; d < depth; d++) {
    const next: S[] = [];
    for (const state of level) {
      for (const { state: successor } of steps(spec, state)) {
        const key = canonicalJson(successor);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(successor);
        }
      }
    }
    level = next;
  }
  const withLevel = heapNow();
  const states = level.length;
  level = [];
  return { states, bytes: withLevel - heapNow() };
}

async function engineSearch<S, A>(spec: Spec<S, A>): Promise<Figures> {
  const before = heapNow();
  let peak = 0;
  const started = performance.now();
  // The shapes measure the engine on the very states the baseline visits;
  // what symmetry saves is measured apart (protocolConfigs).
  const result = await check(spec, {
    symmetry: false,
    progressIntervalMs: 50,
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.verdict.kind !== "pass") throw new Error(`bench: expected a pass, got ${result.verdict.kind}`);
  return {
    distinct: result.stats.distinct,
    generated: result.stats.generated,
    depth: result.stats.depth,
    seconds,
    visitedBytes: result.stats.tableBytes + result.stats.bookkeepingBytes,
    tableBytes: result.stats.tableBytes,
    peakHeapBytes: Math.max(peak, process.memoryUsage().heapUsed - before),
    widestLevel: result.stats.widestLevel,
  };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ratio = (a: number, b: number) => (a / b).toFixed(2);

function row(name: string, f: Figures): string {
  return [
    `  ${name.padEnd(10)}`,
    `${f.seconds.toFixed(2)} s`.padStart(9),
    `${fmt(f.distinct / f.seconds)} distinct/s`.padStart(20),
    `${fmt(f.generated / f.seconds)} generated/s`.padStart(22),
    `${(f.visitedBytes / f.distinct).toFixed(1)} B/distinct`.padStart(17),
    `peak heap ${mib(f.peakHeapBytes)}`.padStart(20),
    ...(f.tableBytes !== undefined ? [`(table ${(f.tableBytes / f.distinct).toFixed(1)} B/distinct)`] : []),
  ].join("  ");
}

async function benchShape(shape: Shape): Promise<string> {
  const spec = shape.spec();
  const ours = await engineSearch(spec);
  const baseline = baselineSearch(spec);
  if (ours.distinct !== baseline.distinct || ours.generated !== baseline.generated) {
    throw new Error(`bench ${shape.name}: engine found ${ours.distinct}/${ours.generated}, baseline ${baseline.distinct}/${baseline.generated}`);
  }
  process.stdout.write(`\n${shape.name}: ${shape.what}\n`);
  process.stdout.write(`  ${fmt(ours.distinct)} distinct states, ${fmt(ours.generated)} generated, depth ${ours.depth - 1}\n`);
  process.stdout.write(`${row("splitbrain", ours)}\n${row("baseline", baseline)}\n`);
  const widest = ours.widestLevel!;
  const asObjects = objectLevelBytes(spec, widest.depth);
  const perState = (bytes: number) => `${(bytes / widest.states).toFixed(0)} B/state`;
  process.stdout.write(
    `  widest level: depth ${widest.depth}, ${fmt(widest.states)} states; as objects ${perState(asObjects.bytes)}` +
      (widest.frontierBytes !== undefined ? `, as the engine keeps them (codec) ${perState(widest.frontierBytes)}\n` : " (no codec: the engine keeps objects)\n"),
  );
  const ratios = `time ${ratio(ours.seconds, baseline.seconds)}, bytes/distinct ${ratio(ours.visitedBytes, baseline.visitedBytes)}, peak heap ${ratio(ours.peakHeapBytes, baseline.peakHeapBytes)}`;
  process.stdout.write(`  ratios (splitbrain / baseline): ${ratios}\n`);
  return `${shape.name.padEnd(16)} ${ratios}`;
}

/** Two shapes through the one-worker engine and through 1, 2 and 4 workers, in this process. */
async function workersCurve(): Promise<void> {
  const at = (path: string) => new URL(path, import.meta.url).href;
  const shapes: [string, SpecSource][] = [
    ["two-phase-7", { module: at("../../examples/two-phase.ts"), exportName: "twoPhase", args: [7] }],
    ["protocol-large", { module: at("../../model/protocol-spec.ts"), exportName: "protocolSpec", args: [NAMED_CONFIGS.large] }],
    ["raft-figure-8", { module: at("../../model/raft/raft-spec.ts"), exportName: "raftSpec", args: [RAFT_CONFIGS["figure-8"]] }],
  ];
  process.stdout.write("\nparallel search (--workers N): time, and speed-up against the one-worker engine and against 1 worker:\n");
  for (const [name, source] of shapes) {
    const time = async (run: () => Promise<{ stats: { distinct: number } }>) => {
      const started = performance.now();
      const result = await run();
      return { seconds: (performance.now() - started) / 1000, distinct: result.stats.distinct };
    };
    const spec = await buildSpec(source);
    const engine = await time(() => check(spec));
    const byWorkers: [number, number][] = [];
    for (const workers of [1, 2, 4]) {
      const run = await time(() => checkParallel(source, workers));
      if (run.distinct !== engine.distinct) throw new Error(`bench ${name}: ${workers} workers found ${run.distinct} states, the engine ${engine.distinct}`);
      byWorkers.push([workers, run.seconds]);
    }
    const one = byWorkers[0]![1];
    process.stdout.write(
      `  ${name.padEnd(15)} engine ${engine.seconds.toFixed(2)} s; ` +
        byWorkers.map(([w, sec]) => `${w} worker${w > 1 ? "s" : ""} ${sec.toFixed(2)} s (×${(engine.seconds / sec).toFixed(2)}, ×${(one / sec).toFixed(2)})`).join("; ") +
        "\n",
    );
  }
}

/** A configuration where every server may take any name: the whole symmetry group of 3 servers. */
const EMPTY_START_3 = protocolConfig.parse({
  description: "3 servers from the empty start, one reader, two exchanges in flight, a crash: for the symmetry figures",
  servers: 3,
  clients: [["Get x"]],
  maxView: 3,
  maxInFlight: 2,
  suspicion: "faulty",
  start: "empty",
  faults: { crashes: 1, restarts: 0, partitions: 0, heals: 0, drops: 0, duplicates: 0 },
});

/**
 * The protocol's named configurations: state counts and rates, with symmetry
 * reduction (the default) and without, and what the reduction bought.
 */
async function protocolConfigs(): Promise<void> {
  process.stdout.write("\nprimary-backup, named configurations: an exhaustive check with symmetry (the default) and without:\n");
  const quick = Object.entries(NAMED_CONFIGS).filter(([name]) => !SLOW_CONFIGS.includes(name));
  const configs = { ...Object.fromEntries(quick), "3-empty": EMPTY_START_3 };
  for (const [name, config] of Object.entries(configs)) {
    const run = async (symmetry: boolean) => {
      const started = performance.now();
      const result = await check(protocolSpec(config), { symmetry });
      return { result, seconds: (performance.now() - started) / 1000 };
    };
    const reduced = await run(true);
    const full = await run(false);
    for (const { result } of [reduced, full]) if (result.verdict.kind !== "pass") throw new Error(`bench ${name}: expected a pass, got ${result.verdict.kind}`);
    const { distinct, generated } = reduced.result.stats;
    process.stdout.write(
      `  ${name.padEnd(9)} ${fmt(distinct).padStart(9)} distinct (${fmt(full.result.stats.distinct)} without symmetry, ×${ratio(full.result.stats.distinct, distinct)} fewer)  ` +
        `${fmt(generated)} generated  ${reduced.seconds.toFixed(2)} s (${full.seconds.toFixed(2)} s without, time ratio ${ratio(reduced.seconds, full.seconds)})  ` +
        `${fmt(distinct / reduced.seconds)} distinct/s\n`,
    );
  }
  process.stdout.write(`  not run here, minutes each with --workers 2 (counts in README.md): ${SLOW_CONFIGS.join(", ")}\n`);
  process.stdout.write("\nraft, named configurations: the same, where the unreduced search fits in a few seconds:\n");
  for (const [name, config] of Object.entries(RAFT_CONFIGS).filter(([n]) => !RAFT_SLOW_CONFIGS.includes(n))) {
    const started = performance.now();
    const reduced = await check(raftSpec(config));
    const seconds = (performance.now() - started) / 1000;
    if (reduced.verdict.kind !== "pass") throw new Error(`bench raft ${name}: expected a pass, got ${reduced.verdict.kind}`);
    const { distinct, generated } = reduced.stats;
    const unreduced = distinct < 50_000 ? await check(raftSpec(config), { symmetry: false }) : undefined;
    const without = unreduced === undefined ? "unreduced not run" : `${fmt(unreduced.stats.distinct)} without symmetry, ×${ratio(unreduced.stats.distinct, distinct)} fewer`;
    process.stdout.write(`  ${name.padEnd(19)} ${fmt(distinct).padStart(9)} distinct (${without})  ${fmt(generated)} generated  ${seconds.toFixed(2)} s  ${fmt(distinct / seconds)} distinct/s\n`);
  }
  process.stdout.write(`  not run here, minutes each (counts in README.md): ${RAFT_SLOW_CONFIGS.join(", ")}\n`);
  process.stdout.write("\nprimary-backup on a Raft view service, named configurations (no symmetry):\n");
  for (const [name, config] of Object.entries(PB_RAFT_CONFIGS).filter(([n]) => ![...PB_RAFT_SLOW_CONFIGS, ...PB_RAFT_WIDE_CONFIGS].includes(n))) {
    const started = performance.now();
    const result = await check(pbRaftSpec(config));
    const seconds = (performance.now() - started) / 1000;
    if (result.verdict.kind !== "pass") throw new Error(`bench pb-raft ${name}: expected a pass, got ${result.verdict.kind}`);
    const { distinct, generated } = result.stats;
    process.stdout.write(`  ${name.padEnd(19)} ${fmt(distinct).padStart(9)} distinct  ${fmt(generated)} generated  ${seconds.toFixed(2)} s  ${fmt(distinct / seconds)} distinct/s\n`);
  }
  process.stdout.write(`  not run here, minutes each (counts in README.md): ${PB_RAFT_SLOW_CONFIGS.join(", ")}; beyond exhaustive reach (simulate them): ${PB_RAFT_WIDE_CONFIGS.join(", ")}\n`);
}

async function main(): Promise<void> {
  if (global.gc === undefined) process.stderr.write("note: run with --expose-gc (npm run bench does) for exact memory figures\n");
  const only = process.argv[2];
  if (only === "workers") return workersCurve();
  if (only === "configs") return protocolConfigs();
  if (only === "liveness") return livenessCost();
  if (only === "simulate") return simulateBench(process.argv.slice(3));
  if (only === "broker") return brokerBench();
  const shapes = only === undefined ? SHAPES : SHAPES.filter((s) => s.name === only);
  if (shapes.length === 0) {
    process.stderr.write(`bench: no shape ${only}; the shapes are ${SHAPES.map((s) => s.name).join(", ")}, "workers", "configs", "liveness", "simulate" and "broker"\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write("Each shape: the engine, then a naive Set<string> BFS, in this process, one core.\n");
  const summary: string[] = [];
  for (const shape of shapes) summary.push(await benchShape(shape));
  process.stdout.write(`\nsummary, splitbrain / baseline (below 1 is better):\n${summary.map((s) => `  ${s}`).join("\n")}\n`);
  if (only === undefined) {
    await workersCurve();
    await protocolConfigs();
    await livenessCost();
  }
}

await main();
