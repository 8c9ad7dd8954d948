// splitbrain counterexamples: regenerate counterexamples/, one shortest
// counterexample per bug variant, as a trace file and as markdown; or only
// the entries named (`npm run counterexamples -- no-dedup`).

import { writeCatalogEntry } from "./catalog-entry.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { ensureFolder } from "./output.ts";
import { check } from "../engine/bfs.ts";
import { findSpec, resolveConfig } from "./shared.ts";
import { DEFAULT_SPEC } from "./registry.ts";
import { traceFileOf } from "./report.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";
import { select } from "../engine/spec-source.ts";
import { writeLivenessEntry } from "./liveness-catalog.ts";
import { catalogTable, committedSteps, invariantWithId, withCatalogTable } from "./catalog-page.ts";

/** Where the catalog lives; only there is the catalog page's table rewritten. */
const CATALOG_FOLDER = "counterexamples";

export async function runCounterexamples(args: string[], fail: (e: UserError) => number): Promise<number> {
  const entry = findSpec(DEFAULT_SPEC);
  if (!entry.ok) return fail(entry.error);
  const catalog = entry.value.catalog ?? [];
  const drafts = args.filter((a) => entry.value.variants?.includes(a) && !catalog.some((item) => item.name === a));
  if (drafts.length > 0) return fail(badInput(`${drafts.join(", ")}: still a draft; once check --variant catches it, remove draft: true from its entry in model/variant-catalog.ts`).error);
  const expected = entry.value.expectedLivenessFailures ?? [];
  const names = args.filter((a) => catalog.some((item) => item.name === a) || expected.some((item) => item.name === a));
  const folders = args.filter((a) => !names.includes(a));
  if (folders.length > 1) return fail(badInput(`counterexamples takes catalog entries and at most one folder; not entries: ${folders.join(", ")}`).error);
  const dir = folders[0] ?? CATALOG_FOLDER;
  const made = ensureFolder(dir);
  if (!made.ok) return fail(made.error);
  let missed = 0;
  for (const item of catalog.filter((i) => names.length === 0 || names.includes(i.name))) {
    const resolved = resolveConfig({ spec: entry.value.name, config: item.configName, variant: item.variants });
    if (!resolved.ok) return fail(resolved.error);
    const { config } = resolved.value;
    const whole = entry.value.build(config);
    // Only the invariant the entry is meant to break: a new invariant elsewhere does not move its trace.
    const invariant = invariantWithId<{ name: string }>(whole.invariants, item.invariant);
    if (invariant === undefined) return fail(badInput(`${item.name}: the spec has no invariant ${item.invariant}`).error);
    const spec = select(whole, { invariants: [invariant.name] });
    const result = await check(spec);
    if (result.verdict.kind !== "violation") {
      process.stderr.write(`${item.name}: NOT CAUGHT in ${item.configName} (${result.verdict.kind}): the model or a property is too weak\n`);
      missed++;
      continue;
    }
    const { trace, property } = result.verdict;
    const file = traceFileOf(entry.value.name, `${item.configName} + ${item.variants.join(" + ")}`, config, result.verdict);
    const written = writeCatalogEntry({ dir, name: item.name, summary: item.summary, spec, file, trace });
    if (!written.ok) return fail(written.error);
    process.stdout.write(`${item.name.padEnd(24)} ${item.configName.padEnd(9)} ${property} in ${trace.steps.length} steps (${result.stats.distinct.toLocaleString("en-US")} states searched)\n`);
  }
  for (const item of expected.filter((i) => names.length === 0 || names.includes(i.name))) {
    const written = await writeLivenessEntry(entry.value, item, dir);
    if (!written.ok) return fail(written.error);
    if (!written.value) missed++;
  }
  const page = entry.value.catalogPage;
  if (page !== undefined && dir === CATALOG_FOLDER) {
    const rewritten = withCatalogTable(readFileSync(page.file, "utf8"), catalogTable(page.header, catalog, (name) => committedSteps(dir, name)));
    if (rewritten === undefined) return fail(badInput(`${page.file} lacks the marks around its catalog table (checker/cli/catalog-page.ts)`).error);
    writeFileSync(page.file, rewritten);
    process.stdout.write(`${page.file}: its catalog table is up to date\n`);
  }
  return missed === 0 ? EXIT.pass : EXIT.violation;
}
