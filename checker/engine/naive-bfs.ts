// The search a first attempt would write: a queue of states and a set of
// their serialized canonical forms. It shares no code with the engine, so
// tests use it to check the engine's numbers, and the bench as the baseline.

import type { Spec } from "./spec.ts";
import { steps } from "./steps.ts";

/** Sorted keys, Sets and Maps as sorted element texts: equal text exactly when equal plain data. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Set) return { "#set": [...v].map(elementText).sort() };
    if (v instanceof Map) return { "#map": [...v].map(elementText).sort() };
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return v;
  });
}

// A primitive's text needs no replacer pass: only a part with parts of its own does.
const elementText = (x: unknown) => (x !== null && typeof x === "object" ? canonicalJson(x) : JSON.stringify(x));

export type NaiveResult =
  | { readonly kind: "pass"; readonly distinct: number; readonly generated: number; readonly depth: number }
  | { readonly kind: "violation"; readonly property: string; readonly depth: number };

/** Level by level: the counts of a complete search, or the first violation and its depth. */
export function naiveSearch<S, A>(spec: Spec<S, A>): NaiveResult {
  const seen = new Set<string>();
  let level: S[] = [];
  let generated = 0;
  const visit = (state: S): string | undefined => {
    generated++;
    const key = canonicalJson(state);
    if (seen.has(key)) return undefined;
    seen.add(key);
    level.push(state);
    return spec.invariants.find((inv) => !inv.holds(state))?.name;
  };
  for (const state of spec.initialStates()) {
    const broken = visit(state);
    if (broken !== undefined) return { kind: "violation", property: broken, depth: 0 };
  }
  let depth = 0;
  for (; level.length > 0; depth++) {
    const current = level;
    level = [];
    for (const state of current) {
      for (const step of steps(spec, state)) {
        const broken = visit(step.state);
        if (broken !== undefined) return { kind: "violation", property: broken, depth: depth + 1 };
      }
    }
  }
  return { kind: "pass", distinct: seen.size, generated, depth: depth - 1 };
}

/** Every reachable state, by its canonical text, whatever the invariants say: for tests that compare the engine's stored states with the whole space. */
export function reachableStates<S, A>(spec: Spec<S, A>): Map<string, S> {
  const seen = new Map<string, S>();
  let level = spec.initialStates();
  for (const s of level) seen.set(canonicalJson(s), s);
  while (level.length > 0) {
    const next: S[] = [];
    for (const state of level) {
      for (const { state: successor } of steps(spec, state)) {
        const key = canonicalJson(successor);
        if (!seen.has(key)) {
          seen.set(key, successor);
          next.push(successor);
        }
      }
    }
    level = next;
  }
  return seen;
}
