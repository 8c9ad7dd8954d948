// Breadth-first search over every reachable state, strictly level by level, so
// the first time a state is seen it is seen by a shortest path. For each
// distinct state only its fingerprint (in the table), its parent's number and
// the index of the action that led to it are kept; whole states live only in
// the current and next frontier (frontier.ts), encoded if the spec has a codec.

import type { ActionCoverage, CheckOptions, CheckResult, Progress, RuleCount, SearchStats, Verdict, WitnessResult } from "./check-result.ts";
import { CHECKPOINT_FORMAT, type Checkpoint } from "./checkpoint.ts";
import { CodecCheck } from "./codec-check.ts";
import { collisionProbability, fingerprint, type Fingerprint } from "./fingerprint.ts";
import { FingerprintTable } from "./fingerprint-table.ts";
import { newFrontier, restoreFrontier, type Frontier } from "./frontier.ts";
import { GrowableArray } from "./growable-array.ts";
import { LevelIndex } from "./level-index.ts";
import { memoryInUse, memoryPressure } from "./memory.ts";
import { cheaper, PathCosts } from "./path-costs.ts";
import type { Spec } from "./spec.ts";
import { StoredFingerprints, withSymmetryOption } from "./symmetry.ts";
import { replayPath, lastState, type Path } from "./trace.ts";

export type { ActionCoverage, CheckOptions, CheckResult, Progress, RuleCount, SearchStats, Verdict, WitnessResult } from "./check-result.ts";

/** The clock is read once per this many generated states. */
const CHECK_EVERY = 1024;
/** How often, at most, the search lets signal handlers (Ctrl-C) and `shouldStop` run. */
const YIELD_EVERY_MS = 50;

// An initial state has no parent: its parent slot holds -1 - (its index among
// the initial states), so any number of initial states fits, and the action
// index (16 bits) is needed only for real steps.
const rootMark = (initialIndex: number) => -1 - initialIndex;
const initialIndexOf = (mark: number) => -1 - mark;

export async function check<S, A>(spec: Spec<S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  const search = new Search(withSymmetryOption(spec, options), options);
  await search.run();
  return search.result();
}

interface Found<S> {
  readonly id: number;
  readonly state: S;
  readonly property: string;
  readonly explanation: string;
}

/** Where a stopped search goes on: the state of the level being expanded, and its first action not yet taken. */
interface Position {
  readonly index: number;
  readonly action: number;
}

class Search<S, A> {
  private readonly started = Date.now();
  private table = new FingerprintTable();
  private parents = new GrowableArray(Int32Array);
  private actionIndices = new GrowableArray(Uint16Array);
  private readonly coverage = new Map<string, ActionCoverage>();
  private readonly rules: Map<string, RuleCount> | undefined;
  private readonly witnessIds = new Map<string, number>();
  private readonly witnessStates = new Map<string, S>();
  private readonly violations: Found<S>[] = [];
  // The level that holds a violation is always finished before it is
  // reported: the counts then do not depend on the order within a level
  // (so every number of workers reports the same), and with path costs the
  // cheapest of its shortest counterexamples can be chosen.
  private costs: PathCosts | undefined;
  private readonly levelIndex: LevelIndex | undefined;
  /**
   * Under symmetry, the state each id of the level being built was first
   * reached as, by its own fingerprint: a cheaper parent is taken only when
   * it leads to that very state. One that leads to another state of the
   * class would leave the id's path ending elsewhere than the state stored
   * and expanded, and its successors' action indices would not replay.
   */
  private readonly firstReachedAs: Map<number, Fingerprint> | undefined;
  private level: Frontier<S>;
  private nextLevel: Frontier<S>;
  /** The action the first state of `level` starts at: not 0 only when resuming mid-state. */
  private firstAction = 0;
  private widestLevel: SearchStats["widestLevel"] = { depth: 0, states: 0 };
  private generated = 0;
  private depth = 0;
  /** Time spent before a resume. */
  private earlierMs = 0;
  private lastProgress: number;
  private lastYield: number;
  private lastCheckpoint: number;
  private yieldDue = false;
  private checkpointDue = false;
  private stopReason: string | undefined;
  private stoppedAt: Position = { index: 0, action: 0 };
  private readonly fingerprints: StoredFingerprints<S>;
  private readonly codecCheck: CodecCheck<S>;

