import fc from "fast-check";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { twoPhase } from "../../examples/two-phase.ts";
import { check, type CheckOptions, type CheckResult } from "./bfs.ts";
import { CHECKPOINT_FORMAT, type Checkpoint } from "./checkpoint.ts";
import { readCheckpointFile, writeCheckpointFile } from "./checkpoint-file.ts";
import { collapseCodec } from "./collapse-codec.ts";
import type { ActionSpec } from "./spec.ts";
import { graphSpec, graphs, runs, type Graph } from "./test-graphs.ts";

const folder = mkdtempSync(join(tmpdir(), "splitbrain-checkpoint-"));

/** Through the file format and back, as the command line does. */
function viaFile(checkpoint: Checkpoint<unknown>): Checkpoint<unknown> {
  const path = join(folder, "search.checkpoint");
  writeCheckpointFile(path, checkpoint);
  const read = readCheckpointFile(path);
  if (!read.ok) throw new Error(read.why);
  return read.checkpoint;
}

/** What must not change when a search is stopped and resumed. */
function outcome<S, A>(result: CheckResult<S, A>) {
  const { distinct, generated, depth, widestLevel } = result.stats;
  return {
    verdict: result.verdict.kind,
    trace: result.verdict.kind === "violation" ? result.verdict.trace.steps.map((s) => s.label) : [],
    cost: result.verdict.kind === "violation" ? result.verdict.cost : undefined,
    witnesses: result.witnesses.map((w) => [w.name, w.trace?.steps.map((s) => s.label)]),
    counts: { distinct, generated, depth, widestLevel },
    coverage: result.coverage,
  };
}

/** Run with `options` until it stops, saving a checkpoint; the checkpoints saved, in order. */
async function stopped<S, A>(spec: ActionSpec<S, A>, options: CheckOptions, resume?: Checkpoint<unknown>) {
  const saved: Checkpoint<unknown>[] = [];
  const result = await check(spec, { ...options, resume, checkpoint: { identity: "test", everyMs: options.checkpoint?.everyMs ?? 1e9, save: (c) => saved.push(viaFile(c)) } });
  return { result, saved };
}

const withGraphWitnesses = (spec: ActionSpec<number, number>) => ({ ...spec, witnesses: [{ name: "reach 3", reached: (n: number) => n === 3 }] });

