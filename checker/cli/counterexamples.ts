// splitbrain counterexamples: regenerate counterexamples/, one shortest
// counterexample per bug variant, as a trace file and as markdown; or only
// the entries named (`npm run counterexamples -- no-dedup`).

import { writeCatalogEntry } from "./catalog-entry.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { ensureFolder } from "./output.ts";
import { check } from "../engine/bfs.ts";
import { join } from "node:path";
import { resolveConfig } from "./shared.ts";
import { DEFAULT_SPEC, SPECS, type SpecEntry } from "./registry.ts";
import { traceFileOf } from "./report.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";
import { select } from "../engine/spec-source.ts";
import { writeLivenessEntry } from "./liveness-catalog.ts";
import { catalogTable, committedSteps, invariantWithId, withCatalogTable } from "./catalog-page.ts";

/** Where the default spec's catalog lives; each spec's page table is rewritten only for its own folder. */
const CATALOG_FOLDER = "counterexamples";

export async function runCounterexamples(args: string[], fail: (e: UserError) => number): Promise<number> {
  const withCatalogs = SPECS.filter((spec) => (spec.catalog?.length ?? 0) > 0 || (spec.expectedLivenessFailures?.length ?? 0) > 0);
  const known = (a: string) => withCatalogs.some((spec) => spec.catalog?.some((i) => i.name === a) || spec.expectedLivenessFailures?.some((i) => i.name === a));
  const drafts = args.filter((a) => !known(a) && withCatalogs.some((spec) => spec.variants?.includes(a)));
  if (drafts.length > 0) return fail(badInput(`${drafts.join(", ")}: still a draft; once check --variant catches it, remove draft: true from its catalog entry`).error);
  const names = args.filter(known);
  const folders = args.filter((a) => !names.includes(a));
  if (folders.length > 1) return fail(badInput(`counterexamples takes catalog entries and at most one folder; not entries: ${folders.join(", ")}`).error);
  let missed = 0;
  for (const spec of withCatalogs) {
    const own = spec.catalogFolder ?? CATALOG_FOLDER;
    // A folder given on the command line takes the default spec's entries, and each other spec's in a folder of its name inside it.
    const dir = folders[0] === undefined ? own : spec.name === DEFAULT_SPEC ? folders[0] : join(folders[0], spec.name);
    const written = await writeSpecCatalog(spec, names, dir, dir === own, fail);
    if (typeof written === "object") return written.exit;
    missed += written;
  }
  return missed === 0 ? EXIT.pass : EXIT.violation;
}

/** One spec's catalog entries (those named, or all) into `dir`; how many were not caught, or the exit code of a failure. */
async function writeSpecCatalog(entry: SpecEntry<unknown>, names: readonly string[], dir: string, ownFolder: boolean, fail: (e: UserError) => number): Promise<number | { exit: number }> {
  const catalog = entry.catalog ?? [];
  const expected = entry.expectedLivenessFailures ?? [];
  const chosen = catalog.filter((i) => names.length === 0 || names.includes(i.name));
  const chosenStuck = expected.filter((i) => names.length === 0 || names.includes(i.name));
  if (chosen.length === 0 && chosenStuck.length === 0) return 0;
  const made = ensureFolder(dir);
  if (!made.ok) return { exit: fail(made.error) };
  let missed = 0;
  for (const item of chosen) {
    const resolved = resolveConfig({ spec: entry.name, config: item.configName, variant: item.variants });
    if (!resolved.ok) return { exit: fail(resolved.error) };
    const { config } = resolved.value;
    const whole = entry.build(config);
    // Only the invariant the entry is meant to break: a new invariant elsewhere does not move its trace.
    const invariant = invariantWithId<{ name: string }>(whole.invariants, item.invariant);
    if (invariant === undefined) return { exit: fail(badInput(`${item.name}: the spec has no invariant ${item.invariant}`).error) };
    const spec = select(whole, { invariants: [invariant.name] });
    const result = await check(spec);
    if (result.verdict.kind !== "violation") {
      process.stderr.write(`${item.name}: NOT CAUGHT in ${item.configName} (${result.verdict.kind}): the model or a property is too weak\n`);
      missed++;
      continue;
    }
    const { trace, property } = result.verdict;
    const file = traceFileOf(entry.name, `${item.configName} + ${item.variants.join(" + ")}`, config, result.verdict);
    const written = writeCatalogEntry({ dir, name: item.name, summary: item.summary, spec, file, trace });
    if (!written.ok) return { exit: fail(written.error) };
    process.stdout.write(`${item.name.padEnd(24)} ${item.configName.padEnd(9)} ${property} in ${trace.steps.length} steps (${result.stats.distinct.toLocaleString("en-US")} states searched)\n`);
  }
  for (const item of chosenStuck) {
    const written = await writeLivenessEntry(entry, item, dir);
    if (!written.ok) return { exit: fail(written.error) };
    if (!written.value) missed++;
  }
  const page = entry.catalogPage;
  if (page !== undefined && ownFolder) {
    const rewritten = withCatalogTable(readFileSync(page.file, "utf8"), catalogTable(page.header, catalog, (name) => committedSteps(dir, name)));
    if (rewritten === undefined) return { exit: fail(badInput(`${page.file} lacks the marks around its catalog table (checker/cli/catalog-page.ts)`).error) };
    writeFileSync(page.file, rewritten);
    process.stdout.write(`${page.file}: its catalog table is up to date\n`);
  }
  return missed;
}
