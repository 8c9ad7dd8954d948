// A search through a real NATS server, with three worker processes, reports
// what the one-worker engine reports: verdict, counts, coverage, rule
// coverage and the same traces. The broker and the workers are this test's
// own (the broker is the one .ci/run starts, if SPLITBRAIN_TEST_BROKER names
// it), on the loopback address; each worker is stopped by its process id.

import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NAMED_CONFIGS } from "../../../spec/configs/index.ts";
import { check, type CheckOptions } from "../bfs.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { graphs, runs, type Graph } from "../test-graphs.ts";
import { outcome } from "../parallel/test-outcome.ts";
import { checkOverBroker } from "./broker-search.ts";
import { walkersOverBroker } from "./broker-walks.ts";
import { simulate, type SimulateOptions, type SimulationResult } from "../simulate/simulate.ts";
import { planMembers } from "../simulate/swarm-plan.ts";
import { protocolSpec } from "../../../model/protocol-spec.ts";
import { protocolConfig } from "../../../model/config.ts";
import { narrowConfig } from "../../../model/simulation.ts";
import { parseBrokerUrl } from "./link.ts";
import { startBroker, startWorker, type TestBroker, type TestWorker } from "./test-broker.ts";

const at = (path: string) => new URL(path, import.meta.url).href;
const WORKER = [`--import`, `tsx`, new URL("./test-worker.ts", import.meta.url).pathname];
const MODULES: Record<string, string> = {
  graph: at("../test-graphs.ts"),
  "two-phase": at("../../../examples/two-phase.ts"),
  "die-hard": at("../../../examples/die-hard.ts"),
  bakery: at("../../../examples/bakery.ts"),
  counters: at("../../../examples/counters.ts"),
  "primary-backup": at("../../../model/protocol-spec.ts"),
};
const EXPORTS: Record<string, string> = { graph: "graphSpec", "two-phase": "twoPhase", "die-hard": "dieHard", bakery: "bakery", counters: "counters", "primary-backup": "protocolSpec" };

let broker: TestBroker;
let workers: TestWorker[] = [];

beforeAll(async () => {
  // CI starts a NATS server for these tests (.ci/run); elsewhere the test starts its own.
  const given = process.env.SPLITBRAIN_TEST_BROKER;
  broker = given ? { url: given, port: Number(new URL(given).port), stop: async () => {}, restart: async () => {} } : await startBroker();
  workers = await Promise.all([0, 1, 2].map((i) => startWorker([...WORKER, broker.url, `engine-test-${i}`])));
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await broker?.stop();
});

/** The one-worker engine, then three worker processes through the broker: they must agree. */
async function sameOverBroker(spec: string, args: unknown[], options: CheckOptions = {}): Promise<ReturnType<typeof outcome>> {
  const source: SpecSource = { module: MODULES[spec]!, exportName: EXPORTS[spec]!, args };
  const built = await buildSpec(source);
  const expected = outcome(await check(built, options));
  const address = parseBrokerUrl(broker.url);
  if (!address.ok) throw new Error(address.why);
  const run = await checkOverBroker({ address: address.address, workers: 3, spec: built, names: { spec, config: args }, joinTimeoutMs: 20_000 }, options);
  if (!run.ok) throw new Error(run.message);
  expect(outcome(run.result)).toEqual(expected);
  expect(run.traffic.messages).toBeGreaterThan(0);
  return expected;
}

const protocol = (name: string, variants: string[] = []) => [{ ...NAMED_CONFIGS[name]!, variants }];

