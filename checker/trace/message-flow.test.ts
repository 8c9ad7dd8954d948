import { describe, expect, it } from "vitest";
import { lostBy, messageFlows } from "./message-flow.ts";
import type { Diagram, DiagramStep, InFlight } from "./sequence-diagram.ts";

// A trace made of diagram steps themselves: each action is how it is drawn, each state the messages in flight.
type Step = DiagramStep | undefined;
const diagram: Diagram<Step, readonly InFlight[]> = { participants: ["A", "B", "C"], step: (s) => s, inFlight: (s) => s };
const m = (from: string, to: string, text: string): InFlight => ({ from, to, text });
const req = m("A", "B", "Req");
const rep = m("B", "A", "Rep");
const deliver = (x: InFlight): Step => ({ kind: "arrow", from: x.from, to: x.to, text: x.text });
const drop = (x: InFlight): Step => ({ kind: "arrow", from: x.from, to: x.to, text: `DROPPED ${x.text}`, lost: true });
const crash = (node: string): Step => ({ kind: "note", over: [node], text: "CRASH" });

describe("messageFlows", () => {
  it("follows a message from the step that sent it to the step that delivered it, across the steps between", () => {
    const flows = messageFlows(diagram, [undefined, undefined, deliver(req)], [[], [req], [req], [rep]]);
    expect(flows).toEqual([
      { message: req, sent: 1, ended: 3, end: "delivered" },
      { message: rep, sent: 3, end: "in flight" },
    ]);
  });

  it("tells a drop from a loss: a message that vanishes in a step that neither delivers nor drops it was lost", () => {
    const other = m("C", "B", "Ping");
    const flows = messageFlows(diagram, [drop(req), crash("B")], [[req, other], [other], []]);
    expect(flows).toEqual([
      { message: req, sent: 0, ended: 1, end: "dropped" },
      { message: other, sent: 0, ended: 2, end: "lost" },
    ]);
    expect(lostBy(flows, 2)).toEqual([[], [other]]);
  });

  it("delivers the oldest copy first, so a duplicate's copy starts at the duplicating step", () => {
    const dup: Step = { kind: "note", over: ["A"], text: "duplicate" };
    const flows = messageFlows(diagram, [undefined, dup, deliver(req)], [[], [req], [req, req], [req]]);
    expect(flows).toEqual([
      { message: req, sent: 1, ended: 3, end: "delivered" },
      { message: req, sent: 2, end: "in flight" },
    ]);
  });

  it("takes the message a step's arrow names when two leave between the same nodes in one step", () => {
    const other = m("A", "B", "Other");
    const flows = messageFlows(diagram, [deliver(other)], [[req, other], []]);
    expect(flows.find((f) => f.message === other)?.end).toBe("delivered");
    expect(flows.find((f) => f.message === req)?.end).toBe("lost");
  });

  it("draws nothing for a spec that does not say what is in flight", () => {
    expect(messageFlows({ participants: ["A"], step: () => undefined }, [undefined], [[], []])).toEqual([]);
  });
});
