// The expected liveness failures of the catalog (counterexamples/): for each,
// the lasso the liveness check finds, as a trace file and as markdown. An
// entry that no longer fails is reported: what the spec documents as stuck
// would then have changed.

import { join } from "node:path";
import { checkLiveness } from "../engine/liveness/check-liveness.ts";
import { counterexampleMarkdown } from "../trace/counterexample-markdown.ts";
import { messageFlows } from "../trace/message-flow.ts";
import { mermaidSequence } from "../trace/sequence-diagram.ts";
import { lassoTraceFile } from "./liveness.ts";
import { writeOutput } from "./output.ts";
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
  const jsonPath = join(dir, `${item.name}.json`);
  const written = writeOutput(jsonPath, JSON.stringify(file, null, 2) + "\n", "trace file");
  if (!written.ok) return written;
  const states = [lasso.trace.initial, ...lasso.trace.steps.map((s) => s.state)];
  const actions = lasso.trace.steps.map((s) => s.action);
  const markdown = counterexampleMarkdown({
    title: item.name,
    summary: item.summary,
    file,
    states,
    present: spec.present ?? ((s) => s),
    replayCommand: `npx tsx checker/cli.ts replay ${jsonPath}`,
    diagram: spec.diagram ? mermaidSequence(spec.diagram, actions, property.name, { states, loop: lasso.loopFrom, labels: file.steps }) : undefined,
    flows: spec.diagram ? messageFlows(spec.diagram, actions, states) : [],
  });
  const md = writeOutput(join(dir, `${item.name}.md`), markdown, "markdown");
  if (!md.ok) return md;
  process.stdout.write(`${item.name.padEnd(24)} ${item.config.padEnd(9)} ${property.name} fails: a lasso of ${lasso.trace.steps.length} steps, looping from ${lasso.loopFrom} (expected)\n`);
  return ok(true);
}
