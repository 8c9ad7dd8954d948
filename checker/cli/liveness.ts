// splitbrain check --liveness: does every fair run do what the spec promises?
// Per property, "holds" or a lasso: the stem, then the loop the run goes
// round forever (or the state it stays in), each step with what it changed.

import type { LivenessResult, LivenessVerdict } from "../engine/liveness/check-liveness.ts";
import { explainLasso } from "../engine/liveness/lasso-trace.ts";
import { formatBytes } from "../engine/memory.ts";
import type { AnySpec } from "../engine/spec.ts";
import { steps } from "../engine/steps.ts";
import type { SpecEntry } from "./registry.ts";
import { TRACE_FORMAT, type TraceFile } from "../trace/trace-file.ts";
import { paint } from "../trace/state-diff.ts";
import { traceLines, type Reading } from "./report.ts";
import { EXIT } from "./user-error.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

type Lasso = Extract<LivenessVerdict<unknown, unknown>, { kind: "violated" }>;

/** The lasso's steps, with a line where the loop starts and one where it goes back. */
export function lassoLines(lasso: Pick<Lasso, "trace" | "loopFrom">, reading: Reading, color = false, full = false): string[] {
  const lines = traceLines(lasso.trace, reading, color, full);
  const steps = lasso.trace.steps.length;
  // traceLines gives the initial state's line, then each step's label and its changes: find where step loopFrom + 1 begins.
  const startOfStep = (n: number) => lines.findIndex((line) => line.startsWith(`${n}. `));
  const back = lasso.loopFrom === steps ? `⟳ the run stays in this state forever: nothing fair is enabled in it` : `↺ back to the state after step ${lasso.loopFrom}, and round again, forever`;
  const loopStart = lasso.loopFrom === steps ? [] : [paint(color, 33, `── from here the run loops forever ──`)];
  const at = lasso.loopFrom === steps ? lines.length : startOfStep(lasso.loopFrom + 1);
  return [...lines.slice(0, at), ...loopStart, ...lines.slice(at), paint(color, 33, back)];
}

/**
 * Why the loop is fair, in words: every step the loop leaves out is one no
 * fair run must take (a fault, say), so going round forever is a run the
 * protocol must cope with. Undefined when the loop leaves out nothing.
 */
export function whyFair(spec: AnySpec, lasso: Pick<Lasso, "trace" | "loopFrom">): string | undefined {
  const { trace, loopFrom } = lasso;
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  const loop = loopFrom === trace.steps.length ? [states[loopFrom]] : states.slice(loopFrom, trace.steps.length);
  const taken = new Set(trace.steps.slice(loopFrom).map((s) => s.label));
  const skipped = new Set<string>();
  for (const state of loop) {
    for (const step of steps(spec, state)) {
      const label = spec.label(step.action, state);
      if (!taken.has(label) && spec.fairness?.(step.action, state) === undefined) skipped.add(label);
    }
  }
  if (skipped.size === 0) return undefined;
  return `Fair: the loop leaves out only steps no fair run is forced to take (they are in no fairness class): ${[...skipped].join("; ")}.`;
}

/** The catalog entry of a liveness failure the spec is known to have, for a lasso found in the configuration it names. */
function knownFailure(entry: SpecEntry<unknown> | undefined, configName: string, property: string): string | undefined {
  const known = entry?.expectedLivenessFailures?.find((f) => f.config === configName && property.startsWith(`${f.fails} `));
  return known && `Known: this is the failure the catalog keeps as ${known.name} (${entry?.catalogFolder ?? "counterexamples"}/${known.name}.md). ${known.summary}`;
}

export function livenessText(result: LivenessResult<unknown, unknown>, spec: AnySpec, where: string, color = false, entry?: SpecEntry<unknown>): string {
  if (result.kind === "incomplete") return `liveness of ${spec.name} [${where}]: INCOMPLETE after ${fmt(result.states)} states: ${result.reason}`;
  const { stats } = result;
  const lines = [
    `liveness of ${spec.name} [${where}]: ${fmt(stats.states)} states, ${fmt(stats.edges)} edges, ${fmt(stats.fairnessClasses)} fairness classes; ` +
      `graph ${formatBytes(stats.graphBytes)} built in ${(stats.graphMs / 1000).toFixed(1)} s, searched in ${(stats.searchMs / 1000).toFixed(1)} s`,
  ];
  if (result.verdicts.length === 0) lines.push("the spec states no liveness property");
  const shown: Lasso[] = [];
  for (const verdict of result.verdicts) {
    if (verdict.kind === "holds") {
      lines.push(paint(color, 32, `✓ ${verdict.property}: holds on every fair run`));
      continue;
    }
    const property = spec.liveness!.find((p) => p.name === verdict.property)!;
    const headline = `✗ ${verdict.property}: ${explainLasso(property, verdict.trace.steps.length, verdict.loopFrom)} (a lasso of ${verdict.trace.steps.length} steps)`;
    const same = shown.find((other) => other.loopFrom === verdict.loopFrom && sameLabels(other, verdict));
    if (same !== undefined) {
      lines.push(paint(color, 31, `${headline}: the same lasso as ${same.property}, above`));
      continue;
    }
    shown.push(verdict);
    lines.push(paint(color, 31, headline));
    lines.push(...lassoLines(verdict, spec, color).map((l) => `  ${l}`));
    const fair = whyFair(spec, verdict);
    if (fair !== undefined) lines.push(`  ${fair}`);
    const known = knownFailure(entry, where, verdict.property);
    if (known !== undefined) lines.push(`  ${known}`);
  }
  return lines.join("\n");
}

const sameLabels = (a: Lasso, b: Lasso) => a.trace.steps.length === b.trace.steps.length && a.trace.steps.every((step, i) => step.label === b.trace.steps[i]!.label);

export function livenessExitCode(result: LivenessResult<unknown, unknown>): number {
  if (result.kind === "incomplete") return EXIT.incomplete;
  return result.verdicts.some((v) => v.kind === "violated") ? EXIT.violation : EXIT.pass;
}

/** A lasso as a trace file: `replay` checks that its loop closes and is fair, and `view` draws it. */
export function lassoTraceFile(specName: string, configName: string, config: unknown, spec: AnySpec, lasso: Lasso): TraceFile {
  const property = spec.liveness!.find((p) => p.name === lasso.property)!;
  return {
    format: TRACE_FORMAT,
    spec: specName,
    configName,
    config,
    property: lasso.property,
    explanation: explainLasso(property, lasso.trace.steps.length, lasso.loopFrom),
    steps: lasso.trace.steps.map((s) => s.label),
    loop: lasso.loopFrom,
  };
}
