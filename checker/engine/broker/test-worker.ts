// Test support: a worker process for the engine's own tests, which serves
// the specs those tests check (random graphs, the examples, the protocol)
// by name, as `splitbrain worker` serves the command line's registry. Like
// it, it takes names and data from the broker, never code.
//
//   node --import tsx checker/engine/broker/test-worker.ts nats://127.0.0.1:4222 NAME

import type { SpecSource } from "../spec-source.ts";
import { parseBrokerUrl } from "./link.ts";
import { WorkerService } from "./worker-service.ts";

const at = (path: string) => new URL(path, import.meta.url).href;

/** Each name's module and export; the job's config is the list of arguments. */
const KNOWN: Record<string, { module: string; exportName: string }> = {
  graph: { module: at("../test-graphs.ts"), exportName: "graphSpec" },
  "two-phase": { module: at("../../../examples/two-phase.ts"), exportName: "twoPhase" },
  "die-hard": { module: at("../../../examples/die-hard.ts"), exportName: "dieHard" },
  bakery: { module: at("../../../examples/bakery.ts"), exportName: "bakery" },
  counters: { module: at("../../../examples/counters.ts"), exportName: "counters" },
  "primary-backup": { module: at("../../../model/protocol-spec.ts"), exportName: "protocolSpec" },
};

const [url, name] = process.argv.slice(2);
const address = parseBrokerUrl(url ?? "");
if (!address.ok) throw new Error(address.why);
const service = new WorkerService({
  address: address.address,
  name,
  say: (line) => process.stderr.write(`${line}\n`),
  resolve: (spec, config, selection) => {
    const known = KNOWN[spec];
    if (known === undefined || !Array.isArray(config)) return { ok: false, why: `the test worker has no spec ${spec}` };
    const source: SpecSource = { ...known, args: config, select: selection };
    return { ok: true, source, title: spec };
  },
});
await service.start();
process.once("SIGTERM", () => void service.stop().then(() => process.exit(0)));
