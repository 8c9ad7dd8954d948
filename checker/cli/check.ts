// splitbrain check: an exhaustive search of one spec and configuration.

import { DEADLOCK, explainEnd } from "../trace/property-check.ts";
import type { CheckResult } from "../engine/check-result.ts";
import { writableFor, writeOutput } from "./output.ts";
import { untilInterrupted } from "./interrupt.ts";
import { z } from "zod";
import { check, type CheckOptions, type Progress } from "../engine/bfs.ts";
import { checkParallel, type ParallelOptions } from "../engine/parallel/coordinator.ts";
import { isManifestFile, readManifest, type Manifest } from "../engine/parallel/partitioned-checkpoint.ts";
import { checkOverBroker } from "../engine/broker/broker-search.ts";
import { parseBrokerUrl } from "../engine/broker/link.ts";
import type { AnySpec } from "../engine/spec.ts";
import { select, type Selection } from "../engine/spec-source.ts";
import { invariantWithId } from "./catalog-page.ts";
import type { Checkpoint } from "../engine/checkpoint.ts";
import { formatBytes } from "../engine/memory.ts";
import { checkpointIdentity, checkpointSaver, defaultMaxMemory, matchResume, parseSize, readResume, resolveFromCheckpoint } from "./checkpoints.ts";
import { minimizeConfig } from "./minimize-config.ts";
import { parseFlags, resolveConfig, unknownNames, workersFlag } from "./shared.ts";
import { DEFAULT_SPEC, type SpecEntry } from "./registry.ts";
import { exitCodeOf, formatText, toJson, traceFileOf, useColor } from "./report.ts";
import { checkLiveness } from "../engine/liveness/check-liveness.ts";
import { lassoTraceFile, livenessExitCode, livenessText } from "./liveness.ts";
import { badInput, EXIT, ok, type Result, type UserError } from "./user-error.ts";

const positiveInt = (flag: string) =>
  z.coerce.number({ message: `${flag} takes a number` }).int(`${flag} takes a whole number`).positive(`${flag} must be positive`);

const checkFlags = z.object({
  // No default here: --resume FILE alone takes the spec from the checkpoint.
  spec: z.string().optional(),
  config: z.string().optional(),
  variant: z.array(z.string()).default([]),
  set: z.array(z.string()).default([]),
  "max-states": positiveInt("--max-states").optional(),
  "max-depth": positiveInt("--max-depth").optional(),
  "time-limit": z.coerce.number({ message: "--time-limit takes a number of seconds" }).positive("--time-limit must be positive").optional(),
  deadlock: z.boolean().default(false),
  "no-symmetry": z.boolean().default(false),
  paranoid: z.boolean().default(false),
  checkpoint: z.string().optional(),
  "checkpoint-every": z.coerce.number({ message: "--checkpoint-every takes a number of seconds" }).positive("--checkpoint-every must be positive").default(300),
  resume: z.string().optional(),
  "trace-out": z.string().optional(),
  invariant: z.array(z.string()).default([]),
  witness: z.array(z.string()).default([]),
  workers: workersFlag,
  broker: z.string().optional(),
  "join-timeout": z.coerce.number({ message: "--join-timeout takes a number of seconds" }).positive("--join-timeout must be positive").default(60),
  "max-memory": z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return defaultMaxMemory();
      const bytes = parseSize(text);
      if (bytes === undefined) ctx.addIssue({ code: "custom", message: `--max-memory takes a size such as 512M or 4G, not "${text}"` });
      return bytes ?? 0;
    }),
  "minimize-config": z.boolean().default(false),
  liveness: z.boolean().default(false),
  coverage: z.boolean().default(false),
  continue: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
});

