// A parallel search: the same level-by-level search as bfs.ts, split over
// partitions that each own a slice of the fingerprint space (partition.ts),
// one per worker thread. The coordinator holds no state of the search: it
// runs the level barrier, merges what the partitions report, and numbers the
// states of each new level in the order a one-worker search finds them, so
// that every number of workers reports the same counts and the same traces.
//
// A level, in four rounds:
//   1. expand: each partition expands the states it holds and sends every
//      step (its key, parent and fingerprint, not the state) to the partition
//      that owns the successor's fingerprint;
//   2. decide: each owner takes the steps it received in key order (the
//      parent's rank, then the action index), records the new states, and
//      tells each sender which of its steps found one;
//   3. settle: each partition checks the new states it holds, in key order,
//      and reports their keys, violations and witnesses;
//   4. ranks: the coordinator merges the keys, which gives each new state its
//      rank in the level, and hands the ranks back.

import { MessageChannel, type MessagePort } from "node:worker_threads";
import type { ActionCoverage, CheckOptions, CheckResult, Progress, RuleCount, SearchStats, Verdict, WitnessResult } from "../check-result.ts";
import { collisionProbability } from "../fingerprint.ts";
import { cheaper } from "../path-costs.ts";
import { memoryInUse, memoryPressure } from "../memory.ts";
import type { AnySpec } from "../spec.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { StoredFingerprints, withSymmetryOption } from "../symmetry.ts";
import { lastState, replayPath, type Path } from "../trace.ts";
import { emptySteps, ownerOf } from "./batch.ts";
import { balance, mergeKeys } from "./level-ranks.ts";
import type { Candidate, Decided, Expanded, PartitionSlice, Settled, Tally } from "./partition.ts";
import type { WorkerSetup } from "./worker.ts";
import { MemberLost, type Member, type Request } from "./requests.ts";
import { readSlice, writeManifest, writeSlice, PARTITIONED_FORMAT, type Manifest, type PartitionedCheckpointOptions } from "./partitioned-checkpoint.ts";
import { startWorkerThread, type WorkerThread } from "../worker-thread.ts";

const startThread = (setup: WorkerSetup): Promise<WorkerThread<Request>> =>
  startWorkerThread<Request>(new URL("./worker.ts", import.meta.url), setup, setup.ports.filter((p): p is MessagePort => p !== undefined), `worker ${setup.index}`);

/** A parallel search's options: a one-worker search's, with checkpoints of its own kind. */
export interface ParallelOptions extends CheckOptions {
  /** Save a checkpoint between levels, every `everyMs`, and when a limit stops the run. */
  readonly saveTo?: PartitionedCheckpointOptions;
  /** Go on from a checkpoint that `saveTo` wrote, with as many partitions as it has. */
  readonly resumeFrom?: { readonly file: string; readonly manifest: Manifest };
}

type Violation = Settled["violations"][number];

