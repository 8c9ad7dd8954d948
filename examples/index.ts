// Specs added with `splitbrain new spec NAME`: the command line checks each
// by its name (--spec NAME). The command writes the lines between the marks.

import type { SpecEntry } from "../checker/cli/registry.ts";
// splitbrain new spec: imports above this line

/** The entry, with where worker threads find its builder (--workers): the spec's own file stays free of import.meta, as lint asks. */
const withSource = <C>(entry: Omit<SpecEntry<C>, "source">, path: string, exportName: string): SpecEntry<unknown> =>
  ({ ...entry, source: (config: C) => ({ module: new URL(path, import.meta.url).href, exportName, args: [config] }) }) as SpecEntry<unknown>;

export const ADDED_SPECS: readonly SpecEntry<unknown>[] = [
  // splitbrain new spec: entries above this line
];
