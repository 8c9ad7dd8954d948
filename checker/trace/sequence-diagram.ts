// A counterexample as a Mermaid sequence diagram: one lifeline per node, an
// arrow per delivered message, a dotted crossed arrow where a message that
// never arrives was sent, faults as notes, the violation at the end.
// A dropped message is a crossed arrow and a duplicated one a note, so no
// arrow comes out of nowhere. Mermaid draws arrows level, so where the page
// slants an arrow from its send to its delivery, this one says "sent in N".

import { messageFlows } from "./message-flow.ts";

// The hook a spec gives to be drawn belongs to the spec's interface (engine/).
export type { Diagram, DiagramStep, InFlight } from "../engine/diagram-hook.ts";
import type { Diagram, InFlight } from "../engine/diagram-hook.ts";

// Mermaid ends a statement at ";" (and reads "#name;" as an entity), and
// double quotes clash with its string delimiters.
const safe = (text: string) => text.replace(/;/g, ",").replace(/"/g, "'");

/** A message in flight as every view of a trace writes it: "S1 → S2 Forward(...)". */
export const showInFlight = (m: InFlight) => `${m.from} → ${m.to} ${m.text}`;

export interface MermaidOptions<S> {
  /** The trace's states, initial first: with them, messages are followed from send to end. */
  readonly states?: readonly S[];
  /** A lasso's loop: the state (after this many steps) the run goes back to after the last step. */
  readonly loop?: number;
  /** The steps' labels: a step in a loop that draws nothing is then a note, so the loop is never empty. */
  readonly labels?: readonly string[];
}

/**
 * With the trace's states, each arrow says the step that sent its message, a
 * message never delivered is drawn where it was sent, and a note names the
 * messages lost in its step (those to a crashed node). Labels carry step
 * numbers, to match the table beside them. A lasso's loop is a loop block.
 */
export function mermaidSequence<A, S>(diagram: Diagram<A, S>, actions: readonly A[], violation: string, options: MermaidOptions<S> = {}): string {
  const { states, loop, labels } = options;
  const lines = ["sequenceDiagram", ...diagram.participants.map((p) => `  participant ${p}`)];
  const flows = states ? messageFlows(diagram, actions, states) : [];
  const sentAt = new Map(flows.filter((f) => f.end === "delivered" || f.end === "dropped").map((f) => [f.ended!, f.sent]));
  const all = diagram.participants;
  actions.forEach((action, i) => {
    const n = i + 1;
    // A lasso's loop is a Mermaid loop block: the steps in it repeat forever.
    if (i === loop) lines.push(`  loop forever, from the state after step ${loop}`);
    const step = diagram.step(action);
    const lost = flows.filter((f) => f.end === "lost" && f.ended === n).map((f) => showInFlight(f.message));
    const lostText = lost.length > 0 ? ` · lost with it: ${lost.join(", ")}` : "";
    const sent = sentAt.get(n);
    const sentText = sent === undefined ? "" : sent === 0 ? " · in flight from the start" : ` · sent in ${sent}`;
    if (step?.kind === "arrow") lines.push(`  ${step.from}${step.lost ? "-x" : "->>"}${step.to}: ${safe(`${n}. ${step.text}${sentText}${lostText}`)}`);
    else if (step?.kind === "note") lines.push(`  Note over ${step.over.join(",")}: ${safe(`${n}. ${step.text}${lostText}`)}`);
    else if (lost.length > 0) lines.push(`  Note over ${diagram.participants[0]}: ${safe(`${n}.${lostText}`)}`);
    else if (loop !== undefined && i >= loop && labels?.[i] !== undefined) lines.push(`  Note over ${all[0]},${all[all.length - 1]}: ${safe(`${n}. ${labels[i]}`)}`);
    for (const f of flows) if (f.sent === n && f.end === "in flight") lines.push(`  ${f.message.from}--x${f.message.to}: ${safe(`${n}. ${f.message.text} (sent, never delivered)`)}`);
  });
  if (loop !== undefined && loop < actions.length) lines.push("  end");
  if (loop === actions.length) lines.push(`  Note over ${all[0]},${all[all.length - 1]}: nothing fair is enabled: the run stays here forever`);
  lines.push(`  Note over ${all[0]},${all[all.length - 1]}: ${loop === undefined ? "VIOLATED" : "NEVER MET"}: ${safe(violation)}`);
  return lines.join("\n");
}
