import { describe, expect, it } from "vitest";
import type { MessageFlow } from "../trace/message-flow.ts";
import { sequenceSvg, wrap, type SequenceInput } from "./sequence-svg.ts";

const nodes = ["VS", "S1", "S2", "S3", "C1", "C2"];
const flow = (from: string, to: string, sent: number, end: MessageFlow["end"], ended?: number): MessageFlow => ({ message: { from, to, text: "Msg" }, sent, end, ...(ended === undefined ? {} : { ended }) });
const input: SequenceInput = {
  participants: nodes,
  labels: ["C1 sends Msg", "C1 → VS Msg", "crash S1", "drop S2 → S3 Msg"],
  steps: [undefined, { kind: "arrow", from: "C1", to: "VS", text: "Msg" }, { kind: "note", over: ["S1"], text: "CRASH (state lost)" }, { kind: "arrow", from: "S2", to: "S3", text: "DROPPED Msg", lost: true }],
  flows: [flow("C1", "VS", 1, "delivered", 2), flow("C2", "S1", 0, "lost", 3), flow("S2", "S3", 0, "dropped", 4), flow("VS", "C1", 2, "in flight")],
  current: 3,
  violation: "INV-1 at most one primary per view",
};
const numbers = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].map((m) => Number(m[1]));

describe("the page's sequence diagram", () => {
  it("marks a fault in red and an event that is no fault (a timer) apart", () => {
    const steps = [...input.steps.slice(0, 3), { kind: "note", over: ["VS"], text: "suspects S1", event: true } as const];
    const svg = sequenceSvg({ ...input, steps });
    expect(svg).toMatch(/<rect class="note" x="[\d.]+" y="[\d.]+" width/);
    expect(svg).toMatch(/<rect class="note event" x=/);
  });

  it("says a message in flight at the end of a path that may go on is not delivered yet, not never", () => {
    expect(sequenceSvg({ ...input, unfinished: true })).toContain("VS → C1 Msg: sent in step 2, not delivered yet: in flight where this path ends");
    expect(sequenceSvg(input)).toContain("VS → C1 Msg: sent in step 2, never delivered: still in flight at the end");
  });

  it("has one row per step, the initial state first, and one per message still in flight at the end", () => {
    const svg = sequenceSvg(input);
    expect([...svg.matchAll(/<g class="row[^"]*" data-step="(\d+)"/g)].map((m) => m[1])).toEqual(["0", "1", "2", "3", "4", "4", "4"]);
    expect(svg).toContain(">in flight at the end: VS → C1 Msg<");
    expect(svg).toContain(">3. crash S1 · lost with it: C2 → S1 Msg<");
    expect(svg).toContain("<title>CRASH (state lost)</title>");
  });

  it("draws a message from the row that sent it to the row that delivered it, and tells its story on hover", () => {
    const svg = sequenceSvg(input);
    expect(svg).toMatch(/<g class="flow delivered [^"]*" data-step="2"><title>C1 → VS Msg: sent in step 1, delivered in step 2<\/title><circle cx="(\d+)" cy="69"[^>]*\/><line x1="\1" y1="69" x2="30" y2="91"/);
    expect(svg).toContain("<title>S2 → S3 Msg: in flight in the initial state, dropped in step 4</title>");
    expect(svg).toMatch(/<g class="flow dropped [^"]*"[^>]*>.*?<path class="cross"/);
    // A cross stops short of the receiver, never on another node's lifeline.
    const lifelines = numbers(svg, /<line x1="(\d+)" y1="26"/g);
    const crosses = numbers(svg, /<path class="cross" d="M(\d+),/g).map((left) => left + 5);
    expect(crosses).toHaveLength(2);
    for (const c of crosses) expect(lifelines.every((l) => Math.abs(l - c) >= 10)).toBe(true);
    expect(svg).toMatch(/<g class="flow in-flight transit"[^>]*><title>VS → C1 Msg: sent in step 2, never delivered: still in flight at the end<\/title>.*?<circle class="open"/);
  });

  it("puts every word right of the last lifeline, and makes the picture wide enough for the longest", () => {
    const long = "S1 → S2 Forward(C1#1 Append x=1, view 2) ".repeat(5);
    const svg = sequenceSvg({ ...input, labels: [...input.labels.slice(0, 3), long] });
    const lifelines = numbers(svg, /<line x1="(\d+(?:\.\d+)?)" y1="26"/g);
    const words = numbers(svg, /<text x="(\d+(?:\.\d+)?)" y="\d+(?:\.\d+)?">/g);
    expect(lifelines).toHaveLength(nodes.length);
    expect(Math.min(...words)).toBeGreaterThan(Math.max(...lifelines));
    const width = numbers(svg, /<svg [^>]*width="(\d+)"/g)[0]!;
    expect(width).toBeGreaterThan(Math.min(...words) + (long.length + 3) * 6.7);
  });

  it("dims what comes after the step shown, and marks the message sent in it and those in the network at it", () => {
    const svg = sequenceSvg({ ...input, current: 1 });
    expect(svg).toContain('<g class="row later" data-step="2">');
    expect(svg).toContain('<g class="flow delivered current" data-step="2">');
    expect(svg).toContain('<g class="flow lost transit" data-step="3">');
    expect(svg).toContain('<g class="flow in-flight later" data-step="2">');
  });

  it("wraps rows to the width the page has, at spaces, cutting only a word longer than a line", () => {
    expect(wrap("crash S1 · lost with it: C2 → S1 Msg", 12)).toEqual(["crash S1 ·", "lost with", "it: C2 → S1", "Msg"]);
    expect(wrap("a abcdefghij b", 4)).toEqual(["a", "abcd", "efgh", "ij b"]);
    const narrow = sequenceSvg({ ...input, width: 500 });
    const width = numbers(narrow, /<svg [^>]*width="(\d+)"/g)[0]!;
    expect(width).toBeLessThanOrEqual(500);
    expect(narrow).toMatch(/<tspan x="\d+" dy="14">/);
  });
});
