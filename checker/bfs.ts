// Breadth-first search over every reachable state, strictly level by level, so
// the first time a state is seen it is seen by a shortest path. For each
// distinct state only its fingerprint (in the table), its parent's number and
// the index of the action that led to it are kept; whole states live only in
// the current and next frontier.

import { collisionProbability, fingerprint as fingerprintValue } from "./fingerprint.ts";
import { FingerprintTable } from "./fingerprint-table.ts";
import { GrowableArray } from "./growable-array.ts";
import { LevelIndex } from "./level-index.ts";
import { PathCosts, type PathCost } from "./path-costs.ts";
import type { Spec } from "./spec.ts";
import { replayPath, lastState, type Path, type Trace } from "./trace.ts";

export interface CheckOptions {
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimitMs?: number;
  readonly checkDeadlock?: boolean;
  readonly progressIntervalMs?: number;
  readonly onProgress?: (progress: Progress) => void;
  /** Polled between batches; a returned reason stops the search as incomplete. */
  readonly shouldStop?: () => string | undefined;
}

export interface Progress {
  readonly depth: number;
  readonly generated: number;
  readonly distinct: number;
  readonly queued: number;
  readonly elapsedMs: number;
}

export interface ActionCoverage {
  readonly name: string;
  fired: number;
  newStates: number;
}

export type Verdict<S, A> =
  | { readonly kind: "pass" }
  | {
      readonly kind: "violation";
      readonly property: string;
      readonly explanation: string;
      readonly trace: Trace<S, A>;
      /** With a spec's stepInfo: the faults and switches of this trace, the fewest among the shortest. */
      readonly cost?: PathCost;
    }
  | { readonly kind: "incomplete"; readonly reason: string };

export interface WitnessResult<S, A> {
  readonly name: string;
  readonly trace: Trace<S, A> | undefined;
}

export interface CheckResult<S, A> {
  readonly spec: string;
  readonly verdict: Verdict<S, A>;
  readonly witnesses: readonly WitnessResult<S, A>[];
  readonly stats: Progress & { readonly tableBytes: number; readonly bookkeepingBytes: number };
  readonly coverage: readonly ActionCoverage[];
  readonly collisionProbability: number;
}

const CHECK_EVERY = 1024;

// An initial state has no parent: its parent slot holds -1 - (its index among
// the initial states), so any number of initial states fits, and the action
// index (16 bits) is needed only for real steps.
const rootMark = (initialIndex: number) => -1 - initialIndex;
const initialIndexOf = (mark: number) => -1 - mark;

