// Random walks, as TLC's -simulate and DSLabs' random search, and the swarm of
// SPIN (Holzmann, Joshi and Groce): for specs whose state space does not fit
// an exhaustive search, many random walks, each checking every invariant in
// every state it is in.
//
// The work is cut into jobs (walk-series.ts), and members take turns: job j
// runs walks of member j mod M (M members), except that in a swarm the plain
// member 0 takes every other turn. A job's result depends only on
// the seed, its member and its walks' numbers, and results are merged
// strictly in job order, however many workers ran them and in whatever order
// they finished. So the same seed and options give the same walks, the same
// counts and the same verdict for any number of workers. A run stopped by a
// walk budget, a state budget or a violation is exactly reproducible; one
// stopped by the clock merges the jobs finished in order, and says how many
// walks that was, so `walks` reruns it exactly.

import { collisionProbability } from "../fingerprint.ts";
import { FingerprintTable } from "../fingerprint-table.ts";
import { memoryInUse } from "../memory.ts";
import type { RuleCount } from "../check-result.ts";
import { steps as stepsOf } from "../steps.ts";
import { lastState, replayPath } from "../trace.ts";
import { startWorkerThread } from "../worker-thread.ts";
import { MemberLost, type Asker } from "../member-lost.ts";
import type { Finding, MemberStats, SimulateOptions, SimulationMember, SimulationResult, SimulationVerdict, TimelinePoint } from "./simulation-result.ts";
import type { WalkEnd } from "./walk.ts";
import { runSeries, type FoundPath, type FoundViolation, type SeriesJob, type SeriesResult, type SeriesSettings } from "./walk-series.ts";
import type { WalkWorkerSetup } from "./walk-worker.ts";

export type * from "./simulation-result.ts";

const WALKS_PER_JOB = 16;
const COVERAGE_LIMIT = 16_000_000;
/** How often, at most, the run lets signal handlers run and reads the clock. */
const YIELD_EVERY_MS = 50;
const TIMELINE_EVERY_MS = 1000;
/** Jobs handed to one worker before it answers, so it never waits for the next. */
const JOBS_AHEAD = 2;

export async function simulate<S, A>(members: readonly SimulationMember<S, A>[], options: SimulateOptions): Promise<SimulationResult<S, A>> {
  if (members.length === 0) throw new Error("simulate: no member to run");
  const run = new Simulation(members, options);
  const workers = options.workers ?? 1;
  if (options.runners !== undefined) await run.dispatch(options.runners);
  else if (workers <= 1) await run.inline();
  else await run.threaded(workers);
  return run.result();
}

class Simulation<S, A> {
  private readonly started = Date.now();
  private readonly perJob: number;
  private readonly settings: SeriesSettings;
  private readonly table = new FingerprintTable();
  private readonly coverageLimit: number;
  private coverageFull = false;
  private walks = 0;
  private steps = 0;
  private readonly fired = new Map<string, number>();
  private readonly rules: Map<string, number> | undefined;
  private readonly witnesses = new Map<string, FoundPath>();
  private readonly findings: FoundViolation[] = [];
  private deepest = { member: 0, walk: 0, steps: -1 };
  private readonly ends: Record<WalkEnd, number> = { depth: 0, stuck: 0, constraint: 0, violation: 0 };
  private readonly memberStats: Map<number, { index: number; walks: number; steps: number; newStates: number; violatingWalks: number; found: string | undefined }>;
  private readonly timeline: TimelinePoint[] = [];
  /** Jobs merged so far: the results of jobs 0 .. merged-1 are in the counts. */
  private merged = 0;
  private stopReason: { readonly kind: "none-found" | "incomplete"; readonly reason: string } | undefined;
  private lastProgress: number;
  private lastTimeline: number;
  private distinctAtLastProgress = 0;

