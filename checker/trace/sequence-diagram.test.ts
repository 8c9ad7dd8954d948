import { describe, expect, it } from "vitest";
import { mermaidSequence, type Diagram, type DiagramStep, type InFlight } from "./sequence-diagram.ts";

type Step = DiagramStep | undefined;
const diagram: Diagram<Step, readonly InFlight[]> = { participants: ["A", "B", "C"], step: (s) => s, inFlight: (s) => s };
const req: InFlight = { from: "A", to: "B", text: "Req" };
const ping: InFlight = { from: "C", to: "B", text: "Ping" };

describe("the Mermaid diagram of a trace", () => {
  it("numbers each arrow by its step and says which step sent its message", () => {
    const lines = mermaidSequence(diagram, [undefined, undefined, { kind: "arrow", from: "A", to: "B", text: "Req" }], "INV-9", { states: [[], [req], [req], []] }).split("\n");
    expect(lines).toContain("  A->>B: 3. Req · sent in 1");
    expect(lines.at(-1)).toBe("  Note over A,C: VIOLATED: INV-9");
  });

  it("names in a crash's note the messages that died with the node, and draws one never delivered where it was sent", () => {
    const crash: Step = { kind: "note", over: ["B"], text: "CRASH" };
    const lines = mermaidSequence(diagram, [undefined, crash], "INV-9", { states: [[ping], [ping, req], []] }).split("\n");
    expect(lines).toContain("  Note over B: 2. CRASH · lost with it: C → B Ping, A → B Req");
    const kept = mermaidSequence(diagram, [undefined], "INV-9", { states: [[], [req]] }).split("\n");
    expect(kept).toContain("  A--xB: 1. Req (sent, never delivered)");
  });

  it("draws a lasso's loop as a loop block, with a note for each step in it that draws nothing", () => {
    const deliver: Step = { kind: "arrow", from: "A", to: "B", text: "Req" };
    const lines = mermaidSequence(diagram, [undefined, deliver, undefined], "LIVE-9", { states: [[], [req], [], []], loop: 1, labels: ["A sends Req", "A → B Req", "A waits"] }).split("\n");
    expect(lines.slice(4)).toEqual(["  loop forever, from the state after step 1", "  A->>B: 2. Req · sent in 1", "  Note over A,C: 3. A waits", "  end", "  Note over A,C: NEVER MET: LIVE-9"]);
    const stays = mermaidSequence(diagram, [undefined], "LIVE-9", { states: [[], []], loop: 1 }).split("\n");
    expect(stays.slice(-2)).toEqual(["  Note over A,C: nothing fair is enabled: the run stays here forever", "  Note over A,C: NEVER MET: LIVE-9"]);
  });
});
