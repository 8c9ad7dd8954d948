// One entry of the counterexample catalog on disk: its trace file, and its
// page for people (a Mermaid diagram, then the table of steps), for a
// violation of an invariant and for a lasso alike.

import { join } from "node:path";
import type { AnySpec } from "../engine/spec.ts";
import type { Trace } from "../engine/trace.ts";
import { counterexampleMarkdown } from "../trace/counterexample-markdown.ts";
import { messageFlows } from "../trace/message-flow.ts";
import { mermaidSequence } from "../trace/sequence-diagram.ts";
import type { TraceFile } from "../trace/trace-file.ts";
import { writeOutput } from "./output.ts";
import { ok, type Result } from "./user-error.ts";

export interface CatalogEntryFiles {
  readonly dir: string;
  readonly name: string;
  readonly summary: string;
  readonly spec: AnySpec;
  readonly file: TraceFile;
  readonly trace: Trace<unknown, unknown>;
}

export function writeCatalogEntry({ dir, name, summary, spec, file, trace }: CatalogEntryFiles): Result<void> {
  const jsonPath = join(dir, `${name}.json`);
  const written = writeOutput(jsonPath, JSON.stringify(file, null, 2) + "\n", "trace file");
  if (!written.ok) return written;
  const states = [trace.initial, ...trace.steps.map((s) => s.state)];
  const actions = trace.steps.map((s) => s.action);
  const markdown = counterexampleMarkdown({
    title: name,
    summary,
    file,
    states,
    present: spec.present ?? ((s) => s),
    replayCommand: `npx splitbrain replay ${jsonPath}`,
    diagram: spec.diagram ? mermaidSequence(spec.diagram, actions, file.property, { states, loop: file.loop, labels: file.steps }) : undefined,
    flows: spec.diagram ? messageFlows(spec.diagram, actions, states) : [],
    whyNoChange: (i) => spec.whyNoChange?.(actions[i], states[i]),
  });
  const page = writeOutput(join(dir, `${name}.md`), markdown, "markdown");
  return page.ok ? ok(undefined) : page;
}