  constructor(
    private readonly members: readonly SimulationMember<S, A>[],
    private readonly options: SimulateOptions,
  ) {
    this.perJob = options.walksPerJob ?? WALKS_PER_JOB;
    this.coverageLimit = options.coverageLimit ?? COVERAGE_LIMIT;
    this.settings = { checkDeadlock: options.checkDeadlock ?? false, keepGoing: options.keepGoing ?? false };
    const first = members[0]!.spec;
    for (const name of first.actionNames ?? []) this.fired.set(name, 0);
    this.rules = first.rules && new Map(first.rules.names.map((name) => [name, 0]));
    this.memberStats = new Map(members.map((m) => [m.index, { index: m.index, walks: 0, steps: 0, newStates: 0, violatingWalks: 0, found: undefined }]));
    this.lastProgress = this.started;
    this.lastTimeline = this.started;
  }

  /**
   * Job j: which member's walks, and which of them; undefined once the walk
   * budget is spent. In a swarm whose first member is the configuration as
   * given (member 0), that member takes every other turn and the others share
   * the rest: a swarm then finds what plain walks find at least half as fast.
   */
  private jobAt(j: number): SeriesJob | undefined {
    const budget = this.options.walks;
    const walks = budget === undefined ? this.perJob : Math.min(this.perJob, budget - j * this.perJob);
    if (walks <= 0) return undefined;
    const m = this.members.length;
    const halves = m > 1 && this.members[0]!.index === 0;
    const [member, turn] = !halves ? [j % m, Math.floor(j / m)] : j % 2 === 0 ? [0, j / 2] : [1 + (((j - 1) / 2) % (m - 1)), Math.floor((j - 1) / 2 / (m - 1))];
    return { job: j, member: this.members[member]!.index, firstWalk: turn * this.perJob, walks };
  }

  private memberOf(index: number): SimulationMember<S, A> {
    return this.members.find((m) => m.index === index)!;
  }

  /** Every job in this thread, in order. */
  async inline(): Promise<void> {
    let lastYield = Date.now();
    for (let j = 0; ; j++) {
      const job = this.jobAt(j);
      if (job === undefined) return;
      const member = this.memberOf(job.member);
      this.merge(runSeries(member.spec, member.style, this.options.seed, job, this.settings));
      if (this.done()) return;
      if (Date.now() - lastYield >= YIELD_EVERY_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
        this.tick();
        if (this.stopReason !== undefined) return;
      }
    }
  }

  /** Jobs handed out to worker threads, a few ahead each; results merged in job order as they complete. */
  async threaded(count: number): Promise<void> {
    const setup: WalkWorkerSetup = {
      seed: this.options.seed,
      settings: this.settings,
      members: this.members.map((m) => {
        if (m.source === undefined) throw new Error("simulate: a run with worker threads needs each member's spec source");
        return { index: m.index, source: m.source, style: m.style };
      }),
    };
    const threads = await Promise.all(
      Array.from({ length: count }, (_, i) => startWorkerThread<SeriesJob>(new URL("./walk-worker.ts", import.meta.url), setup, [], `walk worker ${i}`)),
    );
    try {
      await this.dispatch(threads);
    } finally {
      await Promise.all(threads.map((t) => t.worker.terminate()));
    }
  }

