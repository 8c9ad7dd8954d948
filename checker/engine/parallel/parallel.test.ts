import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAMED_CONFIGS } from "../../../spec/configs/index.ts";
import { RAFT_CONFIGS } from "../../../spec/raft/configs/index.ts";
import { PB_RAFT_CONFIGS } from "../../../spec/pb-raft/configs/index.ts";
import { check, type CheckOptions } from "../bfs.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { graphs, runs, type Graph } from "../test-graphs.ts";
import { outcome } from "./test-outcome.ts";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withSymmetryOption } from "../symmetry.ts";
import { checkParallel, coordinate } from "./coordinator.ts";
import { balance, mergeKeys } from "./level-ranks.ts";
import { Partition } from "./partition.ts";
import { readManifest } from "./partitioned-checkpoint.ts";
import { answer, MemberLost, type Member, type Request } from "./requests.ts";
import type { Kind, Transport } from "./transport.ts";

const at = (path: string) => new URL(path, import.meta.url).href;

/** The one-worker engine, then 1, 2 and 4 workers: all four must agree. */
async function sameForEveryN(source: SpecSource, options: CheckOptions = {}): Promise<ReturnType<typeof outcome>> {
  const expected = outcome(await check(await buildSpec(source), options));
  for (const workers of [1, 2, 4]) expect(outcome(await checkParallel(source, workers, options)), `${workers} workers`).toEqual(expected);
  return expected;
}

const protocol = (name: string, variants: string[] = []): SpecSource => ({
  module: at("../../../model/protocol-spec.ts"),
  exportName: "protocolSpec",
  args: [{ ...NAMED_CONFIGS[name]!, variants }],
});

describe("a parallel search reports what the one-worker search reports, for 1, 2 and 4 workers", () => {
  it.each([
    ["TwoPhase, 4 resource managers", { module: at("../../../examples/two-phase.ts"), exportName: "twoPhase", args: [4] }],
    ["DieHard (a violation)", { module: at("../../../examples/die-hard.ts"), exportName: "dieHard", args: [] }],
    ["the bakery, 2 processes", { module: at("../../../examples/bakery.ts"), exportName: "bakery", args: [2, 4] }],
    ["counters, 3 to 5", { module: at("../../../examples/counters.ts"), exportName: "counters", args: [3, 5] }],
  ])("%s", async (_name, source) => {
    await sameForEveryN(source);
  }, 60_000);

  it("with deadlocks checked: the first deadlock of the level, as one worker finds it", async () => {
    // 0 → 1..6; 3 and 5 have no step; the others go on to 7.
    const g: Graph = { edges: [[1, 2, 3, 4, 5, 6], [7], [7], [], [7], [], [7], [0]], bad: new Set(), starts: [0] };
    const result = await sameForEveryN({ module: at("../test-graphs.ts"), exportName: "graphSpec", args: [g] }, { checkDeadlock: true });
    expect([result.property, result.trace]).toEqual(["deadlock", ["go 3"]]);
  }, 60_000);

  it.each([
    ["with symmetry", true, 9_455],
    ["without symmetry", false, 18_909],
  ])("the protocol's tiny configuration, with path costs and rule coverage, %s", async (_how, symmetry, distinct) => {
    const result = await sameForEveryN(protocol("tiny"), { symmetry });
    expect(result.counts[0]).toBe(distinct);
  }, 120_000);

  it.each(["promote-idle", "vs-amnesia"])("tiny with %s: the same shortest, fewest-fault counterexample", async (variant) => {
    const result = await sameForEveryN(protocol("tiny", [variant]));
    expect(result.verdict).toBe("violation");
  }, 120_000);

  it.each([
    ["election", [], 5_382],
    ["replication", [], 11_188],
    ["replication", ["accept-old-term"], undefined],
  ] as const)("Raft's %s configuration with %j, symmetry and path costs: the same counts, or the same shortest counterexample", async (name, variants, distinct) => {
    const source: SpecSource = { module: at("../../../model/raft/raft-spec.ts"), exportName: "raftSpec", args: [{ ...RAFT_CONFIGS[name]!, variants: [...variants] }] };
    const result = await sameForEveryN(source);
    if (distinct === undefined) expect(result.verdict).toBe("violation");
    else expect(result.counts[0]).toBe(distinct);
  }, 120_000);

  it.each(["serve-uncommitted", "majority-of-one"])("the view service on Raft in failover with %s: the same shortest, fewest-fault counterexample", async (variant) => {
    const source: SpecSource = { module: at("../../../model/pb-raft/pb-raft-spec.ts"), exportName: "pbRaftSpec", args: [{ ...PB_RAFT_CONFIGS.failover!, variants: [variant] }] };
    const result = await sameForEveryN(source);
    expect(result.verdict).toBe("violation");
  }, 120_000);

  it("random graphs, with and without path costs and deadlock checks", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(30), fc.boolean(), fc.boolean(), async (g: Graph, costs, checkDeadlock) => {
        await sameForEveryN({ module: at("../test-graphs.ts"), exportName: "graphSpec", args: [g, { costs }] }, { checkDeadlock });
      }),
      runs(12, 61),
    );
  }, 300_000);

  it("stops between levels at a limit, and says so", async () => {
    const result = await checkParallel(protocol("tiny"), 2, { maxDepth: 5 });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: expect.stringMatching(/^reached --max-depth 5 with \d+ states unexpanded$/) });
    expect(outcome(result)).toEqual(outcome(await check(await buildSpec(protocol("tiny")), { maxDepth: 5 })));
  }, 60_000);
});