describe("checkpoint and resume", () => {
  it("a search stopped after any number of states and resumed ends exactly as one never stopped, with or without path costs", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(40), fc.boolean(), fc.integer({ min: 1, max: 40 }), async (g, costs, stopAfter) => {
        const spec = withGraphWitnesses(graphSpec(g, { costs }));
        const whole = await check(spec);
        const first = await stopped(spec, { maxStates: stopAfter });
        if (first.result.verdict.kind !== "incomplete") {
          expect(first.saved).toEqual([]);
          return;
        }
        expect(first.saved).toHaveLength(1);
        const resumed = await check(spec, { resume: first.saved[0] });
        expect(outcome(resumed)).toEqual(outcome(whole));
      }),
      runs(300, 41),
    );
  });

  it("resumes more than once, each time where it stopped", async () => {
    const spec = twoPhase(3, { withCodec: false });
    const whole = await check(spec);
    let checkpoint: Checkpoint<unknown> | undefined;
    for (const limit of [10, 50, 51, 200]) {
      const run = await stopped(spec, { maxStates: limit }, checkpoint);
      expect(run.result.verdict).toEqual({ kind: "incomplete", reason: `reached --max-states ${limit}` });
      expect(run.result.stats.distinct).toBe(limit);
      checkpoint = run.saved.at(-1);
    }
    expect(outcome(await check(spec, { resume: checkpoint }))).toEqual(outcome(whole));
  });

  it("saves every so often between states, and any of those checkpoints resumes to the same end, encoded frontier or not", async () => {
    for (const spec of [twoPhase(4), twoPhase(4, { withCodec: false })]) {
      const whole = await check(spec);
      const { result, saved } = await stopped(spec, { checkpoint: { identity: "test", everyMs: 0, save: () => {} } });
      expect(outcome(result)).toEqual(outcome(whole));
      expect(saved.length).toBeGreaterThan(3);
      for (const checkpoint of [saved[0]!, saved[Math.floor(saved.length / 2)]!, saved.at(-1)!]) {
        expect(outcome(await check(spec, { resume: checkpoint }))).toEqual(outcome(whole));
      }
    }
  });

  it("a search stopped by its caller leaves a checkpoint that resumes", async () => {
    // Endless, so the caller is always asked before the search could end on its own; a binary
    // tree, so the level it stops in is wide and the place it stops at is well inside it.
    const endless: ActionSpec<number, number> = { ...graphSpec({ edges: [], bad: new Set(), starts: [0] }), actions: (n) => [2 * n + 1, 2 * n + 2], next: (_n, m) => m };
    let polls = 0;
    const { result, saved } = await stopped(endless, { shouldStop: () => (polls++ === 0 ? "stop now" : undefined) });
    expect(result.verdict).toEqual({ kind: "incomplete", reason: "stop now" });
    expect(saved).toHaveLength(1);
    const limit = { maxStates: result.stats.distinct + 5_000 };
    expect(outcome(await check(endless, { ...limit, resume: saved[0] }))).toEqual(outcome(await check(endless, limit)));
  });

  it("stops cleanly at a memory limit, inside a state's steps, and the checkpoint resumes from that very step", async () => {
    const spec = twoPhase(4);
    const { result, saved } = await stopped(spec, { maxMemoryBytes: 1 });
    expect(result.verdict).toMatchObject({ kind: "incomplete", reason: expect.stringMatching(/^reached --max-memory 0 MiB \(\d+ MiB in use\)$/) });
    // The clock and the memory are read before the 1,024th step is taken.
    expect(result.stats.generated).toBe(1_023);
    expect(outcome(await check(spec, { resume: saved[0] }))).toEqual(outcome(await check(spec)));
  });

  it("after a resume, a state of the level being built can still take a cheaper parent", async () => {
    // 0 → 1 (a fault), 2; both lead to 3. 3 is found first through 1, then more cheaply through 2:
    // the search stops right after finding 3 through 1, and must still re-parent it after the resume.
    const g: Graph = { edges: [[1, 2], [3], [3], []], bad: new Set(), starts: [0] };
    const spec = { ...graphSpec(g, { costs: true }), witnesses: [{ name: "reach 3", reached: (n: number) => n === 3 }] };
    const { saved } = await stopped(spec, { maxStates: 4 });
    const resumed = await check(spec, { resume: saved[0] });
    expect(resumed.witnesses[0]!.trace!.steps.map((s) => s.label)).toEqual(["go 2", "go 3"]);
    expect(outcome(resumed)).toEqual(outcome(await check(spec)));
  });

  it("does not stop a search that stays within its memory limit", async () => {
    const spec = twoPhase(4);
    expect(outcome(await check(spec, { maxMemoryBytes: 2 ** 40 }))).toEqual(outcome(await check(spec)));
  });

  it("resumes a search whose codec is a table of components (saved as states, encoded again), with or without path costs", async () => {
    await fc.assert(
      fc.asyncProperty(graphs(40), fc.boolean(), fc.integer({ min: 1, max: 40 }), async (g, costs, stopAfter) => {
        const plain = withGraphWitnesses(graphSpec(g, { costs }));
        const tabled = () => ({ ...plain, codec: collapseCodec<number>({ count: 1, part: (n) => n, build: (p) => p[0] as number }) });
        const whole = await check(tabled());
        const { counts: _, ...sameAsPlain } = outcome(await check(plain));
        expect(outcome(whole)).toMatchObject(sameAsPlain);
        const first = await stopped(tabled(), { maxStates: stopAfter });
        if (first.result.verdict.kind !== "incomplete") return;
        const resumed = await check(tabled(), { resume: first.saved[0] });
        expect(outcome(resumed)).toEqual(outcome(whole));
      }),
      runs(60, 23),
    );
  });

  it("refuses a checkpoint of another spec", async () => {
    const { saved } = await stopped(twoPhase(3), { maxStates: 10 });
    await expect(check(twoPhase(4), { resume: saved[0] })).rejects.toThrow(`for two-phase(3), not format ${CHECKPOINT_FORMAT} for two-phase(4)`);
  });
});

describe("checkpoint files", () => {
  const some = async () => (await stopped(twoPhase(3), { maxStates: 20 })).saved[0]!;

  it("a failure after writing, before the rename, leaves the previous checkpoint whole", async () => {
    const path = join(folder, "kept.checkpoint");
    const first = await some();
    writeCheckpointFile(path, first);
    const before = readFileSync(path);
    expect(() =>
      writeCheckpointFile(path, { ...first, depth: 99 }, () => {
        throw new Error("killed");
      }),
    ).toThrow("killed");
    expect(readFileSync(path)).toEqual(before);
    const read = readCheckpointFile(path);
    expect(read.ok && read.checkpoint.depth).toBe(first.depth);
    expect(existsSync(`${path}.partial`)).toBe(true);
  });

  it("names what is wrong with a file that is not a whole checkpoint", async () => {
    const path = join(folder, "cut.checkpoint");
    writeCheckpointFile(path, await some());
    const whole = readFileSync(path);
    writeFileSync(path, whole.subarray(0, whole.length >> 1));
    expect(readCheckpointFile(path)).toEqual({ ok: false, why: "it is damaged (cut short or overwritten)" });
    writeFileSync(path, "{}");
    expect(readCheckpointFile(path)).toEqual({ ok: false, why: "it is not a splitbrain checkpoint" });
    expect(readCheckpointFile(join(folder, "absent"))).toEqual({ ok: false, why: "cannot read it (ENOENT)" });
    writeCheckpointFile(path, { ...(await some()), format: 0 });
    expect(readCheckpointFile(path)).toMatchObject({ ok: false, why: expect.stringContaining("another engine version (checkpoint format 0") });
    writeCheckpointFile(path, { ...(await some()), parents: new Int32Array(3) });
    expect(readCheckpointFile(path)).toEqual({ ok: false, why: "it is damaged (parts missing or of the wrong size)" });
  });
});