  constructor(
    private readonly spec: Spec<S, A>,
    private readonly options: CheckOptions,
  ) {
    for (const name of spec.actionNames ?? []) this.coverage.set(name, { name, fired: 0, newStates: 0 });
    this.rules = spec.rules && new Map(spec.rules.names.map((name) => [name, { name, taken: 0 }]));
    this.costs = spec.stepInfo ? new PathCosts() : undefined;
    this.levelIndex = this.costs ? new LevelIndex() : undefined;
    // The spec has its symmetries only when they are on (withSymmetryOption).
    this.firstReachedAs = this.costs && spec.symmetries ? new Map() : undefined;
    this.fingerprints = new StoredFingerprints(spec);
    this.codecCheck = new CodecCheck(spec.name, spec.codec, options.paranoid ?? false);
    this.level = newFrontier(spec.codec);
    this.nextLevel = newFrontier(spec.codec);
    this.lastProgress = this.started;
    this.lastYield = this.started;
    this.lastCheckpoint = this.started;
  }

  async run(): Promise<void> {
    if (this.options.resume !== undefined) {
      this.restore(this.options.resume as Checkpoint<S>);
      if (!(await this.expandLevel())) return this.saveOnStop();
      this.level = newFrontier(this.spec.codec);
    } else {
      this.seedInitialStates();
    }
    while (this.violations.length === 0 && this.nextLevel.length > 0) {
      if (this.options.maxDepth !== undefined && this.depth >= this.options.maxDepth) {
        this.stopReason = `reached --max-depth ${this.options.maxDepth} with ${this.nextLevel.length} states unexpanded`;
        return this.saveOnStop();
      }
      this.startLevel();
      if (!(await this.expandLevel())) return this.saveOnStop();
      this.level = newFrontier(this.spec.codec);
    }
  }

  /** A search that stops before it is done, with no violation to report, leaves a checkpoint if asked to. */
  private saveOnStop(): void {
    if (this.stopReason !== undefined && this.violations.length === 0) this.saveCheckpoint(this.stoppedAt);
  }

  private saveCheckpoint(at: Position): void {
    const sink = this.options.checkpoint;
    if (sink === undefined) return;
    sink.save({
      format: CHECKPOINT_FORMAT,
      spec: this.spec.name,
      identity: sink.identity,
      depth: this.depth,
      generated: this.generated,
      elapsedMs: this.progress().elapsedMs,
      widestLevel: this.widestLevel,
      table: this.table.saved(),
      parents: this.parents.used() as Int32Array,
      actionIndices: this.actionIndices.used() as Uint16Array,
      costs: this.costs?.saved(),
      coverage: [...this.coverage.values()].map((c) => ({ ...c })),
      rules: this.rules && [...this.rules.values()].map((r) => ({ ...r })),
      witnesses: [...this.witnessIds].map(([name, id]) => ({ name, id, state: this.witnessStates.get(name)! })),
      level: this.level.saved(at.index),
      firstAction: at.action,
      nextLevel: this.nextLevel.saved(0),
    });
    this.lastCheckpoint = Date.now();
    this.checkpointDue = false;
  }

  private restore(saved: Checkpoint<S>): void {
    if (saved.format !== CHECKPOINT_FORMAT || saved.spec !== this.spec.name) {
      throw new Error(`checkpoint: made by format ${saved.format} for ${saved.spec}, not format ${CHECKPOINT_FORMAT} for ${this.spec.name}`);
    }
    this.depth = saved.depth;
    this.generated = saved.generated;
    this.earlierMs = saved.elapsedMs;
    this.widestLevel = saved.widestLevel;
    this.table = FingerprintTable.restore(saved.table);
    this.parents = GrowableArray.of(Int32Array, saved.parents);
    this.actionIndices = GrowableArray.of(Uint16Array, saved.actionIndices);
    if (saved.costs !== undefined) this.costs = PathCosts.restore(saved.costs);
    for (const c of saved.coverage) this.coverage.set(c.name, { ...c });
    for (const r of saved.rules ?? []) this.rules?.set(r.name, { ...r });
    for (const w of saved.witnesses) {
      this.witnessIds.set(w.name, w.id);
      this.witnessStates.set(w.name, w.state);
    }
    this.level = restoreFrontier(this.spec.codec, saved.level, (state) => this.fingerprint(state));
    this.firstAction = saved.firstAction;
    this.nextLevel = restoreFrontier(this.spec.codec, saved.nextLevel, (state) => this.fingerprint(state));
    // The level being built may still take cheaper parents, so its index is rebuilt.
    for (let i = 0; this.levelIndex !== undefined && i < this.nextLevel.length; i++) {
      const fp = this.fingerprint(this.nextLevel.state(i));
      this.levelIndex.put(fp.hi, fp.lo, this.nextLevel.id(i));
      this.firstReachedAs?.set(this.nextLevel.id(i), this.ownFingerprint(this.nextLevel.state(i)));
    }
  }

