// The final summary of a check, for a person (text) or a program (--json).

import type { CheckResult, Verdict } from "../engine/bfs.ts";
import { TRACE_FORMAT, type TraceFile } from "../trace/trace-file.ts";
import { diff, flatten, paint, showChange } from "../trace/state-diff.ts";
import type { Trace } from "../engine/trace.ts";
import { EXIT } from "./user-error.ts";

export interface RunInfo {
  readonly spec: string;
  readonly config: string;
}

export function exitCodeOf(result: CheckResult<unknown, unknown>): number {
  switch (result.verdict.kind) {
    case "violation":
      return EXIT.violation;
    case "incomplete":
      return EXIT.incomplete;
    case "pass":
      return result.witnesses.every((w) => w.trace !== undefined) ? EXIT.pass : EXIT.incomplete;
  }
}

/** Colour on a terminal, plain text when piped or when NO_COLOR is set. */
export const useColor = (stream: NodeJS.WriteStream): boolean => stream.isTTY === true && !process.env.NO_COLOR;

/** One line per step: the action, then only the fields it changed (with `full`, the whole state it leads to). */
export function traceLines(trace: Trace<unknown, unknown>, present: (state: unknown) => unknown = (s) => s, color = false, full = false): string[] {
  const lines = [`0. initial state: ${[...flatten(present(trace.initial))].map(([k, v]) => `${k}=${v}`).join(", ")}`];
  let previous = present(trace.initial);
  trace.steps.forEach((step, i) => {
    const current = present(step.state);
    lines.push(`${i + 1}. ${paint(color, 1, step.label)}`);
    const changed = diff(previous, current);
    for (const change of changed) lines.push(`     ${showChange(change, color)}`);
    if (full) {
      const paths = new Set(changed.map((c) => c.path));
      for (const [path, value] of flatten(current)) if (!paths.has(path)) lines.push(`     ${path} = ${value}`);
    }
    previous = current;
  });
  return lines;
}

const fmt = (n: number) => n.toLocaleString("en-US");

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A counterexample as a trace file, for replay, minimize and view. */
export function traceFileOf(spec: string, configName: string, config: unknown, verdict: Extract<Verdict<unknown, unknown>, { kind: "violation" }>): TraceFile {
  return {
    format: TRACE_FORMAT,
    spec,
    configName,
    config,
    property: verdict.property,
    explanation: verdict.explanation,
    steps: verdict.trace.steps.map((s) => s.label),
    ...(verdict.cost ? { minimized: minimizedNote(verdict.cost) } : {}),
  };
}

/** What the search minimized, in words. */
export function minimizedNote(cost: { faults: number; switches: number }): string {
  return `Among the shortest counterexamples, this one has the fewest faults (${plural(cost.faults, "fault")}), then few switches between nodes (${plural(cost.switches, "switch", "switches")}: steps taken by a different node than the step before, so fewer means the story moves between nodes less often).`;
}

/** Rule coverage: each branch and how often it was taken, then a warning for each never taken. */
function ruleLines(result: CheckResult<unknown, unknown>): string[] {
  if (result.rules === undefined) return [];
  const never = result.rules.filter((r) => r.taken === 0);
  const partial = result.verdict.kind !== "pass" ? " (so far: the search did not finish)" : "";
  return [
    `Rules (branch: times taken)${partial}:`,
    ...result.rules.map((r) => `  ${r.name}: ${fmt(r.taken)}`),
    ...never.map((r) => `warning: rule branch never taken in this configuration, so not checked here: ${r.name}`),
  ];
}

export function formatText(result: CheckResult<unknown, unknown>, info: RunInfo, present?: (state: unknown) => unknown, color = false): string {
  const { stats, verdict } = result;
  const seconds = stats.elapsedMs / 1000;
  const out: string[] = [];
  switch (verdict.kind) {
    case "violation":
      out.push(`VIOLATION: ${verdict.property}: ${verdict.explanation}`);
      out.push(`Shortest counterexample (${verdict.trace.steps.length} steps, replayed through the spec):`);
      if (verdict.cost) out.push(minimizedNote(verdict.cost));
      out.push(...traceLines(verdict.trace, present, color).map((l) => "  " + l));
      break;
    case "incomplete":
      out.push(`INCOMPLETE: ${verdict.reason}. No violation in the states explored, but the search did not finish: this is not a pass.`);
      break;
    case "pass":
      out.push(
        "PASS: every invariant holds in every reachable state of this configuration (exhaustive search). " +
          "A claim about this configuration only: for one too large to check, splitbrain simulate looks for bugs.",
      );
      break;
  }
  out.push(
    `${info.spec} [config ${info.config}]: ${fmt(stats.distinct)} distinct states, ${fmt(stats.generated)} generated, ` +
      `depth ${stats.depth}, ${fmt(stats.queued)} left on queue, ${seconds.toFixed(2)} s ` +
      `(${fmt(Math.round(stats.distinct / Math.max(seconds, 0.001)))} distinct/s)`,
  );
  if (result.symmetry !== undefined) {
    out.push(
      `Symmetry: states that differ only by interchangeable names are stored once (at most ${result.symmetry.mostImages} renamed copies of one state hashed); --no-symmetry stores each apart.`,
    );
  }
  out.push(`Fingerprint collision probability (birthday bound, 64-bit): ${result.collisionProbability.toExponential(1)}`);
  if (result.witnesses.length > 0) {
    out.push(verdict.kind === "pass" ? "Witnesses (states that must be reachable):" : "Witnesses (the search stopped before it could reach them all):");
    for (const w of result.witnesses) {
      const missing = verdict.kind === "pass" ? "MISSING  " : "not yet  ";
      out.push(w.trace ? `  reached   ${w.name} (shortest trace: ${w.trace.steps.length} steps)` : `  ${missing} ${w.name}`);
    }
  }
  out.push("Coverage (action: times fired / new states found):");
  for (const c of result.coverage) out.push(`  ${c.name}: ${fmt(c.fired)} / ${fmt(c.newStates)}`);
  out.push(...ruleLines(result));
  for (const c of result.coverage) {
    if (c.fired === 0) out.push(`warning: action ${c.name} never fired: a property that passes may pass only because nothing happens`);
  }
  return out.join("\n");
}

export function toJson(result: CheckResult<unknown, unknown>, info: RunInfo): unknown {
  const { verdict } = result;
  return {
    spec: info.spec,
    config: info.config,
    verdict: verdict.kind,
    exitCode: exitCodeOf(result),
    ...(verdict.kind === "violation"
      ? {
          property: verdict.property,
          explanation: verdict.explanation,
          trace: verdict.trace.steps.map((s) => s.label),
          ...(verdict.cost ? { minimized: verdict.cost } : {}),
        }
      : {}),
    ...(verdict.kind === "incomplete" ? { reason: verdict.reason } : {}),
    stats: result.stats,
    symmetry: result.symmetry !== undefined,
    collisionProbability: result.collisionProbability,
    witnesses: result.witnesses.map((w) => ({ name: w.name, reached: w.trace !== undefined, steps: w.trace?.steps.length ?? null })),
    coverage: result.coverage,
    ...(result.rules && { rules: result.rules }),
  };
}
