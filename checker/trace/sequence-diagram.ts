// A counterexample as a Mermaid sequence diagram: one lifeline per node, an
// arrow per delivered message, a dotted crossed arrow where a message that
// never arrives was sent, faults as notes, the violation at the end.
// A dropped message is a crossed arrow and a duplicated one a note, so no
// arrow comes out of nowhere.

/** How one step of a trace is drawn, if at all (a spec says, through its `diagram` hook). */
export type DiagramStep =
  | { readonly kind: "arrow"; readonly from: string; readonly to: string; readonly text: string; readonly lost?: boolean }
  | { readonly kind: "note"; readonly over: readonly string[]; readonly text: string };

export interface Diagram<A, S = unknown> {
  /** The lifelines, in order. */
  readonly participants: readonly string[];
  readonly step: (action: A) => DiagramStep | undefined;
  /** Optional: the messages in flight in a state, so a message sent and never delivered can be drawn too. */
  readonly inFlight?: (state: S) => readonly InFlight[];
}

export interface InFlight {
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

// Mermaid ends a statement at ";" (and reads "#name;" as an entity), and
// double quotes clash with its string delimiters.
const safe = (text: string) => text.replace(/;/g, ",").replace(/"/g, "'");

/**
 * For each step, the messages it sent that are still in flight at the end:
 * a message is drawn when delivered, so these would appear nowhere. Of
 * several sends of one message, the last ones are those never delivered.
 */
export function neverDelivered<S>(inFlight: (state: S) => readonly InFlight[], states: readonly S[]): InFlight[][] {
  const key = (m: InFlight) => `${m.from}\u0000${m.to}\u0000${m.text}`;
  const counts = (state: S) => {
    const out = new Map<string, { message: InFlight; n: number }>();
    for (const m of inFlight(state)) out.set(key(m), { message: m, n: (out.get(key(m))?.n ?? 0) + 1 });
    return out;
  };
  const perState = states.map(counts);
  const byStep: InFlight[][] = states.slice(1).map(() => []);
  for (const [k, { message, n }] of perState[perState.length - 1]!) {
    const sends: number[] = [];
    for (let i = 1; i < perState.length; i++) {
      const added = (perState[i]!.get(k)?.n ?? 0) - (perState[i - 1]!.get(k)?.n ?? 0);
      for (let j = 0; j < added; j++) sends.push(i - 1);
    }
    for (const step of sends.slice(-n)) byStep[step]!.push(message);
  }
  return byStep;
}

/** `states` are the trace's states, initial first: with them, messages never delivered are drawn where they were sent. */
export function mermaidSequence<A, S>(diagram: Diagram<A, S>, actions: readonly A[], violation: string, states?: readonly S[]): string {
  const lines = ["sequenceDiagram", ...diagram.participants.map((p) => `  participant ${p}`)];
  const unsent = diagram.inFlight && states ? neverDelivered(diagram.inFlight, states) : [];
  actions.forEach((action, i) => {
    const step = diagram.step(action);
    if (step?.kind === "arrow") lines.push(`  ${step.from}${step.lost ? "-x" : "->>"}${step.to}: ${safe(step.text)}`);
    else if (step?.kind === "note") lines.push(`  Note over ${step.over.join(",")}: ${safe(step.text)}`);
    for (const m of unsent[i] ?? []) lines.push(`  ${m.from}--x${m.to}: ${safe(m.text)} (sent, never delivered)`);
  });
  const all = diagram.participants;
  lines.push(`  Note over ${all[0]},${all[all.length - 1]}: VIOLATED: ${safe(violation)}`);
  return lines.join("\n");
}
