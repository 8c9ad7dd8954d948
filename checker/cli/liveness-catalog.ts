// The expected liveness failures of the catalog (counterexamples/): for each,
// the lasso the liveness check finds, as a trace file and as markdown. An
// entry that no longer fails is reported: what the spec documents as stuck
// would then have changed.

import { writeCatalogEntry } from "./catalog-entry.ts";
import { checkLiveness } from "../engine/liveness/check-liveness.ts";
import { lassoTraceFile } from "./liveness.ts";
import type { ExpectedLivenessFailure, SpecEntry } from "./registry.ts";
import { resolveConfig } from "./shared.ts";
import { badInput, type Result, ok } from "./user-error.ts";

/** Writes the entry's lasso into `dir`; returns whether it still fails as expected. */
export async function writeLivenessEntry(entry: SpecEntry<unknown>, item: ExpectedLivenessFailure, dir: string): Promise<Result<boolean>> {
  const resolved = resolveConfig({ spec: entry.name, config: item.config, variant: [] });
  if (!resolved.ok) return resolved;
  const { config } = resolved.value;
  const whole = entry.build(config);
  const property = whole.liveness?.find((p: { name: string }) => p.name.startsWith(`${item.fails} `));
  if (property === undefined) return badInput(`${item.name}: the spec has no liveness property ${item.fails}`);
  const spec = { ...whole, liveness: [property] };
  const result = await checkLiveness(spec);
  const lasso = result.kind === "done" ? result.verdicts[0] : undefined;
  if (lasso?.kind !== "violated") {
    process.stderr.write(`${item.name}: ${item.fails} no longer fails in ${item.config} (${result.kind === "done" ? "it holds" : result.reason}): the expected failure is gone\n`);
    return ok(false);
  }
  const file = lassoTraceFile(entry.name, item.config, config, spec, lasso);
  const written = writeCatalogEntry({ dir, name: item.name, summary: item.summary, spec, file, trace: lasso.trace });
  if (!written.ok) return written;
  process.stdout.write(`${item.name.padEnd(24)} ${item.config.padEnd(9)} ${property.name} fails: a lasso of ${lasso.trace.steps.length} steps, looping from ${lasso.loopFrom} (expected)\n`);
  return ok(true);
}
