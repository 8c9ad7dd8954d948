// Each message of a trace from its send to its end: delivered, dropped, lost
// (it vanished in a step that neither delivered nor dropped it, e.g. with a
// crashed node) or still in flight when the trace ends. Worked out from the
// messages in flight in each state, so it needs nothing of the protocol but
// the spec's `diagram` hook. Both diagrams draw arrows from these.

import type { Diagram, InFlight } from "./sequence-diagram.ts";

export type FlowEnd = "delivered" | "dropped" | "lost" | "in flight";

export interface MessageFlow {
  readonly message: InFlight;
  /** The step that sent it, counted from 1; 0 when it was in flight in the initial state. */
  readonly sent: number;
  /** The step that took it off the network; absent while it is still in flight. */
  readonly ended?: number;
  readonly end: FlowEnd;
}

const key = (m: InFlight) => `${m.from}\u0000${m.to}\u0000${m.text}`;

function counts(messages: readonly InFlight[]): Map<string, { message: InFlight; n: number }> {
  const out = new Map<string, { message: InFlight; n: number }>();
  for (const m of messages) out.set(key(m), { message: m, n: (out.get(key(m))?.n ?? 0) + 1 });
  return out;
}

/**
 * `states[i]` is the state after `actions[i - 1]`. Copies of one message are
 * matched first in, first out: the oldest copy is the one delivered.
 */
export function messageFlows<A, S>(diagram: Diagram<A, S>, actions: readonly A[], states: readonly S[]): MessageFlow[] {
  const inFlight = diagram.inFlight;
  if (inFlight === undefined || states.length === 0) return [];
  const flows: MessageFlow[] = [];
  const waiting = new Map<string, number[]>();
  const send = (m: InFlight, step: number) => {
    waiting.set(key(m), [...(waiting.get(key(m)) ?? []), step]);
  };
  const finish = (m: InFlight, step: number, end: FlowEnd) => {
    const [sent = 0, ...rest] = waiting.get(key(m)) ?? [];
    waiting.set(key(m), rest);
    flows.push({ message: m, sent, ended: step, end });
  };
  let before = counts(inFlight(states[0]!));
  for (const { message, n } of before.values()) for (let j = 0; j < n; j++) send(message, 0);
  for (let i = 1; i < states.length; i++) {
    const after = counts(inFlight(states[i]!));
    const drawn = diagram.step(actions[i - 1]!);
    const gone: InFlight[] = [];
    for (const [k, { message, n }] of before) for (let j = after.get(k)?.n ?? 0; j < n; j++) gone.push(message);
    // The step's own arrow accounts for one message between its two nodes (the one its text names, if several); the rest were lost.
    const candidates = drawn?.kind === "arrow" ? gone.filter((m) => m.from === drawn.from && m.to === drawn.to) : [];
    const named = candidates.find((m) => drawn!.text.includes(m.text)) ?? candidates[0];
    const own = named === undefined ? -1 : gone.indexOf(named);
    gone.forEach((m, j) => finish(m, i, j !== own ? "lost" : drawn?.kind === "arrow" && drawn.lost ? "dropped" : "delivered"));
    for (const [k, { message, n }] of after) for (let j = before.get(k)?.n ?? 0; j < n; j++) send(message, i);
    before = after;
  }
  for (const { message } of before.values()) for (const sent of waiting.get(key(message)) ?? []) flows.push({ message, sent, end: "in flight" });
  return flows.sort((a, b) => a.sent - b.sent || (a.ended ?? Infinity) - (b.ended ?? Infinity));
}

/** The messages lost in each step (index i: step i + 1), to name them in the step's note: what died with a crashed node. */
export function lostBy(flows: readonly MessageFlow[], steps: number): InFlight[][] {
  const out: InFlight[][] = Array.from({ length: steps }, () => []);
  for (const f of flows) if (f.end === "lost" && f.ended !== undefined) out[f.ended - 1]!.push(f.message);
  return out;
}
