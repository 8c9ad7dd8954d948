// A job of a simulation: a run of consecutive walks of one swarm member, and
// what they saw. Its result depends only on the run's seed, the member and
// the walks' numbers, never on which worker ran it or what ran before: that
// is what makes a run with any number of workers report what one worker
// reports (simulate.ts merges the results in job order).

import type { Fingerprint } from "../fingerprint.ts";
import { FingerprintTable } from "../fingerprint-table.ts";
import type { AnySpec, Spec } from "../spec.ts";
import { buildSpec, type SpecSource } from "../spec-source.ts";
import { mixSeed, Random } from "./random.ts";
import { walk, type WalkEnd, type WalkSettings } from "./walk.ts";
import type { WalkStyle } from "./walk-bias.ts";

export interface SeriesJob {
  /** Its place in the run: results are merged in this order. */
  readonly job: number;
  readonly member: number;
  /** The member's walks numbered firstWalk, firstWalk + 1, ...: a walk's number and the member fix its seed. */
  readonly firstWalk: number;
  readonly walks: number;
}

/** A walk that got somewhere: which one, and its path, to replay. */
export interface FoundPath {
  readonly member: number;
  readonly walk: number;
  readonly initialIndex: number;
  readonly actionIndices: readonly number[];
}

export interface FoundViolation extends FoundPath {
  readonly property: string;
  readonly explanation: string;
}

export interface SeriesResult {
  readonly job: number;
  /** Walks run: all of the job's, or (unless the run keeps going) up to and including the first that broke an invariant. */
  readonly walks: number;
  readonly steps: number;
  /** Every state the walks were in, once each within the job: (hi, lo) pairs. */
  readonly fingerprints: Uint32Array;
  /** Steps taken per action family (steps that gave back the same state are not taken). */
  readonly fired: Readonly<Record<string, number>>;
  /** Times each rule branch was taken (with the spec's rules hook). */
  readonly rules: Readonly<Record<string, number>> | undefined;
  /** The first walk of the job to reach each witness. */
  readonly witnesses: Readonly<Record<string, FoundPath>>;
  /** The first walk breaking each property, in walk order (at most one unless the run keeps going). */
  readonly violations: readonly FoundViolation[];
  readonly violatingWalks: number;
  /** The job's longest walk (the first of the longest). */
  readonly deepest: { readonly member: number; readonly walk: number; readonly steps: number };
  /** How its walks ended. */
  readonly ends: Readonly<Record<WalkEnd, number>>;
}

/** The seed of one walk: the run's seed, the member and the walk's number, mixed. */
export const walkSeed = (seed: number, member: number, walkNumber: number) => mixSeed(seed, member, walkNumber);

export interface SeriesSettings extends WalkSettings {
  /** Run the job's walks after one broke a property (to find what else breaks). */
  readonly keepGoing: boolean;
}

export function runSeries<S, A>(spec: Spec<S, A>, style: WalkStyle, seed: number, job: SeriesJob, settings: SeriesSettings): SeriesResult {
  const initials = spec.initialStates();
  if (initials.length === 0) throw new Error(`spec ${spec.name} has no initial state`);
  const seen = new FingerprintTable(1 << 12);
  const prints: number[] = [];
  const fired: Record<string, number> = {};
  const rules: Record<string, number> | undefined = spec.rules === undefined ? undefined : {};
  const witnesses: Record<string, FoundPath> = {};
  const ends: Record<WalkEnd, number> = { depth: 0, stuck: 0, constraint: 0, violation: 0 };
  let steps = 0;
  let deepest = { member: job.member, walk: job.firstWalk, steps: -1 };
  let walkNumber = job.firstWalk;
  const violations: FoundViolation[] = [];
  let violatingWalks = 0;

  const observer = {
    visit: (state: S, fp: Fingerprint, initialIndex: number, path: readonly number[]) => {
      if (seen.add(fp.hi, fp.lo)) prints.push(fp.hi, fp.lo);
      for (const w of spec.witnesses) {
        if (witnesses[w.name] === undefined && w.reached(state)) {
          witnesses[w.name] = { member: job.member, walk: walkNumber, initialIndex, actionIndices: [...path] };
        }
      }
    },
    stepped: (family: string, taken: readonly string[] | undefined, moved: boolean) => {
      if (moved) fired[family] = (fired[family] ?? 0) + 1;
      if (taken !== undefined) for (const name of taken) rules![name] = (rules![name] ?? 0) + 1;
    },
  };

  let walks = 0;
  for (; walks < job.walks && (settings.keepGoing || violatingWalks === 0); walks++) {
    walkNumber = job.firstWalk + walks;
    const result = walk(spec, initials, style, new Random(walkSeed(seed, job.member, walkNumber)), settings, observer);
    ends[result.end]++;
    steps += result.actionIndices.length;
    if (result.actionIndices.length > deepest.steps) deepest = { member: job.member, walk: walkNumber, steps: result.actionIndices.length };
    if (result.violation === undefined) continue;
    violatingWalks++;
    if (!violations.some((v) => v.property === result.violation!.property)) {
      violations.push({ member: job.member, walk: walkNumber, initialIndex: result.initialIndex, actionIndices: [...result.actionIndices], ...result.violation });
    }
  }
  return { job: job.job, walks, steps, fingerprints: Uint32Array.from(prints), fired, rules, witnesses, violations, violatingWalks, deepest, ends };
}

/** The members a worker runs jobs of, each by its source (a thread) or its name resolved to one (a broker's worker). */
export interface MemberSources {
  readonly seed: number;
  readonly settings: SeriesSettings;
  readonly members: readonly { readonly index: number; readonly source: SpecSource; readonly style: WalkStyle }[];
}

/** Runs jobs of those members, building each member's spec from its source the first time one of its jobs comes. */
export function seriesRunner(from: MemberSources): (job: SeriesJob) => Promise<SeriesResult> {
  const specs = new Map<number, Promise<AnySpec>>();
  return async (job) => {
    const member = from.members.find((m) => m.index === job.member);
    if (member === undefined) throw new Error(`no member ${job.member} in this run`);
    let spec = specs.get(job.member);
    if (spec === undefined) specs.set(job.member, (spec = buildSpec(member.source)));
    return runSeries(await spec, member.style, from.seed, job, from.settings);
  };
}
