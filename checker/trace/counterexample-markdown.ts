// A counterexample for a person: one line per step with only what changed,
// then the violated property in plain words.

import { diff, flatten, showChange, type Change } from "./state-diff.ts";
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

// What a step spent is in its label; what it did to the messages in flight is said in words below.
const SAID_BY_LABEL = /^(in flight|faults left)\b/;
const IN_FLIGHT = "in flight.";

/** "S1 → S2 Forward(...)" as its parts, to tell whether a step's label already names the message. */
const messageParts = (message: string) => /^(\S+) → (\S+) (.*)$/.exec(message);

/**
 * What a step did to the messages in flight, in words: each message it sent,
 * and each that vanished other than by the delivery or drop its label names
 * (a crash takes the messages to the node with it). Sent and never delivered
 * is then visible, which a table of deliveries alone would hide.
 */
function messageWords(label: string, changes: readonly Change[]): string[] {
  return changes.flatMap((c) => {
    if (!c.path.startsWith(IN_FLIGHT)) return [];
    const message = c.path.slice(IN_FLIGHT.length);
    const delta = Number(c.after ?? 0) - Number(c.before ?? 0);
    const parts = messageParts(message);
    const sendLabel = parts === null ? undefined : `${parts[1]} sends ${parts[3]} to ${parts[2]}`;
    if (delta > 0) return label === sendLabel || label === `duplicate ${message}` ? [] : [`sends ${message}`];
    return label === message || label === `drop ${message}` ? [] : [`lost: ${message}`];
  });
}

/** Messages still in flight after the last step: sent, and never delivered. */
function undelivered(last: unknown): string[] {
  return [...flatten(last)].filter(([path]) => path.startsWith(IN_FLIGHT)).map(([path, count]) => `${path.slice(IN_FLIGHT.length)}${count === "1" ? "" : ` (×${count})`}`);
}

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
    const all = diff(present(states[i]), present(states[i + 1]));
    const changes = [...messageWords(label, all), ...all.filter((c) => !SAID_BY_LABEL.test(c.path)).map((c) => showChange(c))];
    lines.push(`| ${i + 1} | ${cell(label)} | ${cell(changes.join("; "))} |`);
  });
  const pending = undelivered(present(states[states.length - 1]));
  if (pending.length > 0) lines.push("", `Sent and never delivered (still in flight at the end): ${pending.join("; ")}.`);
  lines.push("", `**${file.property} is violated:** ${file.explanation}.`, "", `Replay it: \`${input.replayCommand}\``, "");
  return lines.join("\n");
}
