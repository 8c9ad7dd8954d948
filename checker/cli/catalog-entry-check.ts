// What a catalog's tests ask of each committed counterexample, for any spec
// with a catalog (counterexamples/<spec>/catalog.test.ts): the trace still
// replays to the violation it records, no shorter prefix breaks it, and its
// page says so, one row per step; and the catalog page's table is what the
// traces say.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { replayLabels, violates } from "../trace/trace-file.ts";
import { catalogTable, committedSteps, TABLE_END, TABLE_START } from "./catalog-page.ts";
import type { SpecEntry } from "./registry.ts";
import { readTraceFile } from "./replay.ts";

/** Why `dir/name.json` no longer stands, or undefined; `fix` says how to write it again. */
export function catalogEntryProblem(dir: string, name: string, fix: string): string | undefined {
  const loaded = readTraceFile(join(dir, `${name}.json`));
  if (!loaded.ok) return loaded.error.message;
  const { file, spec } = loaded.value;
  const replay = replayLabels(spec, file.steps);
  if (!replay.ok) return `step ${replay.step} "${replay.label}" no longer applies; ${fix}`;
  if (!violates(spec, file.property, replay.states.at(-1))) return `it no longer ends in ${file.property}; ${fix}`;
  if (replay.states.slice(0, -1).some((s) => violates(spec, file.property, s))) return `a shorter prefix already breaks ${file.property}; ${fix}`;
  const page = readFileSync(join(dir, `${name}.md`), "utf8");
  if (!page.includes(`violates **${file.property}**`)) return `${name}.md does not name ${file.property}; ${fix}`;
  const rows = page.split("\n").filter((l) => /^\| \d+ \|/.test(l)).length;
  return rows === file.steps.length ? undefined : `${name}.md has ${rows} steps, the trace ${file.steps.length}; ${fix}`;
}

/** A spec's catalog table as its page has it, and as its entries and committed traces say it should be. */
export function catalogTables(entry: SpecEntry<unknown>, dir: string): { readonly page: string; readonly expected: string } {
  const text = readFileSync(join(dir, "../..", entry.catalogPage!.file), "utf8");
  const page = text.slice(text.indexOf(TABLE_START) + TABLE_START.length, text.indexOf(TABLE_END)).trim();
  return { page, expected: catalogTable(entry.catalogPage!.header, entry.catalog!, (name) => committedSteps(dir, name)) };
}