  /**
   * Jobs handed to runners (threads, or worker processes), a few ahead each,
   * results merged in job order as they complete. A runner that is lost
   * (MemberLost) has its jobs run again by the others: a job's result
   * depends only on the job, so the run's result does not change.
   */
  async dispatch(runners: readonly Pick<Asker<SeriesJob>, "ask">[]): Promise<void> {
    const waiting = new Map<number, SeriesResult>();
    const busy = runners.map(() => 0);
    const lost = runners.map(() => false);
    const again: SeriesJob[] = [];
    let next = 0;
    // No job past the first one known to break a property need run (unless the run keeps going).
    let last = Infinity;
    return new Promise<void>((resolve, reject) => {
      let finished = false;
      const finish = (error?: unknown) => {
        if (finished) return;
        finished = true;
        clearInterval(timer);
        if (error === undefined) resolve();
        else reject(error);
      };
      const take = (): SeriesJob | undefined => {
        for (let job = again.shift(); job !== undefined; job = again.shift()) if (job.job <= last) return job;
        if (next > last) return undefined;
        const job = this.jobAt(next);
        if (job !== undefined) next++;
        return job;
      };
      const pump = () => {
        if (finished) return;
        while (waiting.has(this.merged)) {
          this.merge(waiting.get(this.merged)!);
          waiting.delete(this.merged - 1);
          if (this.done()) return finish();
        }
        this.tick();
        if (this.stopReason !== undefined) return finish();
        for (let t = 0; t < runners.length; t++) {
          while (!lost[t] && busy[t]! < JOBS_AHEAD) {
            const job = take();
            if (job === undefined) break;
            busy[t]!++;
            runners[t]!.ask<SeriesResult>(job).then(
              (result) => {
                busy[t]!--;
                if (result.violations.length > 0 && !this.settings.keepGoing) last = Math.min(last, result.job);
                waiting.set(result.job, result);
                pump();
              },
              (error: unknown) => {
                busy[t]!--;
                if (!(error instanceof MemberLost)) return finish(error);
                lost[t] = true;
                again.push(job);
                again.sort((a, b) => a.job - b.job);
                if (lost.every((l) => l)) {
                  this.stopReason = { kind: "incomplete", reason: `every worker was lost (the last: ${error.message})` };
                  return finish();
                }
                pump();
              },
            );
          }
        }
        if (busy.every((b) => b === 0) && again.length === 0 && (next > last || this.jobAt(next) === undefined)) finish();
      };
      const timer = setInterval(pump, YIELD_EVERY_MS);
      pump();
    });
  }

  /** After a merge: is the run over (a violation, unless keeping on, or the state budget)? */
  private done(): boolean {
    if (this.findings.length > 0 && !this.settings.keepGoing) return true;
    const maxStates = this.options.maxStates;
    if (maxStates !== undefined && this.table.size >= maxStates) {
      this.stopReason = { kind: "none-found", reason: `reached --max-states ${maxStates}` };
      return true;
    }
    return false;
  }

  /** Between jobs: the clock, Ctrl-C, progress and the timeline. */
  private tick(): void {
    const now = Date.now();
    const limit = this.options.timeLimitMs;
    const interrupted = this.options.shouldStop?.();
    if (interrupted !== undefined) this.stopReason = { kind: "incomplete", reason: interrupted };
    else if (limit !== undefined && now - this.started >= limit) this.stopReason = { kind: "none-found", reason: `reached --time-limit ${limit / 1000}s` };
    if (now - this.lastTimeline >= TIMELINE_EVERY_MS) this.mark(now);
    const every = this.options.progressIntervalMs ?? 5000;
    if (this.options.onProgress !== undefined && now - this.lastProgress >= every) {
      const seconds = Math.max((now - this.lastProgress) / 1000, 0.001);
      this.options.onProgress({
        walks: this.walks,
        steps: this.steps,
        distinct: this.table.size,
        newPerSecond: (this.table.size - this.distinctAtLastProgress) / seconds,
        deepest: Math.max(this.deepest.steps, 0),
        elapsedMs: now - this.started,
        memoryBytes: memoryInUse(),
      });
      this.lastProgress = now;
      this.distinctAtLastProgress = this.table.size;
    }
  }

  private mark(now: number): void {
    this.timeline.push({ elapsedMs: now - this.started, walks: this.walks, distinct: this.table.size });
    this.lastTimeline = now;
  }