const OPTIONS = {
  spec: { type: "string" },
  config: { type: "string" },
  variant: { type: "string", multiple: true },
  set: { type: "string", multiple: true },
  "max-states": { type: "string" },
  "max-depth": { type: "string" },
  "time-limit": { type: "string" },
  deadlock: { type: "boolean" },
  "no-symmetry": { type: "boolean" },
  paranoid: { type: "boolean" },
  checkpoint: { type: "string" },
  "checkpoint-every": { type: "string" },
  resume: { type: "string" },
  "trace-out": { type: "string" },
  invariant: { type: "string", multiple: true },
  witness: { type: "string", multiple: true },
  workers: { type: "string" },
  broker: { type: "string" },
  "join-timeout": { type: "string" },
  "max-memory": { type: "string" },
  "minimize-config": { type: "boolean" },
  liveness: { type: "boolean" },
  coverage: { type: "boolean" },
  continue: { type: "boolean" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
} as const;

function printProgress(p: Progress): void {
  const n = (x: number) => x.toLocaleString("en-US");
  const rate = Math.round(p.distinct / Math.max(p.elapsedMs / 1000, 0.001));
  process.stderr.write(
    `progress: depth ${p.depth}, ${n(p.generated)} generated, ${n(p.distinct)} distinct (${n(rate)}/s), ` +
      `${n(p.queued)} queued, ${formatBytes(p.memoryBytes)} in use, ${(p.elapsedMs / 1000).toFixed(0)} s\n`,
  );
}

type Flags = z.infer<typeof checkFlags>;

/** A line on stderr about the run, unless --quiet or --json. */
const progressLine = (o: Flags) => (line: string) => {
  if (!o.quiet && !o.json) process.stderr.write(`${line}\n`);
};

/** Before the search, not after it: a long run must not end unable to save its trace. */
const traceOutFolder = (o: Flags): Result<void> => (o["trace-out"] === undefined ? ok(undefined) : writableFor(o["trace-out"], "--trace-out"));

/** What checking one configuration printed and how it ended. */
interface Outcome {
  readonly exitCode: number;
  readonly summary: string;
  readonly json: unknown;
  readonly neverTaken: readonly string[] | undefined;
}

export async function runCheck(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const flags = parseFlags(args, OPTIONS, checkFlags, usage);
  if (!flags.ok) return fail(flags.error);
  const o = flags.value.values;
  if (o.broker !== undefined && (o.liveness || o.continue || o["minimize-config"])) {
    return fail({ kind: "user-error", message: "--broker runs one exhaustive search: not with --liveness, --continue or --minimize-config", exitCode: EXIT.badInput });
  }
  const configs = (o.config ?? "").split(",").filter((c) => c !== "");
  if (o.liveness) {
    const clash = (["checkpoint", "resume", "json", "deadlock", "max-depth", "time-limit"] as const).filter((flag) => o[flag] !== undefined && o[flag] !== false);
    if (o.workers > 1 || o.broker !== undefined || o["minimize-config"] || clash.length > 0 || configs.length > 1) {
      return fail({ kind: "user-error", message: "--liveness checks one --config on one worker, and takes none of --workers, --checkpoint, --resume, --json, --deadlock, --max-depth, --time-limit, --minimize-config", exitCode: EXIT.badInput });
    }
    return await checkLivenessOf(o, configs[0], fail);
  }
  if (o.continue) {
    const clash = (["checkpoint", "resume", "trace-out"] as const).filter((flag) => o[flag] !== undefined);
    if (configs.length > 1 || clash.length > 0 || o.json || o["minimize-config"]) {
      return fail({ kind: "user-error", message: "--continue checks one --config, and takes none of --checkpoint, --resume, --trace-out, --json, --minimize-config", exitCode: EXIT.badInput });
    }
    return checkContinuing(o, configs[0], fail);
  }
  if (configs.length <= 1) {
    const one = await checkOne(o, configs[0], fail);
    return typeof one === "number" ? one : one.exitCode;
  }
  if (o.checkpoint !== undefined || o.resume !== undefined || o["minimize-config"] || o["trace-out"] !== undefined) {
    return fail({ kind: "user-error", message: "--checkpoint, --resume, --trace-out and --minimize-config take one --config, not a list", exitCode: EXIT.badInput });
  }
  return checkSuite(o, configs, fail);
}

/**
 * --continue, as TLC's -continue: after a violation, the same search again
 * without the invariant it broke, until a search finds none; each property
 * violated is reported with its own shortest trace. k properties cost k
 * searches (the engine stops at its first violation).
 */
async function checkContinuing(o: Flags, configName: string | undefined, fail: (e: UserError) => number): Promise<number> {
  const resolved = resolveConfig({ ...o, spec: o.spec ?? DEFAULT_SPEC, config: configName });
  if (!resolved.ok) return fail(resolved.error);
  const whole = resolved.value.entry.build(resolved.value.config);
  const asked = o.invariant.length > 0 ? o.invariant.map((name) => invariantWithId(whole.invariants, name)?.name ?? name) : whole.invariants.map((i: { name: string }) => i.name);
  let remaining = [...asked];
  let flags = o;
  const broken: string[] = [];
  for (;;) {
    const one = await checkOne({ ...flags, invariant: remaining }, configName, fail);
    if (typeof one === "number") return one;
    const { property, trace } = one.json as { property?: string; trace?: readonly string[] };
    if (one.exitCode === EXIT.violation && property !== undefined) {
      broken.push(`${property} (${trace?.length ?? 0} steps)`);
      remaining = remaining.filter((name) => name !== property);
      if (property === DEADLOCK) flags = { ...flags, deadlock: false };
      // No invariant left to ask about: selecting none would select them all.
      if (remaining.length > 0 || flags.deadlock) continue;
    }
    const rest =
      remaining.length === 0
        ? ""
        : one.exitCode === EXIT.violation || one.exitCode === EXIT.pass
          ? `; the other ${remaining.length} ${remaining.length === 1 ? "holds" : "hold"} in every reachable state of this configuration`
          : `; the last search, of the other ${remaining.length}, did not finish (${one.summary})`;
    process.stdout.write(`\n--continue: ${broken.length === 0 ? "no property violated" : `${broken.length} violated: ${broken.join(", ")}`}${rest}.\n`);
    return broken.length > 0 ? EXIT.violation : one.exitCode;
  }
}

/** Several configurations in turn: each one's summary, then the suite's verdict (the worst of theirs). */
async function checkSuite(o: Flags, configs: readonly string[], fail: (e: UserError) => number): Promise<number> {
  // A typo in the third name is reported now, not after the first two searches.
  for (const name of configs) {
    const resolved = resolveConfig({ ...o, spec: o.spec ?? DEFAULT_SPEC, config: name });
    if (!resolved.ok) return fail(resolved.error);
  }
  const outcomes: [string, Outcome][] = [];
  for (const name of configs) {
    const one = await checkOne(o, name, fail, true);
    if (typeof one === "number") return one;
    outcomes.push([name, one]);
  }
  const codes = outcomes.map(([, r]) => r.exitCode);
  const exitCode = codes.includes(EXIT.violation) ? EXIT.violation : codes.find((c) => c !== EXIT.pass) ?? EXIT.pass;
  if (o.json) {
    process.stdout.write(JSON.stringify({ suite: configs, exitCode, runs: outcomes.map(([, r]) => r.json) }, null, 2) + "\n");
    return exitCode;
  }
  const verdicts = outcomes.map(([name, r]) => `${name} ${r.summary}`).join(", ");
  const lists = outcomes.map(([, r]) => r.neverTaken).filter((l): l is readonly string[] => l !== undefined);
  if (lists.length === outcomes.length) {
    const nowhere = lists.reduce((a, b) => a.filter((x) => b.includes(x)));
    process.stdout.write(
      nowhere.length === 0
        ? "\nEvery rule branch was taken in at least one of them.\n"
        : `\nRule branches taken in none of them, so checked nowhere:\n${nowhere.map((r) => `  ${r}`).join("\n")}\n`,
    );
  }
  process.stdout.write(`Suite of ${configs.length} configurations: ${verdicts}.\n`);
  return exitCode;
}

/** What every search takes from the flags, but checkpoints. */
const searchOptions = (o: Flags): CheckOptions => ({
  maxStates: o["max-states"],
  maxDepth: o["max-depth"],
  timeLimitMs: o["time-limit"] === undefined ? undefined : o["time-limit"] * 1000,
  checkDeadlock: o.deadlock,
  symmetry: !o["no-symmetry"],
  paranoid: o.paranoid,
  onProgress: o.quiet || o.json ? undefined : printProgress,
  progressIntervalMs: 3000,
  maxMemoryBytes: o["max-memory"],
});

/**
 * What a run checks: the spec, configuration and properties the flags name,
 * or, for --resume FILE alone, those the checkpoint was made for (and its
 * symmetry setting, in the flags returned).
 */
function resolveRun(o: Flags, configName: string | undefined, saved: { readonly identity: string } | undefined): Result<{ o: Flags; entry: SpecEntry<unknown>; config: unknown; configName: string; spec: AnySpec; selection: Selection }> {
  const alone = saved !== undefined && o.spec === undefined && configName === undefined && o.variant.length === 0 && o.set.length === 0;
  const fromCheckpoint = alone ? resolveFromCheckpoint(o.resume!, saved) : undefined;
  const resolved = fromCheckpoint ?? resolveConfig({ ...o, spec: o.spec ?? DEFAULT_SPEC, config: configName });
  if (!resolved.ok) return resolved;
  const flags = fromCheckpoint?.ok ? { ...o, "no-symmetry": o["no-symmetry"] || !fromCheckpoint.value.symmetry } : o;
  const { entry, config } = resolved.value;
  const whole = entry.build(config);
  const selection = { invariants: flags.invariant.map((asked) => invariantWithId(whole.invariants, asked)?.name ?? asked), witnesses: flags.witness };
  const unknown = unknownNames(whole, selection);
  if (unknown !== undefined) return badInput(unknown);
  return ok({ o: flags, entry, config, configName: resolved.value.configName, spec: select(whole, selection), selection });
}

/** Checks one configuration and prints its summary (JSON is printed here unless the run is part of a suite). */
async function checkOne(o: Flags, configName: string | undefined, fail: (e: UserError) => number, inSuite = false): Promise<Outcome | number> {
  const partitioned = o.resume !== undefined && isManifestFile(o.resume);
  if (partitioned || (o.checkpoint !== undefined && (o.workers > 1 || o.broker !== undefined))) return checkPartitioned(o, configName, fail);
  if (o.resume !== undefined && (o.workers > 1 || o.broker !== undefined)) {
    return fail(badInput(`--resume ${o.resume}: it was saved by a one-worker search; resume it without --workers and --broker`).error);
  }
  const saved = o.resume === undefined ? undefined : readResume(o.resume);
  if (saved !== undefined && !saved.ok) return fail(saved.error);
  const run = resolveRun(o, configName, saved?.value);
  if (!run.ok) return fail(run.error);
  o = run.value.o;
  const { entry, config, spec, selection } = run.value;
  const traceFolder = traceOutFolder(o);
  if (!traceFolder.ok) return fail(traceFolder.error);
  const identity = checkpointIdentity(entry.name, config, !o["no-symmetry"]);
  let resume: Checkpoint<unknown> | undefined;
  if (saved !== undefined) {
    const matched = matchResume(o.resume!, saved.value, identity);
    if (!matched.ok) return fail(matched.error);
    resume = matched.value;
  }
  // Before the search, not at its first save minutes later.
  const checkpointFile = o.checkpoint ?? o.resume;
  if (checkpointFile !== undefined) {
    const writable = writableFor(checkpointFile, o.checkpoint !== undefined ? "--checkpoint" : "--resume");
    if (!writable.ok) return fail(writable.error);
  }
  const say = progressLine(o);
  say(`checking ${spec.name} [config ${run.value.configName}]${resume ? `, resumed at level ${resume.depth} with ${resume.table.count.toLocaleString("en-US")} states` : ""}`);
  const saver = checkpointFile === undefined ? undefined : checkpointSaver(checkpointFile, identity, o["checkpoint-every"], say);
  const options: CheckOptions = { ...searchOptions(o), resume, checkpoint: saver?.sink };
  const searched = await untilInterrupted((interrupted) => {
    const shouldStop = () => saver?.failure() ?? interrupted();
    if (o.broker !== undefined) return overBroker(o, entry.name, config, selection, spec, { ...options, shouldStop });
    return o.workers > 1 ? checkParallel({ ...entry.source(config), select: selection }, o.workers, { ...options, shouldStop }) : check(spec, { ...options, shouldStop });
  });
  if ("userError" in searched) return fail(searched.userError);
  return report(o, searched, spec, entry, run.value.configName, config, inSuite, fail, saver);
}

/** The search through a broker, or the user error that stopped it from starting (no broker, too few workers, another version). */
async function overBroker(o: Flags, specName: string, config: unknown, selection: Selection, spec: AnySpec, options: ParallelOptions): Promise<CheckResult<unknown, unknown> | { userError: UserError }> {
  const url = parseBrokerUrl(o.broker!);
  if (!url.ok) return { userError: badInput(`--broker: ${url.why}`).error };
  const say = progressLine(o);
  const outcome = await checkOverBroker<unknown, unknown>(
    { address: url.address, workers: o.workers, spec, names: { spec: specName, config, selection }, joinTimeoutMs: o["join-timeout"] * 1000, say },
    options,
  );
  return outcome.ok ? outcome.result : { userError: badInput(outcome.message).error };
}

/** A search over several partitions with checkpoints: saved as slices and a manifest (parallel/partitioned-checkpoint.ts). */
async function checkPartitioned(o: Flags, configName: string | undefined, fail: (e: UserError) => number): Promise<number> {
  let manifest: Manifest | undefined;
  if (o.resume !== undefined) {
    const read = readManifest(o.resume);
    if (!read.ok) return fail(badInput(`--resume ${o.resume}: ${read.why}`).error);
    manifest = read.value;
    if (o.workers > 1 && o.workers !== manifest.partitions) {
      return fail(badInput(`--resume ${o.resume}: the checkpoint has ${manifest.partitions} partitions; resume it with --workers ${manifest.partitions}`).error);
    }
    o = { ...o, workers: manifest.partitions };
  }
  const run = resolveRun(o, configName, manifest);
  if (!run.ok) return fail(run.error);
  o = run.value.o;
  const { entry, config, spec, selection } = run.value;
  const identity = checkpointIdentity(entry.name, config, !o["no-symmetry"]);
  if (manifest !== undefined) {
    const matched = matchResume(o.resume!, manifest, identity);
    if (!matched.ok) return fail(matched.error);
  }
  const file = (o.checkpoint ?? o.resume)!;
  const writable = writableFor(file, o.checkpoint !== undefined ? "--checkpoint" : "--resume");
  if (!writable.ok) return fail(writable.error);
  const traceFolder = traceOutFolder(o);
  if (!traceFolder.ok) return fail(traceFolder.error);
  const say = progressLine(o);
  say(`checking ${spec.name} [config ${run.value.configName}] over ${o.workers} partitions${manifest ? `, resumed at level ${manifest.depth} with ${manifest.distinct.toLocaleString("en-US")} states` : ""}`);
  const options: ParallelOptions = {
    ...searchOptions(o),
    saveTo: { file, identity, everyMs: o["checkpoint-every"] * 1000, say },
    ...(manifest && { resumeFrom: { file, manifest } }),
  };
  const searched = await untilInterrupted((shouldStop) =>
    o.broker !== undefined
      ? overBroker(o, entry.name, config, selection, spec, { ...options, shouldStop })
      : checkParallel({ ...entry.source(config), select: selection }, o.workers, { ...options, shouldStop }),
  );
  if ("userError" in searched) return fail(searched.userError);
  const outcome = await report(o, searched, spec, entry, run.value.configName, config, false, fail, undefined);
  return typeof outcome === "number" ? outcome : outcome.exitCode;
}

/** Prints one configuration's result (and saves its trace); what the suite needs of it. */
async function report(
  o: Flags,
  searched: CheckResult<unknown, unknown>,
  spec: AnySpec,
  entry: SpecEntry<unknown>,
  configName: string,
  config: unknown,
  inSuite: boolean,
  fail: (e: UserError) => number,
  saver: ReturnType<typeof checkpointSaver> | undefined,
): Promise<Outcome | number> {
  const result = explained(searched, spec);
  const info = { spec: spec.name, config: configName };
  const json = toJson(result, info);
  if (!(o.json && inSuite)) process.stdout.write((o.json ? JSON.stringify(json, null, 2) : formatText(result, info, { present: spec.present, color: useColor(process.stdout), coverage: o.coverage, inSuite })) + "\n");
  if (o["trace-out"] !== undefined && result.verdict.kind === "violation") {
    const written = writeOutput(o["trace-out"], JSON.stringify(traceFileOf(entry.name, [configName, ...o.variant].join(" + "), config, result.verdict), null, 2) + "\n", "trace file");
    if (!written.ok) return fail(written.error);
    progressLine(o)(`trace: ${o["trace-out"]}; replay, minimize or view it with splitbrain replay|minimize|view ${o["trace-out"]}`);
  }
  if (o["minimize-config"] && result.verdict.kind === "violation") await reportMinimalConfig(o, entry, config, result.verdict.property);
  const summary = result.verdict.kind === "violation" ? `VIOLATION (${result.verdict.property})` : result.verdict.kind.toUpperCase();
  // A save that failed leaves the run unfinished even if the search then ran to its end: the user asked for a checkpoint and has none.
  const saveFailed = saver?.failure() !== undefined && result.verdict.kind !== "violation";
  if (saveFailed) process.stderr.write(`${saver!.lastSaved()}\n`);
  return { exitCode: saveFailed ? EXIT.incomplete : exitCodeOf(result), summary, json, neverTaken: result.rules?.filter((r) => r.taken === 0).map((r) => r.name) };
}

/** A deadlock's explanation says which bound of the configuration, if any, stops the run there (the engine knows no bounds). */
function explained(result: CheckResult<unknown, unknown>, spec: AnySpec): CheckResult<unknown, unknown> {
  const { verdict } = result;
  if (verdict.kind !== "violation" || verdict.property !== DEADLOCK) return result;
  const last = verdict.trace.steps.at(-1)?.state ?? verdict.trace.initial;
  return { ...result, verdict: { ...verdict, explanation: explainEnd(spec, DEADLOCK, last) } };
}

/** --liveness: the spec's liveness properties on the whole reachable graph, a lasso for each that fails. */
async function checkLivenessOf(o: Flags, configName: string | undefined, fail: (e: UserError) => number): Promise<number> {
  const resolved = resolveConfig({ ...o, spec: o.spec ?? DEFAULT_SPEC, config: configName });
  if (!resolved.ok) return fail(resolved.error);
  const { entry, config } = resolved.value;
  const spec = entry.build(config);
  const traceFolder = traceOutFolder(o);
  if (!traceFolder.ok) return fail(traceFolder.error);
  if (!o.quiet) process.stderr.write(`checking the liveness of ${spec.name} [config ${resolved.value.configName}]\n`);
  const result = await untilInterrupted((shouldStop) => checkLiveness(spec, { maxStates: o["max-states"], shouldStop }));
  process.stdout.write(livenessText(result, spec, resolved.value.configName, useColor(process.stdout), entry) + "\n");
  const lasso = result.kind === "done" ? result.verdicts.find((v) => v.kind === "violated") : undefined;
  if (o["trace-out"] !== undefined && lasso?.kind === "violated") {
    const file = lassoTraceFile(entry.name, [resolved.value.configName, ...o.variant].join(" + "), config, spec, lasso);
    const written = writeOutput(o["trace-out"], JSON.stringify(file, null, 2) + "\n", "trace file");
    if (!written.ok) return fail(written.error);
    if (!o.quiet) process.stderr.write(`trace of ${lasso.property}: ${o["trace-out"]}; replay or view it with splitbrain replay|view ${o["trace-out"]}\n`);
  }
  return livenessExitCode(result);
}

async function reportMinimalConfig(o: Flags, entry: SpecEntry<unknown>, config: unknown, property: string): Promise<void> {
  const say = (line: string) => process.stderr.write(`minimize-config: ${line}\n`);
  const found = await minimizeConfig(entry, config, property, o.quiet ? undefined : say);
  const words = entry.describeConfig?.(found.config) ?? JSON.stringify(found.config);
  process.stdout.write(
    found.config === config
      ? `No smaller configuration (of ${found.tried} tried) still violates ${property}.\n`
      : `This bug needs ${words}: ${property} still fails there, in ${found.steps} steps (${found.tried} configurations tried).\n` +
          `That configuration: ${JSON.stringify({ ...(found.config as object), description: undefined })}\n`,
  );
}
