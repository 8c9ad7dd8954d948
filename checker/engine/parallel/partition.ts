// One partition of a parallel search. It plays two parts:
//
// - owner of one slice of the fingerprint space: for the states in its
//   slice it keeps the visited table, parent numbers, action indices and path
//   costs, and decides which steps sent to it found new states;
// - holder of the states it found first: it keeps them, checks them, and
//   expands them in the next level.
//
// A state's global number is (its number at its owner) × partitions + the
// owner, so a parent number says which partition to ask about it.

import type { Fingerprint } from "../fingerprint.ts";
import { CodecCheck } from "../codec-check.ts";
import { FingerprintTable, type SavedTable } from "../fingerprint-table.ts";
import { GrowableArray } from "../growable-array.ts";
import { LevelIndex } from "../level-index.ts";
import { cheaper, extend, PathCosts, type PathEnd, type SavedCosts } from "../path-costs.ts";
import type { Spec } from "../spec.ts";
import { steps } from "../steps.ts";
import { StoredFingerprints } from "../symmetry.ts";
import { decode, emptySteps, emptyVerdict, encode, ownerOf, type Shipment, type StepBatch, type Verdict } from "./batch.ts";
import type { Kind, Transport } from "./transport.ts";

/** Steps per batch before it is sent. */
const BATCH_SIZE = 4096;
/** How long expanding runs before it lets the event loop read what arrived. */
const YIELD_EVERY_MS = 50;
const START: PathEnd = { faults: 0, switches: 0, lastActor: "" };

/** How often a name (an action family, a rule branch) was counted in a level, and its first key there. */
export interface Tally {
  count: number;
  firstRank: number;
  firstAction: number;
}

export interface Expanded {
  readonly generated: number;
  readonly fired: Record<string, Tally>;
  readonly rules: Record<string, Tally> | undefined;
  /** The first state of the level (by rank) with no step, if deadlocks are checked. */
  readonly deadlock: { readonly rank: number; readonly id: number; readonly state: unknown } | undefined;
  /** Step batches sent to each partition. */
  readonly sent: number[];
}

export interface Decided {
  readonly distinct: number;
  readonly newStates: Record<string, number>;
}

export interface Candidate {
  readonly rank: number;
  readonly action: number;
  readonly id: number;
  readonly state: unknown;
}

export interface Settled {
  /** The keys of the new states this partition holds and will expand, in key order: rank, action, rank, action, ... */
  readonly keys: number[];
  readonly violations: (Candidate & { readonly property: string; readonly explanation: string; readonly faults: number; readonly switches: number })[];
  readonly witnesses: Record<string, Candidate>;
}

/**
 * A partition between two levels, for a checkpoint: what it owns (visited
 * table, parents, actions, path costs) and what it holds (the next level's
 * states, with their numbers, ranks and path costs). What is left out is
 * only a shortcut: `sentBefore` saves sending steps the owner would refuse.
 */
export interface PartitionSlice<S> {
  readonly index: number;
  readonly partitions: number;
  readonly table: SavedTable;
  readonly parents: Int32Array;
  readonly actionIndices: Uint16Array;
  readonly costs: SavedCosts | undefined;
  readonly frontier: readonly S[];
  readonly frontierIds: readonly number[];
  readonly frontierRanks: Int32Array;
  readonly frontierEnds: readonly PathEnd[];
}

/** A state this partition found, waiting for its owner's verdict. */
interface Held<S> {
  readonly state: S;
  readonly rank: number;
  readonly action: number;
}

