// Among the shortest paths to a state, prefer the one with the fewest fault
// events, then the fewest switches between the nodes that act. BFS still
// finds every state at its shortest depth; while the next level is being
// built, a state found again from another parent takes that parent when its
// path is cheaper. Fault counts add up along a path, so their minimum is
// exact; switches depend on who acted last, so theirs is greedy.

import { GrowableArray } from "./growable-array.ts";

export interface StepInfo {
  /** The node that acts, e.g. "S1"; a change of actor between steps is a switch. */
  readonly actor: string;
  /** A fault (crash, drop, cut, ...), as opposed to a step of the protocol. */
  readonly fault: boolean;
}

export interface PathCost {
  readonly faults: number;
  readonly switches: number;
}

/** What the cost of a path's next step depends on: its cost so far and who acted last ("" for no one). */
export interface PathEnd extends PathCost {
  readonly lastActor: string;
}

export interface SavedCosts {
  readonly faults: Uint16Array;
  readonly switches: Uint16Array;
  readonly lastActor: Uint16Array;
  readonly actors: readonly string[];
}

/** A path that ends as `end`, extended by `step`: its cost and who acted last. */
export function extend(end: PathEnd, step: StepInfo): PathEnd {
  const switched = end.lastActor !== "" && end.lastActor !== step.actor ? 1 : 0;
  return { faults: end.faults + (step.fault ? 1 : 0), switches: end.switches + switched, lastActor: step.actor };
}

/** Is a path of cost `a` strictly cheaper than one of cost `b`: fewer faults, or as many and fewer switches? */
export const cheaper = (a: PathCost, b: PathCost) => a.faults < b.faults || (a.faults === b.faults && a.switches < b.switches);

export class PathCosts {
  private faults = new GrowableArray(Uint16Array);
  private switches = new GrowableArray(Uint16Array);
  private lastActor = new GrowableArray(Uint16Array);
  /** Actors by number from 1; 0 in lastActor means no one has acted yet. */
  private readonly actorIds = new Map<string, number>();
  /** The same numbering the other way: actorNames[n - 1] is actor n. */
  private readonly actorNames: string[] = [];

  /** Its contents, for a checkpoint. */
  saved(): SavedCosts {
    return {
      faults: this.faults.used() as Uint16Array,
      switches: this.switches.used() as Uint16Array,
      lastActor: this.lastActor.used() as Uint16Array,
      actors: [...this.actorNames],
    };
  }

  static restore(saved: SavedCosts): PathCosts {
    const costs = new PathCosts();
    costs.faults = GrowableArray.of(Uint16Array, saved.faults);
    costs.switches = GrowableArray.of(Uint16Array, saved.switches);
    costs.lastActor = GrowableArray.of(Uint16Array, saved.lastActor);
    for (const actor of saved.actors) costs.actorId(actor);
    return costs;
  }

  private actorId(actor: string): number {
    let id = this.actorIds.get(actor);
    if (id === undefined) {
      this.actorIds.set(actor, (id = this.actorIds.size + 1));
      this.actorNames.push(actor);
    }
    return id;
  }

  /** The cost of reaching a state by `step` from `parent`. */
  private costVia(parent: number, step: StepInfo): [number, number, number] {
    return this.costAfter(this.faults.get(parent), this.switches.get(parent), this.lastActor.get(parent), step);
  }

  private costAfter(faults: number, switches: number, last: number, step: StepInfo): [number, number, number] {
    const actor = this.actorId(step.actor);
    const switched = last !== 0 && last !== actor ? 1 : 0;
    return [faults + (step.fault ? 1 : 0), switches + switched, actor];
  }

  /** The cost of the path recorded to `id`, with who acted last: what another partition needs to extend it. */
  endOf(id: number): PathEnd {
    const last = this.lastActor.get(id);
    return { faults: this.faults.get(id), switches: this.switches.get(id), lastActor: last === 0 ? "" : this.actorNames[last - 1]! };
  }

  /** The cost of reaching a state by `step` from a path that ends as `parent`, held elsewhere. */
  private costFrom(parent: PathEnd, step: StepInfo): [number, number, number] {
    return this.costAfter(parent.faults, parent.switches, parent.lastActor === "" ? 0 : this.actorId(parent.lastActor), step);
  }

  /** Record a newly found state reached by `step` from a path that ends as `parent` (held elsewhere). */
  recordAfter(parent: PathEnd, step: StepInfo): void {
    const [faults, switches, actor] = this.costFrom(parent, step);
    this.faults.push(faults);
    this.switches.push(switches);
    this.lastActor.push(actor);
  }

  /** As `improve`, for a parent held elsewhere. */
  improveAfter(id: number, parent: PathEnd, step: StepInfo): boolean {
    return this.replaceIfCheaper(id, this.costFrom(parent, step));
  }

  /** Record an initial state: no faults, no switches, no one has acted. */
  recordInitial(): void {
    this.faults.push(0);
    this.switches.push(0);
    this.lastActor.push(0);
  }

  /** Record the cost of a newly found state, reached by `step` from `parent`. */
  record(parent: number, step: StepInfo): void {
    const [faults, switches, actor] = this.costVia(parent, step);
    this.faults.push(faults);
    this.switches.push(switches);
    this.lastActor.push(actor);
  }

  /** Is reaching `id` through `parent` cheaper than its recorded path? If so, record it and say yes. */
  improve(id: number, parent: number, step: StepInfo): boolean {
    return this.replaceIfCheaper(id, this.costVia(parent, step));
  }

  private replaceIfCheaper(id: number, [faults, switches, actor]: [number, number, number]): boolean {
    const oldFaults = this.faults.get(id);
    if (faults > oldFaults || (faults === oldFaults && switches >= this.switches.get(id))) return false;
    this.faults.set(id, faults);
    this.switches.set(id, switches);
    this.lastActor.set(id, actor);
    return true;
  }

  costOf(id: number): PathCost {
    return { faults: this.faults.get(id), switches: this.switches.get(id) };
  }
}