  private fingerprint(state: S): Fingerprint {
    return this.fingerprints.of(state);
  }

  /** The state's fingerprint as itself, not as its class under symmetry. */
  private ownFingerprint(state: S): Fingerprint {
    return (this.spec.codec?.fingerprint ?? fingerprint)(state);
  }

  private outside(state: S): boolean {
    return this.spec.constraint !== undefined && !this.spec.constraint(state);
  }

  private seedInitialStates(): void {
    for (const [index, state] of this.spec.initialStates().entries()) {
      this.generated++;
      if (this.outside(state)) continue;
      const fp = this.fingerprint(state);
      if (!this.table.add(fp.hi, fp.lo)) continue;
      this.parents.push(rootMark(index));
      this.actionIndices.push(0);
      this.costs?.recordInitial();
      this.visit(state, this.table.size - 1, fp);
    }
  }

  private startLevel(): void {
    this.level = this.nextLevel;
    this.nextLevel = newFrontier(this.spec.codec);
    this.depth++;
    this.levelIndex?.startLevel();
    this.firstReachedAs?.clear();
    if (this.level.length > this.widestLevel.states) {
      this.widestLevel = { depth: this.depth - 1, states: this.level.length, frontierBytes: this.level.bytes };
    }
  }

  /** Expands every state of the level; false if the search must stop (then `stoppedAt` says where). */
  private async expandLevel(): Promise<boolean> {
    for (let i = 0; i < this.level.length; i++) {
      const stoppedAtAction = this.expand(this.stateToExpand(i), this.level.id(i), i === 0 ? this.firstAction : 0);
      if (stoppedAtAction !== undefined) {
        this.stoppedAt = { index: i, action: stoppedAtAction };
        return false;
      }
      if (this.yieldDue) {
        await new Promise((resolve) => setImmediate(resolve));
        this.yieldDue = false;
        this.lastYield = Date.now();
        this.stopReason = this.options.shouldStop?.();
        if (this.stopReason !== undefined) {
          this.stoppedAt = { index: i + 1, action: 0 };
          return false;
        }
      }
      if (this.checkpointDue) this.saveCheckpoint({ index: i + 1, action: 0 });
    }
    this.firstAction = 0;
    return true;
  }

  /**
   * The i-th state of the level; one that was stored encoded is checked
   * against its fingerprint, unless the codec gives the fingerprints: then
   * the check on a sample of new states (codec-check.ts) stands for it.
   */
  private stateToExpand(i: number): S {
    const state = this.level.state(i);
    if (this.spec.codec !== undefined && this.spec.codec.fingerprint === undefined) {
      const fp = this.fingerprint(state);
      if (!this.level.matches(i, fp.hi, fp.lo)) {
        throw new Error(`spec ${this.spec.name}: its codec does not give back the state it encoded (state #${this.level.id(i)})`);
      }
    }
    return state;
  }

