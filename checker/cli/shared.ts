// What the commands of the CLI share: parsing flags and finding a spec and
// its configuration, each failure a user error with a message.

import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { SPECS, type SpecEntry } from "./registry.ts";
import type { AnySpec } from "../engine/spec.ts";
import type { Selection } from "../engine/spec-source.ts";
import { badInput, describeZodError, ok, type Result } from "./user-error.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parse flags with node's parser, then validate them with a zod schema. */
export function parseFlags<T>(
  args: string[],
  options: Options,
  schema: z.ZodType<T>,
  usage: string,
  positionals = false,
): Result<{ values: T; positionals: string[] }> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: withNegativeValues(args, options), strict: true, options, allowPositionals: positionals });
  } catch (error) {
    return badInput(`${(error as Error).message}\n\n${usage}`);
  }
  const values = schema.safeParse(parsed.values);
  return values.success ? ok({ values: values.data, positionals: parsed.positionals }) : badInput(describeZodError("command line", values.error));
}

/**
 * "--max-states -5" as "--max-states=-5": node's parser takes "-5" for a flag
 * and says the argument is ambiguous; joined, the value reaches the schema,
 * whose message says what the flag accepts.
 */
function withNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.startsWith("--") ? args[i]!.slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${args[i]}=${next}`);
      i++;
    } else out.push(args[i]!);
  }
  return out;
}

export function findSpec(name: string): Result<SpecEntry<unknown>> {
  const entry = SPECS.find((s) => s.name === name);
  return entry ? ok(entry) : badInput(`--spec ${name}: no such spec; known specs: ${SPECS.map((s) => s.name).join(", ")}`);
}

export function readJson(path: string, what: string): Result<unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return badInput(`${path}: cannot read this ${what}`);
  }
  // A binary file would otherwise have its bytes echoed to the terminal in the parser's message.
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) return badInput(`${path}: not a ${what}: it holds binary bytes, not JSON text`);
  try {
    return ok(JSON.parse(text));
  } catch (error) {
    // The parser quotes the text it choked on; keep that to one printable line.
    const message = (error as Error).message.replace(/\s/g, " ").replace(/[^\x20-\x7e]/g, "?");
    return badInput(`${path}: not valid JSON: ${message.length > 160 ? `${message.slice(0, 160)}...` : message}`);
  }
}

/** Validate a configuration against the spec's schema, naming where it came from. */
export function parseConfig(entry: SpecEntry<unknown>, value: unknown, where: string): Result<unknown> {
  const parsed = entry.configSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : badInput(describeZodError(`${where} (a ${entry.name} configuration)`, parsed.error));
}

/** A named configuration, or else a JSON file validated against the spec's schema. */
function loadConfig(entry: SpecEntry<unknown>, nameOrFile: string): Result<unknown> {
  const named = entry.configs[nameOrFile];
  if (named !== undefined) return ok(named);
  const json = readJson(nameOrFile, "configuration");
  if (!json.ok) {
    const names = Object.keys(entry.configs).join(", ");
    return json.error.message.endsWith("cannot read this configuration")
      ? badInput(`--config ${nameOrFile}: neither a named configuration of ${entry.name} (${names}) nor a readable file`)
      : json;
  }
  return parseConfig(entry, json.value, nameOrFile);
}

/** Switch on bug variants named by --variant. */
function applyVariants(entry: SpecEntry<unknown>, config: unknown, variants: readonly string[]): Result<unknown> {
  if (variants.length === 0) return ok(config);
  if (entry.withVariants === undefined) return badInput(`--variant: spec ${entry.name} has no variants`);
  const unknown = variants.filter((v) => !entry.variants?.includes(v));
  if (unknown.length > 0) return badInput(`--variant ${unknown.join(", ")}: no such variant; known: ${entry.variants?.join(", ")}`);
  return ok(entry.withVariants(config, variants));
}

export interface Resolved {
  readonly entry: SpecEntry<unknown>;
  readonly configName: string;
  readonly config: unknown;
}

/** --spec, --config, --set and --variant together: the spec entry and the configuration to build it with. */
export function resolveConfig(flags: { spec: string; config?: string | undefined; variant: readonly string[]; set?: readonly string[] }): Result<Resolved> {
  const entry = findSpec(flags.spec);
  if (!entry.ok) return entry;
  const loadedName = flags.config ?? entry.value.defaultConfig;
  const loaded = loadConfig(entry.value, loadedName);
  if (!loaded.ok) return loaded;
  const sets = flags.set ?? [];
  const changed = applySets(entry.value, loaded.value, sets);
  if (!changed.ok) return changed;
  const config = applyVariants(entry.value, changed.value, flags.variant);
  const configName = sets.length === 0 ? loadedName : `${loadedName} with ${sets.join(", ")}`;
  return config.ok ? ok({ entry: entry.value, configName, config: config.value }) : config;
}

/**
 * --set key=value, as TLC's and Apalache's users change a constant: a field
 * of the configuration (dotted for a nested one, faults.crashes=2), its value
 * read as JSON when it is JSON and as text otherwise; then the whole is
 * validated again by the spec's schema, which names a wrong key or value.
 */
function applySets(entry: SpecEntry<unknown>, config: unknown, sets: readonly string[]): Result<unknown> {
  if (sets.length === 0) return ok(config);
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const set of sets) {
    const eq = set.indexOf("=");
    if (eq <= 0) return badInput(`--set ${set}: expected key=value, such as --set maxView=5 or --set faults.crashes=2`);
    const path = set.slice(0, eq).split(".");
    const text = set.slice(eq + 1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
    let at: Record<string, unknown> = copy;
    for (const [i, key] of path.slice(0, -1).entries()) {
      const inner = at[key];
      if (inner === null || typeof inner !== "object") return badInput(`--set ${set}: ${path.slice(0, i + 1).join(".")} is not a group of settings`);
      at = inner as Record<string, unknown>;
    }
    at[path.at(-1)!] = value;
  }
  return parseConfig(entry, copy, `the configuration after --set ${sets.join(" ")}`);
}

/** A message naming each --invariant or --witness the spec does not have, and the names it has; or undefined. */
export function unknownNames(whole: AnySpec, selection: Required<Selection>): string | undefined {
  const lines: string[] = [];
  for (const [flag, asked, known] of [
    ["--invariant", selection.invariants, whole.invariants],
    ["--witness", selection.witnesses, whole.witnesses],
  ] as const) {
    const names = (known as readonly { name: string }[]).map((k) => k.name);
    const missing = asked.filter((a) => !names.includes(a));
    if (missing.length > 0) lines.push(`${flag} ${missing.map((m) => `"${m}"`).join(", ")}: no such name; known: ${names.map((n) => `"${n}"`).join(", ")}`);
  }
  return lines.length === 0 ? undefined : lines.join("\n");
}

/** --workers N, or "auto": one per core this machine has. */
export const workersFlag = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return 1;
    if (text === "auto") return availableParallelism();
    const n = Number(text);
    if (!Number.isInteger(n) || text.trim() === "") ctx.addIssue({ code: "custom", message: `--workers takes a number, or auto; not "${text}"` });
    else if (n < 1 || n > 64) ctx.addIssue({ code: "custom", message: `--workers must be between 1 and 64, not ${n}` });
    return n;
  });