  private merge(r: SeriesResult): void {
    if (r.job !== this.merged) throw new Error(`simulate: job ${r.job} merged out of order (expected ${this.merged})`);
    this.merged++;
    const member = this.memberStats.get(this.jobAt(r.job)!.member)!;
    this.walks += r.walks;
    this.steps += r.steps;
    member.walks += r.walks;
    member.steps += r.steps;
    member.violatingWalks += r.violatingWalks;
    const prints = r.fingerprints;
    for (let i = 0; i < prints.length && !this.coverageFull; i += 2) {
      if (this.table.add(prints[i]!, prints[i + 1]!)) member.newStates++;
      if (this.table.size >= this.coverageLimit) this.coverageFull = true;
    }
    for (const [name, n] of Object.entries(r.fired)) this.fired.set(name, (this.fired.get(name) ?? 0) + n);
    if (this.rules !== undefined && r.rules !== undefined) for (const [name, n] of Object.entries(r.rules)) this.rules.set(name, (this.rules.get(name) ?? 0) + n);
    for (const [name, found] of Object.entries(r.witnesses)) if (!this.witnesses.has(name)) this.witnesses.set(name, found);
    for (const v of r.violations) {
      member.found ??= v.property;
      if (!this.findings.some((f) => f.property === v.property)) this.findings.push(v);
    }
    if (r.deepest.steps > this.deepest.steps) this.deepest = r.deepest;
    for (const [end, n] of Object.entries(r.ends)) this.ends[end as WalkEnd] += n;
  }

  /** A walk's path, replayed through its member's spec; it must break the property again, or the spec is not deterministic. */
  private replayed(found: FoundViolation): Finding<S, A> {
    const spec = this.memberOf(found.member).spec;
    const trace = replayPath(spec, found);
    const last = lastState(trace);
    const again =
      found.property === "deadlock" ? stepsOf(spec, last).length === 0 : spec.invariants.find((inv) => inv.name === found.property)?.holds(last) === false;
    if (!again) throw new Error(`replay: walk ${found.walk} of member ${found.member} no longer breaks ${found.property}; the spec is not deterministic`);
    return { member: found.member, walk: found.walk, property: found.property, explanation: found.explanation, trace };
  }

  private verdict(findings: readonly Finding<S, A>[]): SimulationVerdict<S, A> {
    if (findings.length > 0) return { kind: "violation", finding: findings[0]! };
    if (this.stopReason !== undefined) return this.stopReason;
    const budget = this.options.walks;
    return { kind: "none-found", reason: budget === undefined ? "every job ran" : `ran --walks ${budget}` };
  }

  result(): SimulationResult<S, A> {
    this.mark(Date.now());
    const findings = this.findings.map((f) => this.replayed(f));
    const spec = this.members[0]!.spec;
    return {
      spec: spec.name,
      seed: this.options.seed,
      verdict: this.verdict(findings),
      findings,
      witnesses: spec.witnesses.map((w) => {
        const found = this.witnesses.get(w.name);
        if (found === undefined) return { name: w.name, trace: undefined };
        const trace = replayPath(this.memberOf(found.member).spec, found);
        if (!this.memberOf(found.member).spec.witnesses.find((x) => x.name === w.name)!.reached(lastState(trace))) {
          throw new Error(`replay: witness ${w.name} not reached on replay`);
        }
        return { name: w.name, member: found.member, walk: found.walk, trace };
      }),
      stats: {
        walks: this.walks,
        steps: this.steps,
        distinct: this.table.size,
        coverageFull: this.coverageFull,
        elapsedMs: Date.now() - this.started,
        deepest: { ...this.deepest, steps: Math.max(this.deepest.steps, 0) },
        ends: { ...this.ends },
        timeline: this.timeline,
      },
      fired: [...this.fired].map(([name, count]) => ({ name, count })),
      ...(this.rules && { rules: [...this.rules].map(([name, taken]): RuleCount => ({ name, taken })) }),
      members: [...this.memberStats.values()].map((m): MemberStats => ({ ...m })),
      collisionProbability: collisionProbability(this.table.size, 1),
    };
  }
}
