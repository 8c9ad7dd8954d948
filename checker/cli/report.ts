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

/** How a trace reads: the spec's presentation of a state, and its reason for a step that changes nothing. */
export interface Reading {
  readonly present?: ((state: unknown) => unknown) | undefined;
  readonly whyNoChange?: ((action: unknown, state: unknown) => string | undefined) | undefined;
}

/** One line per step: the action, then only the fields it changed (with `full`, the whole state it leads to). */
export function traceLines(trace: Trace<unknown, unknown>, reading: Reading = {}, color = false, full = false): string[] {
  const present = reading.present ?? ((s: unknown) => s);
  const lines = [`0. initial state: ${[...flatten(present(trace.initial))].map(([k, v]) => `${k}=${v}`).join(", ")}`];
  let previous = present(trace.initial);
  let before = trace.initial;
  trace.steps.forEach((step, i) => {
    const current = present(step.state);
    lines.push(`${i + 1}. ${paint(color, 1, step.label)}`);
    const changed = diff(previous, current);
    for (const change of changed) lines.push(`     ${showChange(change, color)}`);
    if (changed.length === 0) lines.push(`     (nothing changes: ${reading.whyNoChange?.(step.action, before) ?? "the state stays as it was"})`);
    before = step.state;
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

/** How much to print: the summary, or with --coverage the tables too; in a suite the suite names the branches taken nowhere. */
export interface TextOptions extends Reading {
  readonly color?: boolean;
  readonly coverage?: boolean;
  readonly inSuite?: boolean;
}

/** --coverage: each action and rule branch, with counts. */
function coverageTables(result: CheckResult<unknown, unknown>): string[] {
  const partial = result.verdict.kind !== "pass" ? " (so far: the search did not finish)" : "";
  return [
    `Coverage (action: times fired / new states found)${partial}:`,
    ...result.coverage.map((c) => `  ${c.name}: ${fmt(c.fired)} / ${fmt(c.newStates)}`),
    ...(result.rules === undefined ? [] : [`Rules (branch: times taken)${partial}:`, ...result.rules.map((r) => `  ${r.name}: ${fmt(r.taken)}`)]),
  ];
}

/**
 * Actions and rule branches in one line each, and a warning for each never
 * taken, but only for a search that finished: one stopped early has not
 * reached them yet, which says nothing.
 */
function coverageSummary(result: CheckResult<unknown, unknown>, options: TextOptions): string[] {
  const finished = result.verdict.kind === "pass";
  const idle = result.coverage.filter((c) => c.fired === 0);
  const never = result.rules?.filter((r) => r.taken === 0) ?? [];
  const branches = result.rules === undefined ? "" : `; ${fmt(result.rules.length - never.length)} of ${fmt(result.rules.length)} rule branches taken`;
  const out = [
    `Coverage${finished ? "" : " so far"}: ${fmt(result.coverage.length - idle.length)} of ${fmt(result.coverage.length)} actions fired${branches}${options.coverage ? "" : " (--coverage for the tables)"}.`,
  ];
  if (!finished) return out;
  for (const c of idle) out.push(`warning: action ${c.name} never fired: a property that passes may pass only because nothing happens`);
  if (!options.inSuite) for (const r of never) out.push(`warning: rule branch never taken in this configuration, so not checked here: ${r.name}`);
  return out;
}

/** Witnesses in one line when all were reached; each one missing named. */
function witnessLines(result: CheckResult<unknown, unknown>): string[] {
  const { witnesses, verdict } = result;
  if (witnesses.length === 0) return [];
  const reached = witnesses.filter((w) => w.trace !== undefined);
  const lengths = reached.map((w) => w.trace!.steps.length);
  const range = lengths.length === 0 ? "" : ` (shortest traces ${Math.min(...lengths)} to ${Math.max(...lengths)} steps)`;
  if (verdict.kind !== "pass") return [`Witnesses (states that must be reachable): ${reached.length} of ${witnesses.length} reached before the search stopped${range}.`];
  const out = [`Witnesses (states that must be reachable): ${reached.length} of ${witnesses.length} reached${range}.`];
  for (const w of witnesses) if (w.trace === undefined) out.push(`  MISSING: ${w.name}`);
  return out;
}

/** The verdict in one line: printed last, so that it is the line a user sees. */
function verdictLine(result: CheckResult<unknown, unknown>): string {
  const { verdict } = result;
  switch (verdict.kind) {
    case "violation":
      return `VIOLATION: ${verdict.property}, in ${plural(verdict.trace.steps.length, "step")} (the trace above).`;
    case "incomplete":
      return `INCOMPLETE: ${verdict.reason}. No violation in the states explored, but the search did not finish: this is not a pass.`;
    case "pass":
      return result.witnesses.every((w) => w.trace !== undefined)
        ? "PASS: every invariant holds in every reachable state of this configuration (exhaustive search). " +
            "A claim about this configuration only: for one too large to check, splitbrain simulate looks for bugs."
        : "NOT A PASS: every invariant holds in every reachable state, but a witness is MISSING (above): behaviour the spec promises never happens in this configuration.";
  }
}

export function formatText(result: CheckResult<unknown, unknown>, info: RunInfo, options: TextOptions = {}): string {
  const { stats, verdict } = result;
  const seconds = stats.elapsedMs / 1000;
  const out: string[] = [];
  if (verdict.kind === "violation") {
    out.push(`VIOLATION: ${verdict.property}: ${verdict.explanation}`);
    out.push(`Shortest counterexample (${verdict.trace.steps.length} steps, replayed through the spec):`);
    if (verdict.cost) out.push(minimizedNote(verdict.cost));
    out.push(...traceLines(verdict.trace, options, options.color).map((l) => "  " + l));
  }
  const symmetry = result.symmetry === undefined ? "" : `; symmetry: at most ${plural(result.symmetry.mostImages, "renaming")} of a state hashed (--no-symmetry to store each apart)`;
  out.push(
    `${info.spec} [config ${info.config}]: ${fmt(stats.distinct)} distinct states, ${fmt(stats.generated)} generated, ` +
      `depth ${stats.depth}, ${fmt(stats.queued)} left on queue, ${seconds.toFixed(2)} s ` +
      `(${fmt(Math.round(stats.distinct / Math.max(seconds, 0.001)))} distinct/s)${symmetry}; ` +
      `fingerprint collision probability ${result.collisionProbability.toExponential(1)} (birthday bound, 64-bit)`,
  );
  out.push(...witnessLines(result));
  if (options.coverage) out.push(...coverageTables(result));
  out.push(...coverageSummary(result, options));
  out.push(verdictLine(result));
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
