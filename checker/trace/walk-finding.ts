// A violation a random walk found, made fit to show: its trace played in the
// configuration the user gave (a swarm member's narrowing only takes
// behaviour away, so it replays there), cut at its first violation, shrunk by
// delta debugging, and replayed once more, so that every state shown comes
// from the model. Such a trace is short but not known to be shortest.

import { explainEnd } from "./property-check.ts";
import type { Finding } from "../engine/simulate/simulation-result.ts";
import type { AnySpec } from "../engine/spec.ts";
import type { Trace } from "../engine/trace.ts";
import { minimize, reproduction } from "./minimize.ts";
import { traceOfReplay } from "./play.ts";
import { replayLabels, TRACE_FORMAT, type TraceFile } from "./trace-file.ts";

/** A finding as it is shown: replayed where the user asked, minimized, replayed again. */
export interface Settled {
  readonly member: number;
  readonly walk: number;
  readonly property: string;
  readonly explanation: string;
  readonly walkSteps: number;
  readonly trace: Trace<unknown, unknown>;
  /** It replays in the configuration the user gave (else only in its member's narrowing). */
  readonly inOriginal: boolean;
  /** As a trace file, but for its configName, which the caller knows. */
  readonly file: TraceFile;
}

/** `original` and `config`: the spec and configuration the user gave; `memberSpec` and `memberConfig`: those the walk ran in. */
export function settleFinding(finding: Finding<unknown, unknown>, specName: string, original: AnySpec, memberSpec: AnySpec, memberConfig: unknown, config: unknown): Settled {
  const labels = finding.trace.steps.map((s) => s.label);
  // In the configuration given, a deadlock of a narrowed member may not be one: a step the narrowing took away may be enabled there.
  const inOriginal = reproduction(original, finding.property, labels);
  const spec = inOriginal !== undefined ? original : memberSpec;
  const cut = inOriginal ?? labels;
  const shortest = minimize(spec, finding.property, cut) ?? cut;
  const replay = replayLabels(spec, shortest);
  if (!replay.ok) throw new Error(`simulate: the minimized trace of walk ${finding.walk} does not replay (step ${replay.step})`);
  const trace = traceOfReplay(replay, shortest);
  const last = replay.states[replay.states.length - 1];
  const explanation = explainEnd(spec, finding.property, last);
  const note =
    `found by random walk ${finding.walk}${finding.member > 0 ? ` of swarm member ${finding.member}` : ""} (${finding.trace.steps.length} steps)` +
    `; delta debugging: ${shortest.length} steps, same property. Not known to be shortest: found by a random walk.`;
  return {
    member: finding.member,
    walk: finding.walk,
    property: finding.property,
    explanation,
    walkSteps: finding.trace.steps.length,
    trace,
    inOriginal: inOriginal !== undefined,
    file: {
      format: TRACE_FORMAT,
      spec: specName,
      configName: "",
      config: inOriginal !== undefined ? config : memberConfig,
      property: finding.property,
      explanation,
      steps: shortest,
      minimized: note,
    },
  };
}
