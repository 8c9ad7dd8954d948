// splitbrain config show: a configuration as the checker will use it (a
// named one, a file, with --set and --variant applied), as JSON and in words,
// so a user sees what "small" means before spending a search on it.

import { z } from "zod";
import { DEFAULT_SPEC } from "./registry.ts";
import { parseFlags, resolveConfig } from "./shared.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

const flags = z.object({
  spec: z.string().default(DEFAULT_SPEC),
  variant: z.array(z.string()).default([]),
  set: z.array(z.string()).default([]),
});

export function runConfig(args: string[], usage: string, fail: (e: UserError) => number): number {
  const [sub, ...rest] = args;
  if (sub !== "show") return fail(badInput(`config: expected "config show [NAME|FILE]", got "config ${sub ?? ""}"\n\n${usage}`).error);
  const parsed = parseFlags(rest, { spec: { type: "string" }, variant: { type: "string", multiple: true }, set: { type: "string", multiple: true } }, flags, usage, true);
  if (!parsed.ok) return fail(parsed.error);
  const [name, ...extra] = parsed.value.positionals;
  if (extra.length > 0) return fail(badInput(`config show takes one configuration; not expected: ${extra.join(" ")}`).error);
  const resolved = resolveConfig({ ...parsed.value.values, config: name });
  if (!resolved.ok) return fail(resolved.error);
  const { entry, config, configName } = resolved.value;
  process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
  const words = entry.describeConfig?.(config);
  process.stdout.write(`${entry.name} [config ${configName}]${words === undefined ? "" : `: ${words}`}\n`);
  return EXIT.pass;
}
