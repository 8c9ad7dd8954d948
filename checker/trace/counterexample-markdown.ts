// A counterexample for a person: one line per step with only what changed,
// then the violated property in plain words.

import type { MessageFlow } from "./message-flow.ts";
import { showInFlight } from "./sequence-diagram.ts";
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
  /** The trace's messages, from send to end (`message-flow.ts`); none when the spec does not say what is in flight. */
  readonly flows: readonly MessageFlow[];
  readonly replayCommand: string;
  /** Why step i (from 0) changes nothing, in words, if the spec says (its whyNoChange hook). */
  readonly whyNoChange?: (step: number) => string | undefined;
}

// What a step spent is in its label. (A name of the protocol's presentation: a
// spec without that group loses nothing, its budgets are then listed.)
const SAID_BY_LABEL = /^faults left\b/;

/**
 * What a step did to the messages in flight, in words: each message it sent
 * that its label does not already name, and each that was lost in it (a
 * crash takes the messages to the node with it). Sent and never delivered is
 * then visible, which a table of deliveries alone would hide.
 */
function messageWords(step: number, label: string, flows: readonly MessageFlow[]): string[] {
  const sent = flows.filter((f) => f.sent === step && !label.includes(f.message.text)).map((f) => `sends ${showInFlight(f.message)}`);
  const lost = flows.filter((f) => f.end === "lost" && f.ended === step).map((f) => `lost: ${showInFlight(f.message)}`);
  return [...sent, ...lost];
}

/** A state change that the message words already say: one whose path names a message. */
const aboutAMessage = (path: string, flows: readonly MessageFlow[]) => flows.some((f) => path.includes(showInFlight(f.message)));

/** "10 steps, then a loop of 1 step, forever", or "4 steps, then it stays put, forever". */
const lassoShape = (steps: number, loop: number) =>
  loop === steps ? `${steps} steps, then the run stays in its last state forever` : `${loop} steps, then a loop of ${steps - loop} ${steps - loop === 1 ? "step" : "steps"}, forever`;

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function counterexampleMarkdown(input: MarkdownInput): string {
  const { file, states, present } = input;
  const lines = [
    `# ${input.title}`,
    "",
    `> ${input.summary}`,
    "",
    ...(input.diagram ? ["```mermaid", input.diagram, "```", ""] : []),
    file.loop === undefined
      ? `Configuration \`${file.configName}\` · violates **${file.property}** · ${file.steps.length} steps (a shortest counterexample)`
      : `Configuration \`${file.configName}\` · **${file.property}** fails on a fair run · a lasso: ${lassoShape(file.steps.length, file.loop)}`,
    ...(file.minimized ? ["", file.minimized] : []),
    "",
    "| # | step | what changed |",
    "|---|---|---|",
  ];
  file.steps.forEach((label, i) => {
    const changes = diff(present(states[i]), present(states[i + 1])).filter((c) => !SAID_BY_LABEL.test(c.path) && !aboutAMessage(c.path, input.flows));
    const words = [...messageWords(i + 1, label, input.flows), ...changes.map((c) => showChange(c))];
    const why = words.length === 0 && diff(present(states[i]), present(states[i + 1])).length === 0 ? input.whyNoChange?.(i) : undefined;
    if (why !== undefined) words.push(`nothing changes: ${why}`);
    if (i === file.loop) lines.push(`| ↺ | *from here the run loops forever* | |`);
    lines.push(`| ${i + 1} | ${cell(label)} | ${cell(words.join("; "))} |`);
  });
  if (file.loop !== undefined) {
    lines.push(
      "",
      file.loop === file.steps.length
        ? `⟳ After step ${file.steps.length} nothing fair is enabled: the run stays in that state forever.`
        : `↺ After step ${file.steps.length} the run is back in the state after step ${file.loop}, and goes round again, forever.`,
    );
  }
  const pending = new Map<string, number>();
  for (const f of input.flows) if (f.end === "in flight") pending.set(showInFlight(f.message), (pending.get(showInFlight(f.message)) ?? 0) + 1);
  if (pending.size > 0) lines.push("", `Sent and never delivered (still in flight at the end): ${[...pending].map(([m, n]) => (n === 1 ? m : `${m} (×${n})`)).join("; ")}.`);
  lines.push("", `**${file.property} ${file.loop === undefined ? "is violated" : "fails"}:** ${file.explanation}.`, "", `Replay it: \`${input.replayCommand}\``, "");
  return lines.join("\n");
}
