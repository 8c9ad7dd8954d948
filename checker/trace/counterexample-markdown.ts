// A counterexample for a person: one line per step with only what changed,
// then the violated property in plain words.

import { diff, showChange } from "./state-diff.ts";
import type { TraceFile } from "./trace-file.ts";

export interface MarkdownInput {
  /** A Mermaid sequence diagram of the trace, drawn first. */
  readonly diagram?: string;
  readonly title: string;
  readonly summary: string;
  readonly file: TraceFile;
  readonly states: readonly unknown[];
  readonly present: (state: unknown) => unknown;
  readonly replayCommand: string;
}

// What a step sent, received or spent is already in its label.
const SAID_BY_LABEL = /^(in flight|faults left)\b/;

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function counterexampleMarkdown(input: MarkdownInput): string {
  const { file, states, present } = input;
  const lines = [
    `# ${input.title}`,
    "",
    `> ${input.summary}`,
    "",
    ...(input.diagram ? ["```mermaid", input.diagram, "```", ""] : []),
    `Configuration \`${file.configName}\` · violates **${file.property}** · ${file.steps.length} steps (a shortest counterexample)`,
    ...(file.minimized ? ["", file.minimized] : []),
    "",
    "| # | step | what changed |",
    "|---|---|---|",
  ];
  file.steps.forEach((label, i) => {
    const changes = diff(present(states[i]), present(states[i + 1]))
      .filter((c) => !SAID_BY_LABEL.test(c.path))
      .map((c) => showChange(c));
    lines.push(`| ${i + 1} | ${cell(label)} | ${cell(changes.join("; "))} |`);
  });
  lines.push("", `**${file.property} is violated:** ${file.explanation}.`, "", `Replay it: \`${input.replayCommand}\``, "");
  return lines.join("\n");
}