  /** Generates the successors of one state from action `from` on; if the search must stop, the action to go on from. */
  private expand(state: S, parentId: number, from: number): number | undefined {
    const spec = this.spec;
    // A spec with actions and next is asked for each successor in turn, with no step objects built.
    const out = spec.successors?.(state);
    const actions = out === undefined ? spec.actions!(state) : undefined;
    const count = out === undefined ? actions!.length : out.length;
    if (count > 0xffff) throw new Error(`spec ${spec.name}: more than 65535 actions enabled in one state`);
    if (count === 0 && this.options.checkDeadlock && !(spec.isFinal?.(state) ?? false)) {
      this.violations.push({ id: parentId, state, property: "deadlock", explanation: "no action is enabled and the state is not final" });
      return undefined;
    }
    for (let a = from; a < count; a++) {
      // Before the step is counted, so a search stopped here goes on with this very step.
      if ((this.generated + 1) % CHECK_EVERY === 0 && !this.tick()) return a;
      const action = out === undefined ? actions![a]! : out[a]!.action;
      const successor = out === undefined ? spec.next!(state, action) : out[a]!.state;
      if (!this.generate(state, action, successor, parentId, a)) return a + 1;
    }
    return undefined;
  }

  /** Counts and records one generated successor; false if the search must stop. */
  private generate(state: S, action: A, successor: S, parentId: number, actionIndex: number): boolean {
    this.generated++;
    const cov = this.coverageOf(this.spec.actionName(action, state));
    cov.fired++;
    if (this.rules !== undefined) this.countRules(this.spec.rules!.taken(state, action));
    if (this.outside(successor)) return true;
    const fp = this.fingerprint(successor);
    if (!this.table.add(fp.hi, fp.lo)) {
      this.reparent(fp, successor, action, parentId, actionIndex);
      return true;
    }
    const id = this.table.size - 1;
    this.levelIndex?.put(fp.hi, fp.lo, id);
    this.firstReachedAs?.set(id, this.ownFingerprint(successor));
    this.parents.push(parentId);
    this.actionIndices.push(actionIndex);
    this.costs?.record(parentId, this.spec.stepInfo!(action));
    cov.newStates++;
    this.visit(successor, id, fp);
    if (this.options.maxStates !== undefined && this.table.size >= this.options.maxStates) {
      this.stopReason = `reached --max-states ${this.options.maxStates}`;
      return false;
    }
    return true;
  }

  // Steps of one family usually come in runs, so the last family's counts are kept at hand.
  private lastName: string | undefined;
  private lastCoverage: ActionCoverage | undefined;

  private coverageOf(name: string): ActionCoverage {
    if (name === this.lastName) return this.lastCoverage!;
    let cov = this.coverage.get(name);
    if (cov === undefined) this.coverage.set(name, (cov = { name, fired: 0, newStates: 0 }));
    this.lastName = name;
    this.lastCoverage = cov;
    return cov;
  }

  private countRules(taken: readonly string[]): void {
    for (const name of taken) {
      let rule = this.rules!.get(name);
      if (rule === undefined) this.rules!.set(name, (rule = { name, taken: 0 }));
      rule.taken++;
    }
  }

  /** Found again: a state of the level being built may take a cheaper parent; one of an earlier level may not. */
  private reparent(fp: Fingerprint, successor: S, action: A, parentId: number, actionIndex: number): void {
    if (this.costs === undefined) return;
    const seen = this.levelIndex!.get(fp.hi, fp.lo);
    if (seen >= 0 && this.firstReachedAs !== undefined) {
      const first = this.firstReachedAs.get(seen)!;
      const own = this.ownFingerprint(successor);
      if (own.hi !== first.hi || own.lo !== first.lo) return;
    }
    if (seen >= 0 && this.costs.improve(seen, parentId, this.spec.stepInfo!(action))) {
      this.parents.set(seen, parentId);
      this.actionIndices.set(seen, actionIndex);
    }
  }

  /** Every CHECK_EVERY states: limits, progress, and whether it is time to yield or to save. False if a limit is reached. */
  private tick(): boolean {
    const now = Date.now();
    if (this.options.timeLimitMs !== undefined && now - this.started >= this.options.timeLimitMs) {
      this.stopReason = `reached --time-limit ${this.options.timeLimitMs / 1000}s`;
      return false;
    }
    if (this.options.maxMemoryBytes !== undefined) {
      this.stopReason = memoryPressure(this.options.maxMemoryBytes);
      if (this.stopReason !== undefined) return false;
    }
    if (this.options.checkpoint !== undefined && now - this.lastCheckpoint >= this.options.checkpoint.everyMs) this.checkpointDue = true;
    if (this.options.onProgress && now - this.lastProgress >= (this.options.progressIntervalMs ?? 5000)) {
      this.lastProgress = now;
      this.options.onProgress(this.progress());
    }
    if (now - this.lastYield >= YIELD_EVERY_MS) this.yieldDue = true;
    return true;
  }

