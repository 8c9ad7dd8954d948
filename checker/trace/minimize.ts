// Shrinking a counterexample by delta debugging: drop chunks of steps, then
// single steps, keeping any shorter trace that still ends in the same
// violation; then move steps next to others by the same node while that
// still holds, so the trace switches between nodes less. Nothing here needs
// the trace to come from BFS: a random walk or a hand-written trace works.

import { stepByLabel } from "./play.ts";
import { propertyHolds } from "./property-check.ts";
import type { Spec } from "../engine/spec.ts";

interface Reproduced {
  /** The steps up to and including the first that breaks the property. */
  readonly steps: string[];
  /** How often the acting node changes along them (0 without the spec's stepInfo). */
  readonly switches: number;
}

/**
 * Play the labels until the property breaks; undefined if it never breaks. A
 * strict replay gives up at a step that is not enabled; a lenient one skips
 * it and goes on, so that removing one step also removes the steps that
 * depended on it (a send and, later, its delivery), and returns the steps it
 * really took.
 */
function reproduce<S, A>(spec: Spec<S, A>, property: string, labels: readonly string[], lenient = false): Reproduced | undefined {
  const holds = propertyHolds(spec, property);
  if (holds === undefined) return undefined;
  let state: S = spec.initialStates()[0]!;
  let last: string | undefined;
  let switches = 0;
  const taken: string[] = [];
  if (!holds(state)) return { steps: [], switches };
  for (const label of labels) {
    const step = stepByLabel(spec, state, label);
    if (!step.ok) {
      if (lenient) continue;
      return undefined;
    }
    taken.push(label);
    state = step.state;
    const actor = spec.stepInfo?.(step.action).actor;
    if (last !== undefined && actor !== last) switches++;
    last = actor;
    if (!holds(state)) return { steps: taken, switches };
  }
  return undefined;
}

/**
 * The steps, cut just after the first state that violates `property`, or
 * undefined if some step is not enabled or no state violates it.
 */
export function reproduction<S, A>(spec: Spec<S, A>, property: string, labels: readonly string[]): string[] | undefined {
  return reproduce(spec, property, labels)?.steps;
}

/** The number of switches between acting nodes along the labels, up to the violation. */
export function switchesOf<S, A>(spec: Spec<S, A>, property: string, labels: readonly string[]): number | undefined {
  return reproduce(spec, property, labels)?.switches;
}

const isBetter = (a: Reproduced, b: Reproduced) => a.steps.length < b.steps.length || (a.steps.length === b.steps.length && a.switches < b.switches);

export function minimize<S, A>(spec: Spec<S, A>, property: string, labels: readonly string[]): string[] | undefined {
  const found = reproduce(spec, property, labels);
  if (found === undefined) return undefined;
  let current = found;
  // Delta debugging: remove chunks, halving the chunk size when nothing goes.
  // Leniently: a chunk goes with the later steps that needed it.
  for (let chunk = Math.max(1, Math.floor(current.steps.length / 2)); chunk >= 1; ) {
    let removed = false;
    for (let start = 0; start < current.steps.length; ) {
      const shorter = reproduce(spec, property, [...current.steps.slice(0, start), ...current.steps.slice(start + chunk)], true);
      if (shorter !== undefined) {
        current = shorter;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  // Reorder: of all swaps of two neighbours that still reproduce, take the
  // best (shorter, then fewer switches); repeat while one improves. (Taking
  // the first improving swap instead gets stuck: a b a b becomes b a a b,
  // not a a b b.)
  for (;;) {
    let best = current;
    for (let i = 0; i + 1 < current.steps.length; i++) {
      const swapped = [...current.steps];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      const again = reproduce(spec, property, swapped);
      if (again !== undefined && isBetter(again, best)) best = again;
    }
    if (best === current) break;
    current = best;
  }
  return current.steps;
}
