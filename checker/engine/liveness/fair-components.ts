// Where a fair run can stay forever: the fair strongly connected components
// of a region of the graph (the states where a property is still unmet).
//
// A run that stays in a component C forever can be made to pass along every
// edge of C, and then it is as fair as any run in C can be. So C holds a fair
// cycle if, for each class c enabled in C:
//   weak:   c is taken on an edge inside C, or some state of C does not enable c;
//   strong: c is taken on an edge inside C, or no state of C enables it.
// A class that breaks the weak condition breaks it in every part of C too,
// so C is dropped. One that breaks only the strong condition might be met by
// a cycle that avoids the states enabling it: those states are removed and
// what remains is split into components again (Emerson and Lei; TLC and
// Couvreur's algorithm do the same). Every state may also stutter, which is
// why a single state with no edge inside counts as a component: it is fair
// when it enables no fair class.

import type { FairGraph } from "./fair-graph.ts";

/**
 * For each state of the region (`inRegion[s] === 1`), the number of the fair
 * component it lies in; -1 outside the region or in no fair component.
 */
export function fairComponents(graph: FairGraph, inRegion: Uint8Array): Int32Array {
  const fairOf = new Int32Array(graph.size).fill(-1);
  const scratch = new Scratch(graph.size);
  // The states a component is split within, marked by a stamp so no mask is cleared per split.
  const within = new Int32Array(graph.size).fill(-1);
  let stamp = 0;
  let fair = 0;
  const work: Int32Array[] = [Int32Array.from(inRegion.keys()).filter((s) => inRegion[s] === 1)];
  while (work.length > 0) {
    const states = work.pop()!;
    const mark = stamp++;
    for (const s of states) within[s] = mark;
    for (const component of scratch.components(graph, states, (s) => within[s] === mark)) {
      const avoid = strongClassesToAvoid(graph, component, scratch.member);
      if (avoid === undefined) continue;
      if (avoid.size === 0) {
        for (const s of component) fairOf[s] = fair;
        fair++;
      } else work.push(Int32Array.from(component.filter((s) => !enablesAny(graph, s, avoid))));
    }
  }
  return fairOf;
}

/**
 * Undefined if the component cannot hold a fair cycle (a weak class enabled
 * in all of it and taken nowhere in it); else the strong classes enabled in
 * it and taken nowhere in it, whose states a fair cycle must leave out (none:
 * the component is fair as it is). `member[s]` is the component's number for
 * its states.
 */
function strongClassesToAvoid(graph: FairGraph, component: readonly number[], member: Int32Array): Set<number> | undefined {
  const own = member[component[0]!];
  const taken = new Set<number>();
  const enabledCount = new Map<number, number>();
  for (const s of component) {
    for (let e = graph.edgeStart[s]!; e < graph.edgeStart[s + 1]!; e++) if (member[graph.edgeTo[e]!] === own) taken.add(graph.edgeClass[e]!);
    for (let i = graph.enabledStart[s]!; i < graph.enabledStart[s + 1]!; i++) {
      const c = graph.enabledClass[i]!;
      enabledCount.set(c, (enabledCount.get(c) ?? 0) + 1);
    }
  }
  const avoid = new Set<number>();
  for (const [c, count] of enabledCount) {
    if (taken.has(c)) continue;
    if (graph.strong[c] === 1) avoid.add(c);
    else if (count === component.length) return undefined;
  }
  return avoid;
}

function enablesAny(graph: FairGraph, s: number, classes: ReadonlySet<number>): boolean {
  for (let i = graph.enabledStart[s]!; i < graph.enabledStart[s + 1]!; i++) if (classes.has(graph.enabledClass[i]!)) return true;
  return false;
}

/** Tarjan's algorithm without recursion, over arrays reused between calls. */
class Scratch {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly onStack: Uint8Array;
  /** For each state, the number of the last component found that holds it (numbers never repeat). */
  readonly member: Int32Array;
  private components_ = 0;

  constructor(size: number) {
    // Numbers are read only for states a search admits, and it resets those first.
    this.index = new Int32Array(size);
    this.low = new Int32Array(size);
    this.onStack = new Uint8Array(size);
    this.member = new Int32Array(size).fill(-1);
  }

  /** The strongly connected components among `states`, following only edges that stay `inside`. */
  components(graph: FairGraph, states: Int32Array, inside: (s: number) => boolean): number[][] {
    const { index, low, onStack, member } = this;
    for (const s of states) index[s] = -1;
    const out: number[][] = [];
    const stack: number[] = [];
    const calls: number[] = []; // pairs: state, next edge to look at
    let counter = 0;
    for (const root of states) {
      if (index[root] !== -1) continue;
      calls.push(root, graph.edgeStart[root]!);
      index[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = 1;
      while (calls.length > 0) {
        const s = calls[calls.length - 2]!;
        const e = calls[calls.length - 1]!;
        if (e < graph.edgeStart[s + 1]!) {
          calls[calls.length - 1] = e + 1;
          const t = graph.edgeTo[e]!;
          if (!inside(t)) continue;
          if (index[t] === -1) {
            index[t] = low[t] = counter++;
            stack.push(t);
            onStack[t] = 1;
            calls.push(t, graph.edgeStart[t]!);
          } else if (onStack[t] === 1) low[s] = Math.min(low[s]!, index[t]!);
          continue;
        }
        calls.length -= 2;
        // Its caller, if any, learns how low it reaches.
        if (calls.length > 0) low[calls[calls.length - 2]!] = Math.min(low[calls[calls.length - 2]!]!, low[s]!);
        if (low[s] === index[s]) {
          const component: number[] = [];
          const number = this.components_++;
          let t: number;
          do {
            t = stack.pop()!;
            onStack[t] = 0;
            member[t] = number;
            component.push(t);
          } while (t !== s);
          out.push(component);
        }
      }
    }
    return out;
  }
}
