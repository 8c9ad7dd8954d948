// A counterexample as a Mermaid sequence diagram: one lifeline per node, an
// arrow per delivered message, faults as notes, the violation at the end.
// A dropped message is a crossed arrow and a duplicated one a note, so no
// arrow comes out of nowhere.

/** How one step of a trace is drawn, if at all (a spec says, through its `diagram` hook). */
export type DiagramStep =
  | { readonly kind: "arrow"; readonly from: string; readonly to: string; readonly text: string; readonly lost?: boolean }
  | { readonly kind: "note"; readonly over: readonly string[]; readonly text: string };

export interface Diagram<A> {
  /** The lifelines, in order. */
  readonly participants: readonly string[];
  readonly step: (action: A) => DiagramStep | undefined;
}

// Mermaid ends a statement at ";" (and reads "#name;" as an entity), and
// double quotes clash with its string delimiters.
const safe = (text: string) => text.replace(/;/g, ",").replace(/"/g, "'");

export function mermaidSequence<A>(diagram: Diagram<A>, actions: readonly A[], violation: string): string {
  const lines = ["sequenceDiagram", ...diagram.participants.map((p) => `  participant ${p}`)];
  for (const action of actions) {
    const step = diagram.step(action);
    if (step === undefined) continue;
    if (step.kind === "arrow") lines.push(`  ${step.from}${step.lost ? "-x" : "->>"}${step.to}: ${safe(step.text)}`);
    else lines.push(`  Note over ${step.over.join(",")}: ${safe(step.text)}`);
  }
  const all = diagram.participants;
  lines.push(`  Note over ${all[0]},${all[all.length - 1]}: VIOLATED: ${safe(violation)}`);
  return lines.join("\n");
}
