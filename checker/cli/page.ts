// splitbrain view FILE and splitbrain explore: write the self-contained HTML
// page for a trace, or for walking a configuration by hand from its start.

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { parseFlags, resolveConfig } from "./shared.ts";
import { oneTraceFile, staleStep } from "./replay.ts";
import { replayLabels } from "../trace/trace-file.ts";
import { pageHtml } from "../page/write-page.ts";
import { pageDataOf, type PageData } from "../page/page-data.ts";
import { DEFAULT_SPEC, type SpecEntry } from "./registry.ts";
import { check } from "../engine/bfs.ts";
import { defaultOutput, writeOutput } from "./output.ts";
import { EXIT, type UserError } from "./user-error.ts";

async function writePage(data: PageData, out: string, fail: (e: UserError) => number): Promise<number> {
  const written = writeOutput(out, await pageHtml(data), "page");
  if (!written.ok) return fail(written.error);
  process.stdout.write(`wrote ${out}; open it in a browser: ${pathToFileURL(resolve(out)).href}\n`);
  return EXIT.pass;
}

export async function runView(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const flags = parseFlags(args, { out: { type: "string" } }, z.object({ out: z.string().optional() }), usage, true);
  if (!flags.ok) return fail(flags.error);
  const loaded = oneTraceFile("view", flags.value.positionals, usage);
  if (!loaded.ok) return fail(loaded.error);
  const { path, file, spec } = loaded.value;
  // A page of the first steps of a trace that stops applying would mislead: refuse it, naming the step.
  const replay = replayLabels(spec, file.steps);
  if (!replay.ok) {
    process.stderr.write(`${staleStep(path, replay)}; no page written (see: splitbrain replay ${path})\n`);
    return EXIT.violation;
  }
  return writePage(pageDataOf(file), flags.value.values.out ?? defaultOutput(path, ".html"), fail);
}

/** How long explore may search to find out whether the variants can do harm in the configuration. */
const HARM_SEARCH_MS = 20_000;

// A page for a variant in a configuration where it cannot break anything
// (no-dedup without duplicates or drops) would send the user hunting for a
// bug that is not there: search first, and say so.
async function warnIfHarmless(entry: SpecEntry<unknown>, configName: string, config: unknown, variants: readonly string[]): Promise<void> {
  const result = await check(entry.build(config), { timeLimitMs: HARM_SEARCH_MS });
  if (result.verdict.kind !== "pass") return;
  const homes = variants.map((v) => entry.catalog?.find((item) => item.name === v)).filter((item) => item !== undefined && item.configName !== configName);
  process.stderr.write(
    `warning: in ${configName}, ${variants.join(" + ")} breaks no invariant (searched all ${result.stats.distinct.toLocaleString("en-US")} states): the page cannot lead to the bug.` +
      (homes.length > 0 ? ` Try ${homes.map((h) => `--config ${h!.configName} for ${h!.name}`).join(", ")}.` : "") +
      "\n",
  );
}

const exploreFlags = z.object({
  spec: z.string().default(DEFAULT_SPEC),
  config: z.string().optional(),
  variant: z.array(z.string()).default([]),
  out: z.string().default("splitbrain-explore.html"),
});

export async function runExplore(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const options = { spec: { type: "string" }, config: { type: "string" }, variant: { type: "string", multiple: true }, out: { type: "string" } } as const;
  const flags = parseFlags(args, options, exploreFlags, usage);
  if (!flags.ok) return fail(flags.error);
  const o = flags.value.values;
  const resolved = resolveConfig(o);
  if (!resolved.ok) return fail(resolved.error);
  const { entry, configName, config } = resolved.value;
  if (o.variant.length > 0) await warnIfHarmless(entry, configName, config, o.variant);
  const variants = o.variant.length > 0 ? ` + ${o.variant.join(" + ")}` : "";
  return writePage({ title: `explore ${entry.name} · ${configName}${variants}`, configName: `${configName}${variants}`, spec: entry.name, config, steps: [], start: "initial" }, o.out, fail);
}