describe("three worker processes through a NATS server report what one worker reports", () => {
  it.each([
    ["TwoPhase, 4 resource managers", "two-phase", [4]],
    ["DieHard (a violation)", "die-hard", []],
    ["the bakery, 2 processes", "bakery", [2, 4]],
    ["counters, 3 to 5", "counters", [3, 5]],
  ])("%s", async (_name, spec, args) => {
    await sameOverBroker(spec as string, args as unknown[]);
  }, 60_000);

  it.each([
    ["tiny", 9_455],
    ["pipelined", 100_391],
  ])("the protocol's %s configuration, with path costs and rule coverage", async (config, distinct) => {
    const result = await sameOverBroker("primary-backup", protocol(config));
    expect(result.counts[0]).toBe(distinct);
  }, 120_000);

  it.each(["promote-idle", "vs-amnesia"])("tiny with %s: the same shortest, fewest-fault counterexample", async (variant) => {
    const result = await sameOverBroker("primary-backup", protocol("tiny", [variant]));
    expect(result.verdict).toBe("violation");
  }, 120_000);

  it("random graphs, with and without path costs and deadlock checks", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(30), fc.boolean(), fc.boolean(), async (g: Graph, costs, checkDeadlock) => {
        await sameOverBroker("graph", [g, { costs }], { checkDeadlock });
      }),
      runs(8, 25),
    );
  }, 300_000);
});

describe("a swarm's walks on worker processes through a NATS server", () => {
  const source = (config: unknown): SpecSource => ({ module: MODULES["primary-backup"]!, exportName: "protocolSpec", args: [config] });
  const plan = (variants: string[]) =>
    planMembers(
      { config: protocolConfig.parse({ ...NAMED_CONFIGS.small!, variants }), build: protocolSpec, source, narrow: (c, random) => protocolConfig.parse(narrowConfig(c, random)) },
      { seed: 11, depth: 60, swarm: 6 },
    );
  const summary = (r: SimulationResult<unknown, unknown>) => ({
    verdict: r.verdict,
    stats: { walks: r.stats.walks, steps: r.stats.steps, distinct: r.stats.distinct, deepest: r.stats.deepest, ends: r.stats.ends },
    findings: r.findings.map((f) => [f.member, f.walk, f.property, f.trace.steps.length]),
    members: r.members,
  });
  const said: string[] = [];
  const overBroker = async (planned: ReturnType<typeof plan>, options: SimulateOptions, whileRunning: (names: readonly string[]) => Promise<void> = async () => {}) => {
    const address = parseBrokerUrl(broker.url);
    if (!address.ok) throw new Error(address.why);
    const walkers = await walkersOverBroker({
      address: address.address,
      workers: 3,
      joinTimeoutMs: 20_000,
      say: (line) => said.push(line),
      spec: "primary-backup",
      seed: options.seed,
      settings: { checkDeadlock: false, keepGoing: options.keepGoing ?? false },
      members: planned.map((p) => ({ index: p.member.index, config: [p.config], style: p.member.style })),
    });
    if (!walkers.ok) throw new Error(walkers.message);
    try {
      const running = simulate(planned.map((p) => p.member), { ...options, runners: walkers.runners });
      await whileRunning(walkers.runners.map((r) => r.name));
      return await running;
    } finally {
      await walkers.close();
    }
  };

  it("runs the walks threads run: the same counts, members and findings", async () => {
    const planned = plan(["restart-keeps-view"]);
    const options: SimulateOptions = { seed: 11, walks: 600, keepGoing: true };
    const threads = await simulate(planned.map((p) => p.member), { ...options, workers: 2 });
    expect(threads.findings.length).toBeGreaterThan(0);
    expect(summary(await overBroker(planned, options))).toEqual(summary(threads));
  }, 120_000);

  it("a worker killed mid-run costs only its jobs: the others run them, and the result is the same", async () => {
    const planned = plan([]);
    const options: SimulateOptions = { seed: 11, walks: 1500 };
    const threads = await simulate(planned.map((p) => p.member), { ...options, workers: 2 });
    const result = await overBroker(planned, options, async (names) => {
      await new Promise((r) => setTimeout(r, 400));
      const pid = Number(/pid (\d+)\)/.exec(names[1]!)![1]);
      const victim = workers.findIndex((w) => w.pid === pid);
      await workers[victim]!.kill();
      workers[victim] = await startWorker([...WORKER, broker.url, `engine-test-again-${victim}`]);
    });
    expect(summary(result)).toEqual(summary(threads));
    expect(said).toContainEqual(expect.stringMatching(/^worker 1 \(.*\) sent no heartbeat for .*; its jobs go to the other workers$/));
  }, 120_000);
});
