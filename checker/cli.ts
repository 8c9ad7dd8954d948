#!/usr/bin/env -S npx tsx
// splitbrain's command line. Parses and validates what the user typed, runs
// the engine, prints the summary. Bad input never reaches the engine: it gets
// a message naming what is wrong and exit code 2.

import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { check, type Progress } from "./bfs.ts";
import { DEFAULT_SPEC, SPECS, type SpecEntry } from "./registry.ts";
import { exitCodeOf, formatText, toJson } from "./report.ts";
import { badInput, describeZodError, EXIT, ok, type Result } from "./user-error.ts";

const USAGE = `usage: splitbrain check [options]
       splitbrain list

check options:
  --spec NAME          which spec to check (default: ${DEFAULT_SPEC}; see 'splitbrain list')
  --config NAME|FILE   a named configuration, or a JSON file of one
  --max-states N       stop after N distinct states (the run is then incomplete)
  --max-depth N        do not explore beyond depth N (incomplete if states remain)
  --time-limit SEC     stop after SEC seconds (incomplete)
  --deadlock           report a state with no enabled action as a violation
  --json               print a machine-readable summary on stdout
  --quiet              no progress lines on stderr

exit codes: 0 pass, 1 violation, 2 bad input, 3 incomplete or a witness not reached`;

const positiveInt = (flag: string) =>
  z.coerce.number({ message: `${flag} takes a number` }).int(`${flag} takes a whole number`).positive(`${flag} must be positive`);

const checkOptions = z.object({
  spec: z.string().default(DEFAULT_SPEC),
  config: z.string().optional(),
  "max-states": positiveInt("--max-states").optional(),
  "max-depth": positiveInt("--max-depth").optional(),
  "time-limit": z.coerce.number({ message: "--time-limit takes a number of seconds" }).positive("--time-limit must be positive").optional(),
  deadlock: z.boolean().default(false),
  json: z.boolean().default(false),
  quiet: z.boolean().default(false),
});
type CheckOptions = z.infer<typeof checkOptions>;

function parseCheckOptions(args: string[]): Result<CheckOptions> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        spec: { type: "string" },
        config: { type: "string" },
        "max-states": { type: "string" },
        "max-depth": { type: "string" },
        "time-limit": { type: "string" },
        deadlock: { type: "boolean" },
        json: { type: "boolean" },
        quiet: { type: "boolean" },
      },
    }));
  } catch (error) {
    return badInput(`${(error as Error).message}\n\n${USAGE}`);
  }
  const parsed = checkOptions.safeParse(values);
  return parsed.success ? ok(parsed.data) : badInput(describeZodError("command line", parsed.error));
}

function findSpec(name: string): Result<SpecEntry<unknown>> {
  const entry = SPECS.find((s) => s.name === name);
  return entry ? ok(entry) : badInput(`--spec ${name}: no such spec; known specs: ${SPECS.map((s) => s.name).join(", ")}`);
}

/** A named configuration, or else a JSON file validated against the spec's schema. */
export function loadConfig(entry: SpecEntry<unknown>, nameOrFile: string): Result<unknown> {
  const named = entry.configs[nameOrFile];
  if (named !== undefined) return ok(named);
  let text: string;
  try {
    text = readFileSync(nameOrFile, "utf8");
  } catch {
    const names = Object.keys(entry.configs).join(", ");
    return badInput(`--config ${nameOrFile}: neither a named configuration of ${entry.name} (${names}) nor a readable file`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return badInput(`${nameOrFile}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = entry.configSchema.safeParse(json);
  return parsed.success ? ok(parsed.data) : badInput(describeZodError(`${nameOrFile} (a ${entry.name} configuration)`, parsed.error));
}

function printProgress(p: Progress): void {
  const rate = Math.round(p.distinct / Math.max(p.elapsedMs / 1000, 0.001));
  process.stderr.write(
    `progress: depth ${p.depth}, ${p.generated.toLocaleString("en-US")} generated, ` +
      `${p.distinct.toLocaleString("en-US")} distinct (${rate.toLocaleString("en-US")}/s), ` +
      `${p.queued.toLocaleString("en-US")} queued, ${(p.elapsedMs / 1000).toFixed(0)} s\n`,
  );
}

async function runCheck(args: string[]): Promise<number> {
  const options = parseCheckOptions(args);
  if (!options.ok) return fail(options.error);
  const o = options.value;
  const entry = findSpec(o.spec);
  if (!entry.ok) return fail(entry.error);
  const configName = o.config ?? entry.value.defaultConfig;
  const config = loadConfig(entry.value, configName);
  if (!config.ok) return fail(config.error);

  const spec = entry.value.build(config.value);
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  if (!o.json && !o.quiet) process.stderr.write(`checking ${spec.name} [config ${configName}]\n`);
  const result = await check(spec, {
    maxStates: o["max-states"],
    maxDepth: o["max-depth"],
    timeLimitMs: o["time-limit"] === undefined ? undefined : o["time-limit"] * 1000,
    checkDeadlock: o.deadlock,
    onProgress: o.quiet ? undefined : printProgress,
    progressIntervalMs: 3000,
    shouldStop: () => (interrupted ? "interrupted by a signal" : undefined),
  });
  process.off("SIGINT", onInterrupt);
  process.off("SIGTERM", onInterrupt);
  const info = { spec: spec.name, config: configName };
  process.stdout.write((o.json ? JSON.stringify(toJson(result, info), null, 2) : formatText(result, info)) + "\n");
  return exitCodeOf(result);
}

function runList(): number {
  for (const s of SPECS) {
    process.stdout.write(`${s.name}${s.name === DEFAULT_SPEC ? " (default)" : ""}: ${s.description}\n`);
    process.stdout.write(`  configs: ${Object.keys(s.configs).join(", ")} (default ${s.defaultConfig})\n`);
  }
  return EXIT.pass;
}

function fail(error: { message: string; exitCode: number }): number {
  process.stderr.write(`splitbrain: ${error.message}\n`);
  return error.exitCode;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return runCheck(rest);
    case "list":
      return runList();
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE + "\n");
      return command === undefined ? EXIT.badInput : EXIT.pass;
    default:
      return fail({ message: `unknown command '${command}'\n\n${USAGE}`, exitCode: EXIT.badInput });
  }
}

const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isEntryPoint) process.exitCode = await main(process.argv.slice(2));
