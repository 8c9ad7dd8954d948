// npm run bench -- broker: the partitioned search with 2 workers as threads
// of this process, against 2 worker processes through a NATS server (its
// own, on the loopback address), on several shapes: time as a ratio, bytes
// sent between partitions per step, broker messages per second. Plus what
// the paper estimates in the README start from: the engine's time per state.

import { check } from "../engine/bfs.ts";
import { checkOverBroker } from "../engine/broker/broker-search.ts";
import { parseBrokerUrl } from "../engine/broker/link.ts";
import { startBroker, startWorker } from "../engine/broker/test-broker.ts";
import { checkParallel } from "../engine/parallel/coordinator.ts";
import { mergeKeys } from "../engine/parallel/level-ranks.ts";
import { buildSpec } from "../engine/spec-source.ts";
import { NAMED_CONFIGS } from "../../spec/configs/index.ts";

const at = (path: string) => new URL(path, import.meta.url).href;
const SHAPES: { name: string; spec: string; module: string; exportName: string; args: unknown[] }[] = [
  { name: "two-phase-7", spec: "two-phase", module: at("../../examples/two-phase.ts"), exportName: "twoPhase", args: [7] },
  { name: "protocol-pipelined", spec: "primary-backup", module: at("../../model/protocol-spec.ts"), exportName: "protocolSpec", args: [NAMED_CONFIGS.pipelined] },
  { name: "protocol-small", spec: "primary-backup", module: at("../../model/protocol-spec.ts"), exportName: "protocolSpec", args: [NAMED_CONFIGS.small] },
];

async function seconds<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const value = await run();
  return [(performance.now() - started) / 1000, value];
}

/** The coordinator's serial share of each level: merging the partitions' keys into ranks, per state, for N partitions. */
function mergeCost(): void {
  const states = 1_000_000;
  const cells: string[] = [];
  for (const partitions of [2, 16, 64, 1024]) {
    // Keys (rank of the parent, action) in key order, dealt out to the partitions as their owners would be.
    const lists: number[][] = Array.from({ length: partitions }, () => []);
    for (let i = 0; i < states; i++) lists[(i * 2654435761) % partitions >>> 0]!.push(i >> 2, i & 3);
    mergeKeys(lists);
    const [took] = [performance.now()];
    mergeKeys(lists);
    cells.push(`${partitions} partitions ${(((performance.now() - took) * 1e6) / states).toFixed(0)} ns/state`);
  }
  process.stdout.write(`  the coordinator's merge of a level's keys into ranks: ${cells.join(", ")}\n`);
}

export async function brokerBench(): Promise<void> {
  mergeCost();
  const broker = await startBroker();
  const worker = new URL("../engine/broker/test-worker.ts", import.meta.url).pathname;
  const workers = await Promise.all([0, 1].map((i) => startWorker(["--import", "tsx", worker, broker.url, `bench-${i}`])));
  const address = parseBrokerUrl(broker.url);
  if (!address.ok) throw new Error(address.why);
  process.stdout.write("\n2 workers: threads of this process against processes through a NATS server on the loopback address:\n");
  try {
    for (const shape of SHAPES) {
      const source = { module: shape.module, exportName: shape.exportName, args: shape.args };
      const spec = await buildSpec(source);
      const [engine, one] = await seconds(() => check(spec));
      const [threads, viaThreads] = await seconds(() => checkParallel(source, 2));
      const [processes, viaBroker] = await seconds(() => checkOverBroker({ address: address.address, workers: 2, spec, names: { spec: shape.spec, config: shape.args } }));
      if (!viaBroker.ok) throw new Error(viaBroker.message);
      const { distinct, generated, depth } = one.stats;
      for (const [how, r] of [["threads", viaThreads], ["broker", viaBroker.result]] as const) {
        if (r.stats.distinct !== distinct || r.stats.generated !== generated) throw new Error(`bench ${shape.name}: ${how} found ${r.stats.distinct} states, the engine ${distinct}`);
      }
      const { bytes, messages } = viaBroker.traffic;
      process.stdout.write(
        `  ${shape.name.padEnd(19)} ${distinct.toLocaleString("en-US")} states, ${generated.toLocaleString("en-US")} steps, ${depth} levels; ` +
          `engine ${((engine / distinct) * 1e6).toFixed(1)} µs/state; broker / threads time ×${(processes / threads).toFixed(2)} ` +
          `(threads ${threads.toFixed(2)} s, broker ${processes.toFixed(2)} s); ${(bytes / generated).toFixed(1)} B/step between partitions; ` +
          `${Math.round(messages / processes)} messages/s (${messages} in all)\n`,
      );
    }
  } finally {
    await Promise.all(workers.map((w) => w.kill()));
    await broker.stop();
  }
}
