// splitbrain replay FILE: play a trace file through the spec, step by step,
// and say whether it still ends in the violation it records.
// splitbrain minimize FILE: shrink it while it still does.

import { DEADLOCK, explainEnd } from "../trace/property-check.ts";
import { z } from "zod";
import { defaultOutput, writeOutput } from "./output.ts";
import { parseConfig, parseFlags, readJson } from "./shared.ts";
import { SPECS, type SpecEntry } from "./registry.ts";
import { minimize } from "../trace/minimize.ts";
import { traceOfReplay } from "../trace/play.ts";
import { traceLines, useColor } from "./report.ts";
import { lassoLines } from "./liveness.ts";
import { replayLabels, traceFileSchema, violates, type TraceFile } from "../trace/trace-file.ts";
import type { AnySpec } from "../engine/spec.ts";
import { canonicalJson } from "../engine/naive-bfs.ts";
import { explainLasso, lassoTraceProblem, type LassoTrace } from "../engine/liveness/lasso-trace.ts";
import { badInput, describeZodError, EXIT, ok, type Result, type UserError } from "./user-error.ts";

const replayFlags = z.object({ check: z.boolean().default(false), quiet: z.boolean().default(false), full: z.boolean().default(false) });

export function readTraceFile(path: string): Result<{ file: TraceFile; spec: AnySpec }> {
  const json = readJson(path, "trace file");
  if (!json.ok) return json;
  const parsed = traceFileSchema.safeParse(json.value);
  if (!parsed.success) return badInput(describeZodError(`${path} (a trace file)`, parsed.error));
  const entry = SPECS.find((s) => s.name === parsed.data.spec);
  if (entry === undefined) return badInput(`${path}: its spec "${parsed.data.spec}" is not one this checker knows (${SPECS.map((s) => s.name).join(", ")})`);
  const config = parseConfig(entry, parsed.data.config, `${path}: config`);
  if (!config.ok) return config;
  const mismatch = configNameMismatch(entry, parsed.data.configName, config.value);
  if (mismatch !== undefined) return badInput(`${path}: ${mismatch}`);
  return ok({ file: parsed.data, spec: entry.build(config.value) });
}

/**
 * A trace names its configuration ("small", "small + no-dedup") and embeds it.
 * When the name is a named configuration, the two must agree: an edited file
 * must not replay one configuration while claiming another.
 */
function configNameMismatch(entry: SpecEntry<unknown>, configName: string, config: unknown): string | undefined {
  const [base, ...variants] = configName.split(" + ");
  const named = entry.configs[base!];
  if (named === undefined) return undefined;
  const expected = variants.length > 0 && entry.withVariants ? entry.withVariants(named, variants) : named;
  return canonicalJson(expected) === canonicalJson(config) ? undefined : `its configuration is not "${configName}", as its configName says: the embedded config differs from it`;
}

/** A trace file's step that no longer applies, in the words every command uses for it. */
export const staleStep = (path: string, replay: { readonly step: number; readonly label: string }) =>
  `${path}: does not reproduce: step ${replay.step} "${replay.label}" is not enabled after step ${replay.step - 1}`;

/** The one trace file a command takes, read and validated. */
export function oneTraceFile(command: string, positionals: readonly string[], usage: string): Result<{ path: string; file: TraceFile; spec: AnySpec }> {
  const [path, ...extra] = positionals;
  if (path === undefined || extra.length > 0) return badInput(`${command} takes exactly one trace file\n\n${usage}`);
  const loaded = readTraceFile(path);
  return loaded.ok ? ok({ path, ...loaded.value }) : loaded;
}

