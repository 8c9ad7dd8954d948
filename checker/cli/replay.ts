// splitbrain replay FILE: play a trace file through the spec, step by step,
// and say whether it still ends in the violation it records.
// splitbrain minimize FILE: shrink it while it still does.

import { writeFileSync } from "node:fs";
import { z } from "zod";
import { findSpec, parseConfig, parseFlags, readJson } from "./shared.ts";
import { minimize } from "../trace/minimize.ts";
import { traceLines, useColor } from "./report.ts";
import { replayLabels, traceFileSchema, violates, type TraceFile } from "../trace/trace-file.ts";
import type { AnySpec } from "../engine/spec.ts";
import { badInput, describeZodError, EXIT, ok, type Result, type UserError } from "./user-error.ts";

const replayFlags = z.object({ check: z.boolean().default(false), quiet: z.boolean().default(false), full: z.boolean().default(false) });

export function readTraceFile(path: string): Result<{ file: TraceFile; spec: AnySpec }> {
  const json = readJson(path, "trace file");
  if (!json.ok) return json;
  const parsed = traceFileSchema.safeParse(json.value);
  if (!parsed.success) return badInput(describeZodError(`${path} (a trace file)`, parsed.error));
  const entry = findSpec(parsed.data.spec);
  if (!entry.ok) return badInput(`${path}: spec: ${entry.error.message}`);
  const config = parseConfig(entry.value, parsed.data.config, `${path}: config`);
  if (!config.ok) return config;
  return ok({ file: parsed.data, spec: entry.value.build(config.value) });
}

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
  const { quiet, check, full } = flags.value.values;
  // A trace that no longer reproduces fails --check; otherwise it is a stale input file.
  const notReproduced = check ? EXIT.violation : EXIT.badInput;

  const replay = replayLabels(spec, file.steps);
  if (!replay.ok) {
    process.stdout.write(
      `${path}: does not reproduce: step ${replay.step} "${replay.label}" is not enabled after step ${replay.step - 1}.\n` +
        `Enabled there: ${replay.enabled.join(" | ")}\n`,
    );
    return notReproduced;
  }
  const [initial, ...rest] = replay.states;
  if (!quiet) {
    const trace = { initialIndex: 0, initial, steps: rest.map((state, i) => ({ actionIndex: -1, action: undefined, label: file.steps[i]!, state })) };
    process.stdout.write(traceLines(trace, spec.present, useColor(process.stdout), full).join("\n") + "\n");
  }
  const last = replay.states[replay.states.length - 1];
  const violated = violates(spec, file.property, last);
  if (violated === undefined) return fail(badInput(`${path}: property "${file.property}" is not an invariant of ${spec.name}`).error);
  if (!violated) {
    process.stdout.write(`${path}: does not reproduce: all ${file.steps.length} steps replay, but ${file.property} holds at the end.\n`);
    return notReproduced;
  }
  const explanation = spec.invariants.find((inv: { name: string }) => inv.name === file.property)?.explain?.(last) ?? "";
  process.stdout.write(`${path}: reproduces: ${file.property} is violated after ${file.steps.length} steps: ${explanation}\n`);
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
  const shrunk = minimize(spec, file.property, file.steps);
  if (shrunk === undefined) {
    process.stdout.write(`${path}: does not reproduce ${file.property}, so there is nothing to minimize (see: splitbrain replay ${path})\n`);
    return EXIT.violation;
  }
  const out = flags.value.values.out ?? path.replace(/(\.json)?$/, ".min.json");
  const minimized = `delta debugging: ${file.steps.length} → ${shrunk.length} steps, same property`;
  writeFileSync(out, JSON.stringify({ ...file, steps: shrunk, minimized }, null, 2) + "\n");
  process.stdout.write(`${path}: ${file.steps.length} steps → ${shrunk.length} steps, still violating ${file.property}. Written to ${out}\n`);
  for (const [i, label] of shrunk.entries()) process.stdout.write(`${i + 1}. ${label}\n`);
  return EXIT.pass;
}