describe("balancing the partitions", () => {
  it("moves states only past a tenth of the share, and then to even shares", () => {
    expect(balance([500, 520])).toEqual([[0, 0], [0, 0]]);
    expect(balance([1000, 0])).toEqual([[0, 500], [0, 0]]);
    const ship = balance([900, 50, 50, 0]);
    const after = [900, 50, 50, 0].map((c, i) => c - ship[i]!.reduce((a, b) => a + b, 0) + ship.reduce((n, row) => n + row[i]!, 0));
    expect(after).toEqual([250, 250, 250, 250]);
  });
});

describe("checkpoints of a partitioned search, and a lost member", () => {
  const folder = mkdtempSync(join(tmpdir(), "splitbrain-partitioned-"));

  it("stops at a limit with every partition's slice and the manifest; resumed, it ends as the uninterrupted search", async () => {
    const file = join(folder, "tiny.ckpt");
    const saveTo = { file, identity: "tiny", everyMs: 0 };
    const stopped = await checkParallel(protocol("tiny"), 3, { maxDepth: 20, saveTo });
    expect(stopped.verdict.kind).toBe("incomplete");
    const manifest = readManifest(file);
    if (!manifest.ok) throw new Error(manifest.why);
    expect([manifest.value.partitions, manifest.value.depth]).toEqual([3, 20]);
    // Only the last generation's slices are kept.
    expect(readdirSync(folder).filter((f) => f.startsWith("tiny.ckpt.")).sort()).toEqual([0, 1, 2].map((i) => `tiny.ckpt.g${manifest.value.generation}.part${i}`));
    const resumed = await checkParallel(protocol("tiny"), 3, { saveTo, resumeFrom: { file, manifest: manifest.value } });
    expect(outcome(resumed)).toEqual(outcome(await check(await buildSpec(protocol("tiny")))));
  }, 120_000);

  it("a member lost in the middle of a level ends the run as incomplete, naming it and the level: never a pass", async () => {
    const spec = withSymmetryOption(await buildSpec(protocol("tiny")), {});
    const handlers: ((from: number, kind: Kind, bytes: ArrayBuffer) => void)[] = [];
    const transport = (index: number): Transport => ({
      send: (to, kind, bytes) => queueMicrotask(() => handlers[to]!(index, kind, bytes)),
      onReceive: (handler) => (handlers[index] = handler),
    });
    const partitions = [0, 1].map((i) => new Partition(spec, i, 2, transport(i), false));
    let expands = 0;
    const members: Member[] = partitions.map((p, i) => ({
      name: `worker ${i}`,
      ask: async <T>(request: Request) => {
        if (i === 1 && request.type === "expand" && ++expands === 7) throw new MemberLost("worker 1 sent no heartbeat for 5.0 s");
        return (await answer(p, request)) as T;
      },
    }));
    const result = await coordinate(spec, members);
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "worker 1 sent no heartbeat for 5.0 s, during level 7 (expanding); no checkpoint was asked for (--checkpoint FILE)" });
  }, 60_000);
});

describe("the coordinator's merge of the partitions' keys", () => {
  it("ranks every key as sorting them all would", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.nat(40), fc.nat(6)), { selector: ([r, a]) => `${r},${a}`, maxLength: 80 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (keys, partitions, salt) => {
        const sorted = [...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        const lists: number[][] = Array.from({ length: partitions }, () => []);
        const expected: number[][] = Array.from({ length: partitions }, () => []);
        sorted.forEach(([rank, action], i) => {
          const owner = (rank * 7 + action + salt) % partitions;
          lists[owner]!.push(rank, action);
          expected[owner]!.push(i);
        });
        expect(mergeKeys(lists).map((r) => [...r])).toEqual(expected);
      }),
      runs(300, 7),
    );
  });
});