  /** Records a newly seen state: a violation, or else a witness it reaches and a state to expand. */
  private visit(state: S, id: number, fp: Fingerprint): void {
    for (const invariant of this.spec.invariants) {
      if (!invariant.holds(state)) {
        const explanation = invariant.explain?.(state) ?? `${invariant.name} does not hold`;
        this.violations.push({ id, state, property: invariant.name, explanation });
        return;
      }
    }
    for (const witness of this.spec.witnesses) {
      if (!this.witnessIds.has(witness.name) && witness.reached(state)) {
        this.witnessIds.set(witness.name, id);
        this.witnessStates.set(witness.name, state);
      }
    }
    this.nextLevel.push(state, id, fp.hi, fp.lo);
    this.codecCheck.sample(state, `state #${id}`);
  }

  private progress(): Progress {
    return {
      depth: this.depth,
      generated: this.generated,
      distinct: this.table.size,
      queued: this.level.length + this.nextLevel.length,
      elapsedMs: this.earlierMs + Date.now() - this.started,
      memoryBytes: memoryInUse(),
    };
  }

  private pathTo(id: number): Path {
    const steps: number[] = [];
    let cursor = id;
    while (this.parents.get(cursor) >= 0) {
      steps.push(this.actionIndices.get(cursor));
      cursor = this.parents.get(cursor);
    }
    return { initialIndex: initialIndexOf(this.parents.get(cursor)), actionIndices: steps.reverse() };
  }

  /** Of two violations, the one whose path has fewer faults, then fewer switches. */
  private cheaper(a: Found<S>, b: Found<S>): Found<S> {
    if (this.costs === undefined) return a;
    return cheaper(this.costs.costOf(b.id), this.costs.costOf(a.id)) ? b : a;
  }

  private verdict(): Verdict<S, A> {
    if (this.violations.length === 0) {
      return this.stopReason !== undefined ? { kind: "incomplete", reason: this.stopReason } : { kind: "pass" };
    }
    // A deadlocked state is one level shallower than any state that breaks an invariant in the level being built.
    const deadlock = this.violations.find((v) => v.property === "deadlock");
    const found = deadlock ?? this.violations.reduce((a, b) => this.cheaper(a, b));
    const trace = replayPath(this.spec, this.pathTo(found.id), found.state);
    if (found.property !== "deadlock") {
      const invariant = this.spec.invariants.find((inv) => inv.name === found.property)!;
      if (invariant.holds(lastState(trace))) {
        throw new Error(`replay: invariant ${found.property} holds on the replayed trace; the spec is not deterministic`);
      }
    }
    const cost = deadlock === undefined ? this.costs?.costOf(found.id) : undefined;
    return { kind: "violation", property: found.property, explanation: found.explanation, trace, cost };
  }

  private witnesses(): WitnessResult<S, A>[] {
    return this.spec.witnesses.map((w): WitnessResult<S, A> => {
      const id = this.witnessIds.get(w.name);
      if (id === undefined) return { name: w.name, trace: undefined };
      const trace = replayPath(this.spec, this.pathTo(id), this.witnessStates.get(w.name));
      if (!w.reached(lastState(trace))) throw new Error(`replay: witness ${w.name} not reached on replay`);
      return { name: w.name, trace };
    });
  }

  result(): CheckResult<S, A> {
    return {
      spec: this.spec.name,
      verdict: this.verdict(),
      witnesses: this.witnesses(),
      stats: {
        ...this.progress(),
        tableBytes: this.table.bytes + (this.levelIndex?.bytes ?? 0),
        bookkeepingBytes: this.parents.bytes + this.actionIndices.bytes,
        widestLevel: this.widestLevel,
      },
      coverage: [...this.coverage.values()],
      ...(this.rules && { rules: [...this.rules.values()] }),
      ...(this.spec.symmetries && { symmetry: { mostImages: this.fingerprints.mostImages } }),
      collisionProbability: collisionProbability(this.table.size, this.fingerprints.mostImages),
    };
  }
}
