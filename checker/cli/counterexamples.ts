// splitbrain counterexamples: regenerate counterexamples/, one shortest
// counterexample per bug variant, as a trace file and as markdown.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../engine/bfs.ts";
import { counterexampleMarkdown } from "../trace/counterexample-markdown.ts";
import { findSpec, resolveConfig } from "./shared.ts";
import { DEFAULT_SPEC } from "./registry.ts";
import { minimizedNote } from "./report.ts";
import { mermaidSequence } from "../trace/sequence-diagram.ts";
import { TRACE_FORMAT, type TraceFile } from "../trace/trace-file.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

export async function runCounterexamples(args: string[], fail: (e: UserError) => number): Promise<number> {
  const [dir = "counterexamples", ...extra] = args;
  if (extra.length > 0) return fail(badInput("counterexamples takes at most one folder").error);
  const entry = findSpec(DEFAULT_SPEC);
  if (!entry.ok) return fail(entry.error);
  mkdirSync(dir, { recursive: true });
  let missed = 0;
  for (const item of entry.value.catalog ?? []) {
    const resolved = resolveConfig({ spec: entry.value.name, config: item.configName, variant: item.variants });
    if (!resolved.ok) return fail(resolved.error);
    const { config } = resolved.value;
    const spec = entry.value.build(config);
    const result = await check(spec);
    if (result.verdict.kind !== "violation") {
      process.stderr.write(`${item.name}: NOT CAUGHT in ${item.configName} (${result.verdict.kind}): the model or a property is too weak\n`);
      missed++;
      continue;
    }
    const { trace, property, explanation } = result.verdict;
    const file: TraceFile = {
      format: TRACE_FORMAT,
      spec: entry.value.name,
      configName: `${item.configName} + ${item.variants.join(" + ")}`,
      config,
      property,
      explanation,
      steps: trace.steps.map((s) => s.label),
      ...(result.verdict.cost ? { minimized: minimizedNote(result.verdict.cost) } : {}),
    };
    const jsonPath = join(dir, `${item.name}.json`);
    writeFileSync(jsonPath, JSON.stringify(file, null, 2) + "\n");
    const states = [trace.initial, ...trace.steps.map((s) => s.state)];
    const markdown = counterexampleMarkdown({
      title: item.name,
      summary: item.summary,
      file,
      states,
      present: spec.present ?? ((s) => s),
      replayCommand: `npx tsx checker/cli.ts replay ${jsonPath}`,
      diagram: spec.diagram ? mermaidSequence(spec.diagram, trace.steps.map((s) => s.action), `${property}`) : undefined,
    });
    writeFileSync(join(dir, `${item.name}.md`), markdown);
    process.stdout.write(`${item.name.padEnd(24)} ${item.configName.padEnd(9)} ${property} in ${trace.steps.length} steps (${result.stats.distinct.toLocaleString("en-US")} states searched)\n`);
  }
  return missed === 0 ? EXIT.pass : EXIT.violation;
}