export async function checkParallel<S, A>(source: SpecSource, workers: number, options: ParallelOptions = {}): Promise<CheckResult<S, A>> {
  const spec = withSymmetryOption((await buildSpec(source)) as AnySpec, options);
  const ports: (MessagePort | undefined)[][] = Array.from({ length: workers }, () => new Array(workers).fill(undefined));
  for (let i = 0; i < workers; i++) {
    for (let j = i + 1; j < workers; j++) {
      const { port1, port2 } = new MessageChannel();
      ports[i]![j] = port1;
      ports[j]![i] = port2;
    }
  }
  const threads = await Promise.all(
    ports.map((own, index) => startThread({ source, index, partitions: workers, ports: own, checkDeadlock: options.checkDeadlock ?? false, symmetry: options.symmetry ?? true, paranoid: options.paranoid ?? false })),
  );
  try {
    return await coordinate<S, A>(spec, threads.map((t, index) => ({ name: `worker ${index}`, ask: t.ask })), options);
  } finally {
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}

/**
 * Runs a partitioned search over members that each hold one partition,
 * wherever they are. A member that is lost (its `ask` rejects with
 * MemberLost) ends the run as incomplete, never as a pass.
 */
export function coordinate<S, A>(spec: AnySpec, members: readonly Member[], options: ParallelOptions = {}): Promise<CheckResult<S, A>> {
  if (options.checkpoint !== undefined || options.resume !== undefined) throw new Error("a partitioned search takes saveTo and resumeFrom, not a one-worker checkpoint");
  if (options.resumeFrom !== undefined && options.resumeFrom.manifest.partitions !== members.length) {
    throw new Error(`resume: the checkpoint has ${options.resumeFrom.manifest.partitions} partitions, the search ${members.length}`);
  }
  return new Coordinator<S, A>(spec, members, options).run();
}

/** First firings compare by level, then by key; names in the spec's list come first, in its order. */
interface Count {
  readonly name: string;
  count: number;
  newStates: number;
  first: [number, number, number];
}

class Coordinator<S, A> {
  private started = Date.now();
  private readonly partitions: number;
  private generated = 0;
  private distinct = 0;
  private depth = 0;
  private queued = 0;
  private widestLevel: SearchStats["widestLevel"] = { depth: 0, states: 0 };
  private readonly fired = new Map<string, Count>();
  private readonly rules: Map<string, Count> | undefined;
  private readonly witnesses = new Map<string, Candidate>();
  private violation: { readonly property: string; readonly explanation: string; readonly id: number; readonly state: unknown; readonly cost?: { faults: number; switches: number } } | undefined;
  private stopReason: string | undefined;
  private lastProgress: number;
  private readonly fingerprints: StoredFingerprints<unknown>;
  /** What the search is doing, for a message if a member is lost. */
  private round = "start";
  private lastSave: number;
  private generation = 0;
  private saved: string | undefined;
  private saveFailed: string | undefined;

  constructor(
    private readonly spec: AnySpec,
    private readonly members: readonly Member[],
    private readonly options: ParallelOptions,
  ) {
    this.partitions = members.length;
    for (const name of spec.actionNames ?? []) this.fired.set(name, { name, count: 0, newStates: 0, first: [-1, 0, 0] });
    this.rules = spec.rules && new Map(spec.rules.names.map((name: string) => [name, { name, count: 0, newStates: 0, first: [-1, 0, 0] }]));
    this.fingerprints = new StoredFingerprints(spec);
    this.lastProgress = this.started;
    this.lastSave = this.started;
  }

  async run(): Promise<CheckResult<S, A>> {
    try {
      if (this.options.resumeFrom !== undefined) await this.resume(this.options.resumeFrom.file, this.options.resumeFrom.manifest);
      else await this.seed();
      while (this.violation === undefined && this.queued > 0) {
        this.stopReason = this.limitReached();
        if (this.stopReason !== undefined) {
          if (this.options.saveTo !== undefined) await this.save(this.options.saveTo);
          break;
        }
        if (this.queued > this.widestLevel.states) this.widestLevel = { depth: this.depth, states: this.queued };
        this.depth++;
        await this.level();
        const saveTo = this.options.saveTo;
        if (saveTo !== undefined && this.violation === undefined && this.queued > 0 && Date.now() - this.lastSave >= saveTo.everyMs) await this.save(saveTo);
        if (this.saveFailed !== undefined) {
          this.stopReason = `${this.saveFailed}; ${this.saved === undefined ? "no checkpoint of this run was saved" : `the last one saved (${this.saved}) is in ${saveTo!.file}`}`;
          break;
        }
      }
      return await this.result();
    } catch (error) {
      if (!(error instanceof MemberLost)) throw error;
      return await this.lostResult(error);
    }
  }

  /** Between levels: every partition's slice, then the manifest, which makes them a checkpoint. */
  private async save(to: PartitionedCheckpointOptions): Promise<void> {
    this.round = "saving a checkpoint";
    const generation = this.generation + 1;
    const counts = (m: Map<string, Count>) => [...m.values()].map((c) => ({ ...c, first: [...c.first] as [number, number, number] }));
    try {
      // One slice at a time: the coordinator never holds the whole search.
      for (const member of this.members) writeSlice(to.file, generation, await member.ask<PartitionSlice<unknown>>({ type: "save" }));
      writeManifest(to.file, {
        format: PARTITIONED_FORMAT,
        spec: this.spec.name,
        identity: to.identity,
        partitions: this.partitions,
        generation,
        depth: this.depth,
        generated: this.generated,
        distinct: this.distinct,
        queued: this.queued,
        elapsedMs: Date.now() - this.started,
        widestLevel: this.widestLevel,
        fired: counts(this.fired),
        rules: this.rules && counts(this.rules),
        witnesses: [...this.witnesses.entries()],
      });
    } catch (error) {
      if (error instanceof MemberLost) throw error;
      this.saveFailed = `the checkpoint could not be saved to ${to.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
      return;
    }
    this.generation = generation;
    this.lastSave = Date.now();
    this.saved = `${this.distinct.toLocaleString("en-US")} states, level ${this.depth}`;
    to.say?.(`checkpoint: ${to.file} (${this.saved}, ${this.partitions} partitions); go on with --resume ${to.file}`);
  }

  /** Every partition takes up its slice; the coordinator, its counts: the search goes on as if it had never stopped. */
  private async resume(file: string, manifest: Manifest): Promise<void> {
    this.round = "resuming";
    for (const [index, member] of this.members.entries()) {
      const slice = readSlice(file, manifest, index);
      if (!slice.ok) throw new Error(`resume: ${slice.why}`);
      await member.ask({ type: "restore", slice: slice.value });
    }
    this.generation = manifest.generation;
    this.depth = manifest.depth;
    this.generated = manifest.generated;
    this.distinct = manifest.distinct;
    this.queued = manifest.queued;
    this.widestLevel = manifest.widestLevel;
    this.started = Date.now() - manifest.elapsedMs;
    this.lastSave = Date.now();
    const restore = (into: Map<string, Count>, saved: Manifest["fired"]) => {
      into.clear();
      for (const c of saved) into.set(c.name, { ...c, first: [...c.first] as [number, number, number] });
    };
    restore(this.fired, manifest.fired);
    if (this.rules !== undefined) restore(this.rules, manifest.rules ?? []);
    for (const [name, candidate] of manifest.witnesses) this.witnesses.set(name, candidate);
  }

  /** A member was lost: what was covered, where it stopped, and where to go on from. No pass. */
  private async lostResult(error: MemberLost): Promise<CheckResult<S, A>> {
    const checkpoint =
      this.options.saveTo === undefined
        ? "no checkpoint was asked for (--checkpoint FILE)"
        : this.saved === undefined
          ? `no checkpoint of this run was saved yet${this.options.resumeFrom ? `; ${this.options.resumeFrom.file} still holds the one it resumed from` : ""}`
          : `the last whole checkpoint (${this.saved}) is in ${this.options.saveTo.file}; go on with --resume ${this.options.saveTo.file}`;
    const reason = `${error.message}, during level ${this.depth} (${this.round}); ${checkpoint}`;
    return {
      spec: this.spec.name,
      verdict: { kind: "incomplete", reason },
      witnesses: await this.witnessTraces(),
      stats: { ...this.stats(), tableBytes: 0, bookkeepingBytes: 0, widestLevel: this.widestLevel },
      coverage: inOrder(this.fired).map((c) => ({ name: c.name, fired: c.count, newStates: c.newStates })),
      ...(this.rules && { rules: inOrder(this.rules).map((c) => ({ name: c.name, taken: c.count })) }),
      collisionProbability: collisionProbability(this.distinct, this.fingerprints.mostImages),
    };
  }

  /** The initial states, each held by the owner of its fingerprint, as steps of level 0 it sent itself. */
  private async seed(): Promise<void> {
    this.round = "seeding";
    const batches = this.members.map(() => emptySteps());
    const states: unknown[][] = this.members.map(() => []);
    this.spec.initialStates().forEach((state: unknown, index: number) => {
      this.generated++;
      if (this.spec.constraint !== undefined && !this.spec.constraint(state)) return;
      const fp = this.fingerprints.of(state);
      const owner = ownerOf(fp.hi, this.partitions);
      const batch = batches[owner]!;
      batch.ranks.push(index);
      batch.actions.push(0);
      batch.parents.push(-1 - index);
      batch.his.push(fp.hi);
      batch.los.push(fp.lo);
      batch.names.push("");
      states[owner]!.push(state);
    });
    await Promise.all(this.members.map((m, i) => m.ask({ type: "seed", batch: batches[i]!, states: states[i]! })));
    const decided = await Promise.all(this.members.map((m, i) => m.ask<Decided>({ type: "decide", expected: this.members.map((_, j) => (j === i ? 1 : 0)) })));
    await this.settle(decided);
  }

  private async level(): Promise<void> {
    this.round = "expanding";
    const expanded = await Promise.all(this.members.map((m) => m.ask<Expanded>({ type: "expand" })));
    for (const e of expanded) {
      this.generated += e.generated;
      this.count(this.fired, e.fired);
      if (this.rules !== undefined) this.count(this.rules, e.rules!);
    }
    const deadlock = expanded.filter((e) => e.deadlock !== undefined).sort((a, b) => a.deadlock!.rank - b.deadlock!.rank)[0]?.deadlock;
    this.round = "deciding";
    const decided = await Promise.all(this.members.map((m, i) => m.ask<Decided>({ type: "decide", expected: expanded.map((e) => e.sent[i]!) })));
    for (const d of decided) for (const [name, n] of Object.entries(d.newStates)) this.fired.get(name)!.newStates += n;
    await this.settle(decided);
    if (deadlock !== undefined) {
      this.violation = { property: "deadlock", explanation: "no action is enabled and the state is not final", id: deadlock.id, state: deadlock.state };
    }
    this.progress();
  }

  private count(into: Map<string, Count>, tallies: Record<string, Tally>): void {
    for (const [name, t] of Object.entries(tallies)) {
      const key: [number, number, number] = [this.depth, t.firstRank, t.firstAction];
      const c = into.get(name);
      if (c === undefined) into.set(name, { name, count: t.count, newStates: 0, first: key });
      else {
        c.count += t.count;
        if (c.first[0] >= 0 && byFirst(key, c.first) < 0) c.first = key;
      }
    }
  }

  /** After the owners decided: the holders check the new states, which then get their ranks; take violations and witnesses. */
  private async settle(decided: readonly Decided[]): Promise<void> {
    this.round = "settling";
    this.distinct += decided.reduce((n, d) => n + d.distinct, 0);
    const found = [...this.witnesses.keys()];
    const merged = await Promise.all(this.members.map((m) => m.ask<Settled>({ type: "settle", found })));
    const ranks = mergeKeys(merged.map((m) => m.keys));
    const ship = balance(ranks.map((r) => r.length));
    await Promise.all(this.members.map((m, i) => m.ask({ type: "ranks", ranks: ranks[i]!, ship: ship[i]!, receive: ship.filter((row) => row[i]! > 0).length })));
    this.queued = merged.reduce((n, m) => n + m.keys.length / 2, 0);
    const byKey = (a: Candidate, b: Candidate) => a.rank - b.rank || a.action - b.action;
    const violations: Violation[] = merged.flatMap((m) => m.violations).sort(byKey);
    if (violations.length > 0) {
      // The first found, or with path costs the cheapest, the first found among equals: as bfs.ts chooses.
      const chosen = this.spec.stepInfo ? violations.reduce((a, b) => (cheaper(b, a) ? b : a)) : violations[0]!;
      const cost = this.spec.stepInfo ? { faults: chosen.faults, switches: chosen.switches } : undefined;
      this.violation = { property: chosen.property, explanation: chosen.explanation, id: chosen.id, state: chosen.state, cost };
    }
    for (const name of new Set(merged.flatMap((m) => Object.keys(m.witnesses)))) {
      if (this.witnesses.has(name)) continue;
      const first = merged.map((m) => m.witnesses[name]).filter((c): c is Candidate => c !== undefined).sort(byKey)[0]!;
      this.witnesses.set(name, first);
    }
  }

  private limitReached(): string | undefined {
    const { maxDepth, maxStates, timeLimitMs, maxMemoryBytes, shouldStop } = this.options;
    if (maxDepth !== undefined && this.depth >= maxDepth) return `reached --max-depth ${maxDepth} with ${this.queued} states unexpanded`;
    if (maxStates !== undefined && this.distinct >= maxStates) return `reached --max-states ${maxStates} (checked between levels with several workers)`;
    if (timeLimitMs !== undefined && Date.now() - this.started >= timeLimitMs) return `reached --time-limit ${timeLimitMs / 1000}s`;
    return (maxMemoryBytes !== undefined ? memoryPressure(maxMemoryBytes) : undefined) ?? shouldStop?.();
  }

  private stats(): Progress {
    return { depth: this.depth, generated: this.generated, distinct: this.distinct, queued: this.queued, elapsedMs: Date.now() - this.started, memoryBytes: memoryInUse() };
  }

  private progress(): void {
    const now = Date.now();
    if (this.options.onProgress && now - this.lastProgress >= (this.options.progressIntervalMs ?? 5000)) {
      this.lastProgress = now;
      this.options.onProgress(this.stats());
    }
  }

  private async pathTo(id: number): Promise<Path> {
    const steps: number[] = [];
    let cursor = id;
    for (;;) {
      const step = await this.members[cursor % this.partitions]!.ask<{ parent: number; action: number }>({ type: "step", globalId: cursor });
      if (step.parent < 0) return { initialIndex: -1 - step.parent, actionIndices: steps.reverse() };
      steps.push(step.action);
      cursor = step.parent;
    }
  }

  /**
   * Each witness found, with its trace. After a member was lost, a trace
   * through its partition cannot be rebuilt: that witness is left out, so
   * the report never shows a trace it could not replay.
   */
  private async witnessTraces(): Promise<WitnessResult<S, A>[]> {
    const witnesses: WitnessResult<S, A>[] = [];
    for (const w of this.spec.witnesses as { name: string; reached: (s: unknown) => boolean }[]) {
      const found = this.witnesses.get(w.name);
      let path: Path | undefined;
      try {
        path = found && (await this.pathTo(found.id));
      } catch (error) {
        if (!(error instanceof MemberLost)) throw error;
      }
      if (found === undefined || path === undefined) witnesses.push({ name: w.name, trace: undefined });
      else {
        const trace = replayPath(this.spec, path, found.state);
        if (!w.reached(lastState(trace))) throw new Error(`replay: witness ${w.name} not reached on replay`);
        witnesses.push({ name: w.name, trace });
      }
    }
    return witnesses;
  }

  private async verdict(): Promise<Verdict<S, A>> {
    if (this.violation === undefined) return this.stopReason !== undefined ? { kind: "incomplete", reason: this.stopReason } : { kind: "pass" };
    const { property, explanation, id, state, cost } = this.violation;
    const trace = replayPath(this.spec, await this.pathTo(id), state);
    if (property !== "deadlock" && this.spec.invariants.find((inv: { name: string }) => inv.name === property)!.holds(lastState(trace))) {
      throw new Error(`replay: invariant ${property} holds on the replayed trace; the spec is not deterministic`);
    }
    return { kind: "violation", property, explanation, trace, cost };
  }

  private async result(): Promise<CheckResult<S, A>> {
    this.round = "reporting";
    const verdict = await this.verdict();
    const witnesses = await this.witnessTraces();
    const sizes = await Promise.all(this.members.map((m) => m.ask<{ table: number; bookkeeping: number; mostImages: number }>({ type: "stats" })));
    const mostImages = Math.max(this.fingerprints.mostImages, ...sizes.map((s) => s.mostImages));
    const coverage: ActionCoverage[] = inOrder(this.fired).map((c) => ({ name: c.name, fired: c.count, newStates: c.newStates }));
    const rules: RuleCount[] | undefined = this.rules && inOrder(this.rules).map((c) => ({ name: c.name, taken: c.count }));
    return {
      spec: this.spec.name,
      verdict,
      witnesses,
      stats: {
        ...this.stats(),
        tableBytes: sizes.reduce((n, s) => n + s.table, 0),
        bookkeepingBytes: sizes.reduce((n, s) => n + s.bookkeeping, 0),
        widestLevel: this.widestLevel,
      },
      coverage,
      ...(rules && { rules }),
      ...(this.spec.symmetries && { symmetry: { mostImages } }),
      collisionProbability: collisionProbability(this.distinct, mostImages),
    };
  }
}

/** Orders first firings: by level, then rank, then action. */
const byFirst = (a: readonly number[], b: readonly number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/** The spec's own names first, in its order; then the others by when they first fired. */
function inOrder(counts: Map<string, Count>): Count[] {
  const all = [...counts.values()];
  const listed = all.filter((c) => c.first[0] < 0);
  const rest = all.filter((c) => c.first[0] >= 0).sort((a, b) => byFirst(a.first, b.first));
  return [...listed, ...rest];
}