export async function check<S, A>(spec: Spec<S, A>, options: CheckOptions = {}): Promise<CheckResult<S, A>> {
  const started = Date.now();
  const table = new FingerprintTable();
  const parents = new GrowableArray(Int32Array);
  const actionIndices = new GrowableArray(Uint16Array);
  const coverage = new Map<string, ActionCoverage>();
  for (const name of spec.actionNames ?? []) coverage.set(name, { name, fired: 0, newStates: 0 });
  const witnessIds = new Map<string, number>();
  const witnessStates = new Map<string, S>();
  const progressEvery = options.progressIntervalMs ?? 5000;

  let generated = 0;
  let depth = 0;
  let level: S[] = [];
  let levelIds: number[] = [];
  let nextLevel: S[] = [];
  let nextIds: number[] = [];
  let lastProgress = started;
  let lastYield = started;
  let stopReason: string | undefined;
  type Found = { id: number; state: S; property: string; explanation: string };
  const violations: Found[] = [];
  // With path costs, the level that holds a violation is finished first, so
  // the cheapest of its shortest counterexamples can be chosen.
  const costs = spec.stepInfo ? new PathCosts() : undefined;
  const levelIndex = costs ? new LevelIndex() : undefined;
  const stepInfo = spec.stepInfo;

  const fingerprint = (state: S) => fingerprintValue(spec.canonicalize ? spec.canonicalize(state) : state);

  const progress = (): Progress => ({
    depth,
    generated,
    distinct: table.size,
    queued: level.length + nextLevel.length,
    elapsedMs: Date.now() - started,
  });

  // Records a newly seen state; returns false if it violates an invariant.
  const visit = (state: S, id: number): boolean => {
    for (const invariant of spec.invariants) {
      if (!invariant.holds(state)) {
        const explanation = invariant.explain?.(state) ?? `${invariant.name} does not hold`;
        violations.push({ id, state, property: invariant.name, explanation });
        return false;
      }
    }
    for (const witness of spec.witnesses) {
      if (!witnessIds.has(witness.name) && witness.reached(state)) {
        witnessIds.set(witness.name, id);
        witnessStates.set(witness.name, state);
      }
    }
    nextLevel.push(state);
    nextIds.push(id);
    return true;
  };

  const initial = spec.initialStates();
  const outside = (state: S) => spec.constraint !== undefined && !spec.constraint(state);
  for (const [index, state] of initial.entries()) {
    generated++;
    if (outside(state)) continue;
    const fp = fingerprint(state);
    if (!table.add(fp.hi, fp.lo)) continue;
    const id = table.size - 1;
    parents.push(rootMark(index));
    actionIndices.push(0);
    costs?.recordInitial();
    if (!visit(state, id) && costs === undefined) break;
  }

  search: while (violations.length === 0 && nextLevel.length > 0) {
    if (options.maxDepth !== undefined && depth >= options.maxDepth) {
      stopReason = `reached --max-depth ${options.maxDepth} with ${nextLevel.length} states unexpanded`;
      break;
    }
    level = nextLevel;
    levelIds = nextIds;
    nextLevel = [];
    nextIds = [];
    depth++;
    levelIndex?.startLevel();
    for (let i = 0; i < level.length; i++) {
      const state = level[i]!;
      const parentId = levelIds[i]!;
      const actions = spec.actions(state);
      if (actions.length > 0xffff) throw new Error(`spec ${spec.name}: more than 65535 actions enabled in one state`);
      if (actions.length === 0 && options.checkDeadlock && !(spec.isFinal?.(state) ?? false)) {
        violations.push({ id: parentId, state, property: "deadlock", explanation: "no action is enabled and the state is not final" });
        break search;
      }
      for (let a = 0; a < actions.length; a++) {
        const action = actions[a]!;
        const successor = spec.next(state, action);
        generated++;
        const name = spec.actionName(action, state);
        let cov = coverage.get(name);
        if (cov === undefined) coverage.set(name, (cov = { name, fired: 0, newStates: 0 }));
        cov.fired++;
        if (generated % CHECK_EVERY === 0) {
          const now = Date.now();
          if (options.timeLimitMs !== undefined && now - started >= options.timeLimitMs) {
            stopReason = `reached --time-limit ${options.timeLimitMs / 1000}s`;
            break search;
          }
          if (options.onProgress && now - lastProgress >= progressEvery) {
            lastProgress = now;
            options.onProgress(progress());
          }
          if (now - lastYield >= 50) {
            // Let signal handlers (Ctrl-C) run; the search is otherwise synchronous.
            await new Promise((resolve) => setImmediate(resolve));
            lastYield = Date.now();
            stopReason = options.shouldStop?.();
            if (stopReason !== undefined) break search;
          }
        }
        if (outside(successor)) continue;
        const fp = fingerprint(successor);
        if (table.add(fp.hi, fp.lo)) {
          const id = table.size - 1;
          levelIndex?.put(fp.hi, fp.lo, id);
          parents.push(parentId);
          actionIndices.push(a);
          if (costs !== undefined) costs.record(parentId, stepInfo!(action));
          cov.newStates++;
          if (!visit(successor, id) && costs === undefined) break search;
          if (options.maxStates !== undefined && table.size >= options.maxStates) {
            stopReason = `reached --max-states ${options.maxStates}`;
            break search;
          }
        } else if (costs !== undefined) {
          // Found again: a state of the level being built may take a cheaper parent; one of an earlier level may not.
          const seen = levelIndex!.get(fp.hi, fp.lo);
          if (seen >= 0 && costs.improve(seen, parentId, stepInfo!(action))) {
            parents.set(seen, parentId);
            actionIndices.set(seen, a);
          }
        }
      }
    }
    level = [];
  }

  const pathTo = (id: number): Path => {
    const steps: number[] = [];
    let cursor = id;
    while (parents.get(cursor) >= 0) {
      steps.push(actionIndices.get(cursor));
      cursor = parents.get(cursor);
    }
    return { initialIndex: initialIndexOf(parents.get(cursor)), actionIndices: steps.reverse() };
  };

  let verdict: Verdict<S, A>;
  const cheapest = (a: Found, b: Found) => {
    if (costs === undefined) return a;
    const [x, y] = [costs.costOf(a.id), costs.costOf(b.id)];
    return y.faults < x.faults || (y.faults === x.faults && y.switches < x.switches) ? b : a;
  };
  if (violations.length > 0) {
    // A deadlock ends the search where it is found, so only invariant violations are compared.
    const deadlock = violations.find((v) => v.property === "deadlock");
    const found = deadlock ?? violations.reduce(cheapest);
    const trace = replayPath(spec, pathTo(found.id), found.state);
    if (found.property !== "deadlock") {
      const invariant = spec.invariants.find((inv) => inv.name === found.property)!;
      if (invariant.holds(lastState(trace))) {
        throw new Error(`replay: invariant ${found.property} holds on the replayed trace; the spec is not deterministic`);
      }
    }
    const cost = deadlock === undefined ? costs?.costOf(found.id) : undefined;
    verdict = { kind: "violation", property: found.property, explanation: found.explanation, trace, cost };
  } else if (stopReason !== undefined) {
    verdict = { kind: "incomplete", reason: stopReason };
  } else {
    verdict = { kind: "pass" };
  }

  const witnesses = spec.witnesses.map((w): WitnessResult<S, A> => {
    const id = witnessIds.get(w.name);
    if (id === undefined) return { name: w.name, trace: undefined };
    const trace = replayPath(spec, pathTo(id), witnessStates.get(w.name));
    if (!w.reached(lastState(trace))) throw new Error(`replay: witness ${w.name} not reached on replay`);
    return { name: w.name, trace };
  });

  return {
    spec: spec.name,
    verdict,
    witnesses,
    stats: {
      ...progress(),
      tableBytes: table.bytes + (levelIndex?.bytes ?? 0),
      bookkeepingBytes: parents.bytes + actionIndices.bytes,
    },
    coverage: [...coverage.values()],
    collisionProbability: collisionProbability(table.size),
  };
}
