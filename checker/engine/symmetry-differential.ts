// For the models' symmetry tests: the reduced search against the unreduced
// one. A sound reduction stores exactly one state per class of the unreduced
// space and finds the same verdict and witnesses at the same depths; the
// caller counts the classes its own way (every renaming of every state).

import { check } from "./bfs.ts";
import type { AnySpec } from "./spec.ts";

async function summary(spec: AnySpec, symmetry: boolean) {
  const result = await check(spec, { symmetry });
  const v = result.verdict;
  return {
    verdict: v.kind === "violation" ? `${v.property} in ${v.trace.steps.length} steps` : v.kind,
    witnesses: result.witnesses.map((w) => `${w.name}: ${w.trace?.steps.length ?? "not reached"}`),
    distinct: result.stats.distinct,
  };
}

/** What the differential finds wrong with a spec's symmetries, given how many classes its reachable states fall into: nothing, for a sound reduction. */
export async function symmetryDifferences(spec: AnySpec, classes: number): Promise<string[]> {
  const problems: string[] = [];
  const reduced = await summary(spec, true);
  const full = await summary(spec, false);
  // A violation stops each search at its own point, so only a finished search has a count to compare.
  if (full.verdict === "pass" && reduced.distinct !== classes) problems.push(`${reduced.distinct} states stored with symmetry, but the unreduced search has ${classes} classes`);
  if (reduced.verdict !== full.verdict) problems.push(`verdict: ${reduced.verdict} with symmetry, ${full.verdict} without`);
  if (reduced.witnesses.join() !== full.witnesses.join()) problems.push(`witnesses: ${reduced.witnesses.join("; ")} with symmetry, ${full.witnesses.join("; ")} without`);
  return problems;
}
