// The table of the counterexample catalog in a page for people (for the
// protocol, spec/variants.md): one row per entry, from its declaration and the
// length of its committed trace. `counterexamples` rewrites it between two
// marks, so nobody edits it by hand and it cannot drift.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CatalogItem } from "./registry.ts";

export const TABLE_START = "<!-- catalog table: written by npm run counterexamples, do not edit -->";
export const TABLE_END = "<!-- end of catalog table -->";

/** The invariant an entry is meant to break, named by its ID ("INV-2") or in full; undefined if the spec has none. */
export function invariantWithId<I extends { readonly name: string }>(invariants: readonly I[], id: string): I | undefined {
  return invariants.find((i) => i.name === id || i.name.startsWith(`${id} `));
}

/** The number of steps of an entry's committed trace file, if there is one. */
export function committedSteps(folder: string, name: string): number | undefined {
  const path = join(folder, `${name}.json`);
  if (!existsSync(path)) return undefined;
  const steps = (JSON.parse(readFileSync(path, "utf8")) as { steps?: unknown }).steps;
  return Array.isArray(steps) ? steps.length : undefined;
}

export function catalogTable(header: readonly string[], items: readonly CatalogItem[], steps: (name: string) => number | undefined): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...items.map((item) => line([...item.row, String(steps(item.name) ?? "?")]))].join("\n");
}

/** The page with its table replaced; undefined if the page lacks the marks. */
export function withCatalogTable(page: string, table: string): string | undefined {
  const start = page.indexOf(TABLE_START);
  const end = page.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return `${page.slice(0, start + TABLE_START.length)}\n${table}\n${page.slice(end)}`;
}