export function runReplay(args: string[], usage: string, fail: (e: UserError) => number): number {
  const flags = parseFlags(args, { check: { type: "boolean" }, quiet: { type: "boolean" }, full: { type: "boolean" } }, replayFlags, usage, true);
  if (!flags.ok) return fail(flags.error);
  const loaded = oneTraceFile("replay", flags.value.positionals, usage);
  if (!loaded.ok) return fail(loaded.error);
  const { path, file, spec } = loaded.value;
  const { quiet, full } = flags.value.values;
  // One rule, with or without --check: a trace that no longer reproduces exits 1, and says why on stderr.
  const notReproduced = (why: string) => {
    process.stderr.write(`${why}\n`);
    return EXIT.violation;
  };

  const replay = replayLabels(spec, file.steps);
  if (!replay.ok) return notReproduced(`${staleStep(path, replay)}.\nEnabled there: ${replay.enabled.join(" | ")}`);
  const trace = traceOfReplay(replay, file.steps);
  if (!quiet) {
    const color = useColor(process.stdout);
    const lines = file.loop === undefined ? traceLines(trace, spec, color, full) : lassoLines({ trace, loopFrom: file.loop }, spec, color, full);
    process.stdout.write(lines.join("\n") + "\n");
  }
  if (file.loop !== undefined) return reproducesLasso(path, file, spec, { trace, loopFrom: file.loop }, notReproduced, fail);
  const last = replay.states[replay.states.length - 1];
  const violated = violates(spec, file.property, last);
  if (violated === undefined) return fail(badInput(`${path}: property "${file.property}" is neither an invariant of ${spec.name} nor "${DEADLOCK}"`).error);
  if (!violated) {
    return notReproduced(`${path}: does not reproduce: all ${file.steps.length} steps replay, but ${file.property === DEADLOCK ? "a step is enabled" : `${file.property} holds`} at the end.`);
  }
  const what = file.property === DEADLOCK ? "it deadlocks" : `${file.property} is violated`;
  process.stdout.write(`${path}: reproduces: ${what} after ${file.steps.length} steps: ${explainEnd(spec, file.property, last)}\n`);
  return EXIT.pass;
}

/** A liveness trace reproduces when its loop closes, is fair, and never meets the property, all asked of the spec afresh. */
function reproducesLasso(path: string, file: TraceFile, spec: AnySpec, lasso: LassoTrace<unknown, unknown>, notReproduced: (why: string) => number, fail: (e: UserError) => number): number {
  const property = spec.liveness?.find((p: { name: string }) => p.name === file.property);
  if (property === undefined) return fail(badInput(`${path}: property "${file.property}" is not a liveness property of ${spec.name}`).error);
  const problem = lassoTraceProblem(spec, property, lasso);
  if (problem !== undefined) return notReproduced(`${path}: does not reproduce: ${problem}.`);
  process.stdout.write(`${path}: reproduces: ${file.property} fails: ${explainLasso(property, file.steps.length, lasso.loopFrom)}\n`);
  return EXIT.pass;
}

const minimizeFlags = z.object({ out: z.string().optional() });

// splitbrain minimize FILE: shrink a trace while the same property still fails.
export function runMinimize(args: string[], usage: string, fail: (e: UserError) => number): number {
  const flags = parseFlags(args, { out: { type: "string" } }, minimizeFlags, usage, true);
  if (!flags.ok) return fail(flags.error);
  const loaded = oneTraceFile("minimize", flags.value.positionals, usage);
  if (!loaded.ok) return fail(loaded.error);
  const { path, file, spec } = loaded.value;
  if (file.loop !== undefined) return fail(badInput(`${path}: a liveness trace (a lasso) is not minimized: its stem is already a shortest one; replay or view it`).error);
  const shrunk = minimize(spec, file.property, file.steps);
  if (shrunk === undefined) {
    process.stderr.write(`${path}: does not reproduce ${file.property}, so there is nothing to minimize (see: splitbrain replay ${path})\n`);
    return EXIT.violation;
  }
  const out = flags.value.values.out ?? defaultOutput(path, ".min.json");
  const minimized = `delta debugging: ${file.steps.length} → ${shrunk.length} steps, same property`;
  const written = writeOutput(out, JSON.stringify({ ...file, steps: shrunk, minimized }, null, 2) + "\n", "minimized trace");
  if (!written.ok) return fail(written.error);
  process.stdout.write(`${path}: ${file.steps.length} steps → ${shrunk.length} steps, still violating ${file.property}. Written to ${out}\n`);
  for (const [i, label] of shrunk.entries()) process.stdout.write(`${i + 1}. ${label}\n`);
  return EXIT.pass;
}