export class Partition<S, A> {
  // Owner's part.
  private table = new FingerprintTable();
  private parents = new GrowableArray(Int32Array);
  private actionIndices = new GrowableArray(Uint16Array);
  private costs: PathCosts | undefined;
  private readonly levelIndex: LevelIndex | undefined;
  private stepsIn: { from: number; batch: StepBatch }[] = [];
  private readonly stepsReceived: number[];
  // Holder's part: the states to expand, in rank order, with their numbers, ranks and path costs.
  private frontier: S[] = [];
  private frontierIds: number[] = [];
  private frontierRanks: Int32Array = new Int32Array(0);
  private frontierEnds: PathEnd[] = [];
  /** Per owner, the states sent to it this level, by position. */
  private held: Held<S>[][];
  private verdictsIn: { from: number; verdict: Verdict }[] = [];
  private shipmentsIn: Shipment<S>[] = [];
  private found: { state: S; rank: number; action: number; id: number; end: PathEnd }[] = [];
  /** Every fingerprint this partition sent a step into before this level: its owner has it already. */
  private readonly sentBefore = new FingerprintTable();
  private readonly fingerprints: StoredFingerprints<S>;
  private readonly codecCheck: CodecCheck<S>;
  /** Room for one encoded state, for `shared`. */
  private scratch: Int32Array | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly spec: Spec<S, A>,
    private readonly index: number,
    private readonly partitions: number,
    private readonly transport: Transport,
    private readonly checkDeadlock: boolean,
    paranoid = false,
  ) {
    this.codecCheck = new CodecCheck(spec.name, spec.codec, paranoid);
    this.costs = spec.stepInfo ? new PathCosts() : undefined;
    this.levelIndex = this.costs ? new LevelIndex() : undefined;
    this.fingerprints = new StoredFingerprints(spec);
    this.stepsReceived = new Array<number>(partitions).fill(0);
    this.held = this.noneHeld();
    transport.onReceive((from, kind, bytes) => this.accept(from, kind, bytes));
  }

  private noneHeld(): Held<S>[][] {
    return Array.from({ length: this.partitions }, () => []);
  }

  get size(): number {
    return this.table.size;
  }

  /** The most images one state of this partition had (symmetry.ts). */
  get mostImages(): number {
    return this.fingerprints.mostImages;
  }

  get bytes(): { table: number; bookkeeping: number } {
    return { table: this.table.bytes + (this.levelIndex?.bytes ?? 0) + this.sentBefore.bytes, bookkeeping: this.parents.bytes + this.actionIndices.bytes };
  }

  private accept(from: number, kind: Kind, bytes: ArrayBuffer): void {
    if (kind === "steps") {
      this.stepsIn.push({ from, batch: decode<StepBatch>(bytes) });
      this.stepsReceived[from]!++;
    } else if (kind === "verdict") {
      this.verdictsIn.push({ from, verdict: decode<Verdict>(bytes) });
    } else {
      this.shipmentsIn.push(decode<Shipment<S>>(bytes));
    }
    this.wake?.();
  }

  private async until(done: () => boolean): Promise<void> {
    while (!done()) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = undefined;
  }

  private fingerprint(state: S): Fingerprint {
    return this.fingerprints.of(state);
  }

  private globalId(id: number): number {
    return id * this.partitions + this.index;
  }

  /** Holds the initial states whose fingerprints this partition owns, as steps it sent itself. */
  seed(batch: StepBatch, states: readonly S[]): void {
    this.held[this.index] = states.map((state, i) => ({ state, rank: batch.ranks[i]!, action: 0 }));
    this.stepsIn.push({ from: this.index, batch });
    this.stepsReceived[this.index]!++;
  }

  /**
   * Expands every state of the frontier and sends each step to the owner of
   * its successor's fingerprint. It lets other work in every few dozen
   * milliseconds, so that what peers send meanwhile is read: a broker cuts
   * off a client that leaves its messages unread for long.
   */
  async expand(): Promise<Expanded> {
    const spec = this.spec;
    const outboxes = Array.from({ length: this.partitions }, emptySteps);
    const sent = new Array<number>(this.partitions).fill(0);
    const flush = (to: number) => {
      if (outboxes[to]!.ranks.length === 0) return;
      if (to === this.index) {
        this.stepsIn.push({ from: to, batch: outboxes[to]! });
        this.stepsReceived[to]!++;
      } else {
        this.transport.send(to, "steps", encode(outboxes[to]!));
      }
      sent[to]!++;
      outboxes[to] = emptySteps();
    };
    // A step into a state this partition already sent a step into this level can change nothing at the
    // owner, unless its path is strictly cheaper: the owner takes the first by key, then a cheaper one.
    const sentNow = new LevelIndex();
    const sentNowFps: number[] = [];
    const bestEnds: PathEnd[] = [];
    const fired: Record<string, Tally> = {};
    const rules: Record<string, Tally> | undefined = spec.rules && {};
    let generated = 0;
    let deadlock: Expanded["deadlock"];
    let lastYield = Date.now();
    for (let i = 0; i < this.frontier.length; i++) {
      if ((i & 255) === 255 && Date.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
      const state = this.frontier[i]!;
      const rank = this.frontierRanks[i]!;
      const parent = this.frontierIds[i]!;
      const end = this.frontierEnds[i];
      const out = steps(spec, state);
      if (out.length === 0 && this.checkDeadlock && deadlock === undefined && !(spec.isFinal?.(state) ?? false)) deadlock = { rank, id: parent, state };
      for (let a = 0; a < out.length; a++) {
        const { action, state: successor } = out[a]!;
        generated++;
        const name = spec.actionName(action, state);
        tally(fired, name, rank, a);
        if (rules !== undefined) for (const rule of spec.rules!.taken(state, action)) tally(rules, rule, rank, a);
        if (spec.constraint !== undefined && !spec.constraint(successor)) continue;
        const fp = this.fingerprint(successor);
        this.codecCheck.sample(successor, `a successor by action ${a} of state #${parent}`);
        if (this.sentBefore.has(fp.hi, fp.lo)) continue;
        const step = end && spec.stepInfo!(action);
        const seen = sentNow.get(fp.hi, fp.lo);
        if (seen < 0) {
          sentNow.put(fp.hi, fp.lo, bestEnds.length);
          sentNowFps.push(fp.hi, fp.lo);
          bestEnds.push(step === undefined ? START : extend(end!, step));
        } else {
          if (step === undefined) continue;
          const via = extend(end!, step);
          if (!cheaper(via, bestEnds[seen]!)) continue;
          bestEnds[seen] = via;
        }
        const to = ownerOf(fp.hi, this.partitions);
        const box = outboxes[to]!;
        box.ranks.push(rank);
        box.actions.push(a);
        box.parents.push(parent);
        box.his.push(fp.hi);
        box.los.push(fp.lo);
        box.names.push(name);
        if (step !== undefined) {
          box.actors.push(step.actor);
          box.faults.push(step.fault);
          box.parentFaults.push(end!.faults);
          box.parentSwitches.push(end!.switches);
          box.parentActors.push(end!.lastActor);
        }
        this.held[to]!.push({ state: successor, rank, action: a });
        if (box.ranks.length >= BATCH_SIZE) flush(to);
      }
    }
    for (let to = 0; to < this.partitions; to++) flush(to);
    for (let i = 0; i < sentNowFps.length; i += 2) this.sentBefore.add(sentNowFps[i]!, sentNowFps[i + 1]!);
    this.frontier = [];
    this.frontierIds = [];
    this.frontierEnds = [];
    return { generated, fired, rules, deadlock, sent };
  }

  /** As owner: waits for the steps sent this level, takes them in key order, and tells each sender which found new states. */
  async decide(expected: readonly number[]): Promise<Decided> {
    await this.until(() => expected.every((n, from) => this.stepsReceived[from]! >= n));
    this.stepsReceived.fill(0);
    // Batches from one sender arrive in the order sent, so their steps are numbered in that order.
    const incoming = this.stepsIn.splice(0);
    const positionBase = new Map<number, number>();
    const offsets = incoming.map(({ from, batch }) => {
      const base = positionBase.get(from) ?? 0;
      positionBase.set(from, base + batch.ranks.length);
      return base;
    });
    this.levelIndex?.startLevel();
    const newStates: Record<string, number> = {};
    const created: { from: number; position: number; id: number }[] = [];
    for (const [b, j] of keyOrder(incoming.map((i) => i.batch))) {
      const { from, batch } = incoming[b]!;
      const id = this.take(batch, j);
      if (id < 0) continue;
      if (batch.parents[j]! >= 0) newStates[batch.names[j]!] = (newStates[batch.names[j]!] ?? 0) + 1;
      created.push({ from, position: offsets[b]! + j, id });
    }
    const verdicts = Array.from({ length: this.partitions }, emptyVerdict);
    for (const { from, position, id } of created) {
      const verdict = verdicts[from]!;
      const end = this.costs?.endOf(id) ?? START;
      verdict.positions.push(position);
      verdict.ids.push(this.globalId(id));
      verdict.faults.push(end.faults);
      verdict.switches.push(end.switches);
      verdict.lastActors.push(end.lastActor);
    }
    verdicts.forEach((verdict, to) => {
      if (to === this.index) this.verdictsIn.push({ from: to, verdict });
      else this.transport.send(to, "verdict", encode(verdict));
    });
    return { distinct: created.length, newStates };
  }

  /** Takes one step as its owner; the new state's number here, or -1 if it was seen before. */
  private take(batch: StepBatch, j: number): number {
    const hi = batch.his[j]!;
    const lo = batch.los[j]!;
    const parent = batch.parents[j]!;
    const action = batch.actions[j]!;
    const end = (): PathEnd => ({ faults: batch.parentFaults[j]!, switches: batch.parentSwitches[j]!, lastActor: batch.parentActors[j]! });
    const step = () => ({ actor: batch.actors[j]!, fault: batch.faults[j]! });
    if (!this.table.add(hi, lo)) {
      const seen = this.levelIndex?.get(hi, lo) ?? -1;
      if (seen >= 0 && this.costs!.improveAfter(seen, end(), step())) {
        this.parents.set(seen, parent);
        this.actionIndices.set(seen, action);
      }
      return -1;
    }
    const id = this.table.size - 1;
    this.parents.push(parent);
    this.actionIndices.push(action);
    if (parent < 0) this.costs?.recordInitial();
    else this.costs?.recordAfter(end(), step());
    this.levelIndex?.put(hi, lo, id);
    return id;
  }

  /**
   * The state made of the components its codec has stored, where the codec
   * is a table of components (collapse-codec.ts): its successors then share
   * them, and hashing them finds them by identity instead of walking them.
   */
  private shared(state: S): S {
    const codec = this.spec.codec;
    if (codec?.local !== true) return state;
    const words = (this.scratch ??= new Int32Array(codec.words));
    codec.encode(state, words, 0);
    return codec.decode(words, 0);
  }

  /** As holder: waits for every owner's verdict, then checks the new states it holds, in key order. */
  async settle(found: ReadonlySet<string>): Promise<Settled> {
    await this.until(() => this.verdictsIn.length === this.partitions);
    const fresh: { state: S; rank: number; action: number; id: number; end: PathEnd }[] = [];
    for (const { from, verdict } of this.verdictsIn.splice(0)) {
      verdict.positions.forEach((position, k) => {
        const { state, rank, action } = this.held[from]![position]!;
        fresh.push({ state, rank, action, id: verdict.ids[k]!, end: { faults: verdict.faults[k]!, switches: verdict.switches[k]!, lastActor: verdict.lastActors[k]! } });
      });
    }
    this.held = this.noneHeld();
    fresh.sort((x, y) => x.rank - y.rank || x.action - y.action);
    const settled: Settled = { keys: [], violations: [], witnesses: {} };
    for (const s of fresh) {
      const candidate = { rank: s.rank, action: s.action, id: s.id, state: s.state };
      const broken = this.spec.invariants.find((invariant) => !invariant.holds(s.state));
      if (broken !== undefined) {
        const explanation = broken.explain?.(s.state) ?? `${broken.name} does not hold`;
        if (this.costs !== undefined || settled.violations.length === 0) settled.violations.push({ ...candidate, property: broken.name, explanation, faults: s.end.faults, switches: s.end.switches });
        continue;
      }
      for (const witness of this.spec.witnesses) {
        if (!found.has(witness.name) && settled.witnesses[witness.name] === undefined && witness.reached(s.state)) settled.witnesses[witness.name] = candidate;
      }
      settled.keys.push(s.rank, s.action);
      this.found.push(s);
    }
    return settled;
  }

  /**
   * The ranks of the states the last settle kept, in key order: they become
   * the frontier, less the last `ship[to]` sent to each partition `to`, plus
   * the `receive` shipments sent here, all in rank order.
   */
  async setRanks(ranks: Int32Array, ship: readonly number[], receive: number): Promise<void> {
    let kept = this.found.map((f, i) => ({ state: f.state, id: f.id, rank: ranks[i]!, end: f.end }));
    this.found = [];
    ship.forEach((count, to) => {
      if (count === 0) return;
      const moving = kept.slice(kept.length - count);
      kept = kept.slice(0, kept.length - count);
      const shipment: Shipment<S> = { states: moving.map((m) => m.state), ids: moving.map((m) => m.id), ranks: moving.map((m) => m.rank), ends: moving.map((m) => m.end) };
      this.transport.send(to, "states", encode(shipment));
    });
    await this.until(() => this.shipmentsIn.length >= receive);
    for (const s of this.shipmentsIn.splice(0)) s.states.forEach((state, i) => kept.push({ state, id: s.ids[i]!, rank: s.ranks[i]!, end: s.ends[i]! }));
    if (receive > 0) kept.sort((x, y) => x.rank - y.rank);
    this.frontier = kept.map((k) => this.shared(k.state));
    this.frontierIds = kept.map((k) => k.id);
    this.frontierEnds = this.costs ? kept.map((k) => k.end) : [];
    this.frontierRanks = Int32Array.from(kept, (k) => k.rank);
  }

  /** Between two levels: what a checkpoint keeps of this partition. */
  saveSlice(): PartitionSlice<S> {
    return {
      index: this.index,
      partitions: this.partitions,
      table: this.table.saved(),
      parents: this.parents.used() as Int32Array,
      actionIndices: this.actionIndices.used() as Uint16Array,
      costs: this.costs?.saved(),
      frontier: this.frontier,
      frontierIds: this.frontierIds,
      frontierRanks: this.frontierRanks,
      frontierEnds: this.frontierEnds,
    };
  }

  /** A new partition takes up a slice `saveSlice` gave, as if it had searched up to there itself. */
  restoreSlice(slice: PartitionSlice<S>): void {
    if (slice.index !== this.index || slice.partitions !== this.partitions) {
      throw new Error(`restore: the slice of partition ${slice.index} of ${slice.partitions} given to partition ${this.index} of ${this.partitions}`);
    }
    this.table = FingerprintTable.restore(slice.table);
    this.parents = GrowableArray.of(Int32Array, slice.parents);
    this.actionIndices = GrowableArray.of(Uint16Array, slice.actionIndices);
    if (this.costs !== undefined) this.costs = PathCosts.restore(slice.costs!);
    this.frontier = slice.frontier.map((state) => this.shared(state));
    this.frontierIds = [...slice.frontierIds];
    this.frontierRanks = slice.frontierRanks;
    this.frontierEnds = [...slice.frontierEnds];
  }

  /** The parent and action index recorded for a state this partition owns. */
  step(globalId: number): { parent: number; action: number } {
    const id = Math.floor(globalId / this.partitions);
    return { parent: this.parents.get(id), action: this.actionIndices.get(id) };
  }
}

function tally(into: Record<string, Tally>, name: string, rank: number, action: number): void {
  const t = into[name];
  if (t === undefined) into[name] = { count: 1, firstRank: rank, firstAction: action };
  else t.count++;
}

/** Every step of the batches, as (batch, position) pairs, in key order: the order a one-worker search takes them. */
function keyOrder(batches: readonly StepBatch[]): [number, number][] {
  const offsets = [0];
  for (const batch of batches) offsets.push(offsets.at(-1)! + batch.ranks.length);
  const keys = new Float64Array(offsets.at(-1)!);
  const batchOf = new Uint32Array(keys.length);
  batches.forEach((batch, b) => {
    batchOf.fill(b, offsets[b]!, offsets[b + 1]!);
    batch.ranks.forEach((rank, j) => (keys[offsets[b]! + j] = rank * 65536 + batch.actions[j]!));
  });
  const order = Uint32Array.from(keys.keys()).sort((x, y) => keys[x]! - keys[y]!);
  return Array.from(order, (flat) => [batchOf[flat]!, flat - offsets[batchOf[flat]!]!]);
}
