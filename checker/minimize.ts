// Shrinking a counterexample by delta debugging: drop chunks of steps, then
// single steps, keeping any shorter trace that still ends in the same
// violation; then move steps next to others by the same node while that
// still holds, so the trace switches between nodes less. Nothing here needs
// the trace to come from BFS: a random walk or a hand-written trace works.

import { stepByLabel } from "./play.ts";
import type { Spec } from "./spec.ts";

/**
 * The steps, cut just after the first state that violates `property`, or
 * undefined if some step is not enabled or no state violates it.
 */
export function reproduction<S, A>(spec: Spec<S, A>, property: string, labels: readonly string[]): string[] | undefined {
  const invariant = spec.invariants.find((inv) => inv.name === property);
  if (invariant === undefined) return undefined;
  let state: S = spec.initialStates()[0]!;
  if (!invariant.holds(state)) return [];
  for (const [i, label] of labels.entries()) {
    const step = stepByLabel(spec, state, label);
    if (!step.ok) return undefined;
    state = step.state;
    if (!invariant.holds(state)) return labels.slice(0, i + 1);
  }
  return undefined;
}

function switches<S, A>(spec: Spec<S, A>, labels: readonly string[]): number {
  if (spec.stepInfo === undefined) return 0;
  let state: S = spec.initialStates()[0]!;
  let last = "";
  let count = 0;
  for (const label of labels) {
    const action = spec.actions(state).find((a) => spec.label(a) === label)!;
    const actor = spec.stepInfo(action).actor;
    if (last !== "" && actor !== last) count++;
    last = actor;
    state = spec.next(state, action);
  }
  return count;
}

export function minimize<S, A>(spec: Spec<S, A>, property: string, labels: readonly string[]): string[] | undefined {
  const found = reproduction(spec, property, labels);
  if (found === undefined) return undefined;
  let current: string[] = found;
  // Delta debugging: remove chunks, halving the chunk size when nothing goes.
  for (let chunk = Math.max(1, Math.floor(current.length / 2)); chunk >= 1; ) {
    let removed = false;
    for (let start = 0; start < current.length; ) {
      const candidate: string[] = [...current.slice(0, start), ...current.slice(start + chunk)];
      const shorter: string[] | undefined = reproduction(spec, property, candidate);
      if (shorter !== undefined) {
        current = shorter;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  // Reorder: swap neighbours while that lowers the switches and still reproduces.
  let currentSwitches = switches(spec, current);
  for (let improved = true; improved; ) {
    improved = false;
    for (let i = 0; i + 1 < current.length; i++) {
      const swapped = [...current];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      const again = reproduction(spec, property, swapped);
      const againSwitches = again === undefined || again.length > current.length ? Infinity : switches(spec, again);
      if (againSwitches < currentSwitches) {
        current = again!;
        currentSwitches = againSwitches;
        improved = true;
      }
    }
  }
  return current;
}
