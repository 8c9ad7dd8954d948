// splitbrain view FILE and splitbrain explore: write the self-contained HTML
// page for a trace, or for walking a configuration by hand from its start.

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { parseFlags, resolveConfig } from "./shared.ts";
import { oneTraceFile } from "./replay.ts";
import { pageHtml } from "../page/write-page.ts";
import type { PageData } from "../page/page-data.ts";
import { DEFAULT_SPEC } from "./registry.ts";
import { EXIT, type UserError } from "./user-error.ts";

async function writePage(data: PageData, out: string): Promise<number> {
  writeFileSync(out, await pageHtml(data));
  process.stdout.write(`wrote ${out}; open it in a browser: ${pathToFileURL(resolve(out)).href}\n`);
  return EXIT.pass;
}

export async function runView(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const flags = parseFlags(args, { out: { type: "string" } }, z.object({ out: z.string().optional() }), usage, true);
  if (!flags.ok) return fail(flags.error);
  const loaded = oneTraceFile("view", flags.value.positionals, usage);
  if (!loaded.ok) return fail(loaded.error);
  const { path, file } = loaded.value;
  const title = `${file.property} · ${file.configName}`;
  const data: PageData = { title, spec: file.spec, config: file.config, steps: file.steps, start: "end" };
  return writePage(data, flags.value.values.out ?? path.replace(/(\.json)?$/, ".html"));
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
  const variants = o.variant.length > 0 ? ` + ${o.variant.join(" + ")}` : "";
  return writePage({ title: `explore ${entry.name} · ${configName}${variants}`, spec: entry.name, config, steps: [], start: "initial" }, o.out);
}
