// How a spec says its traces are drawn (its optional `diagram` hook): who the
// lifelines are, how a step is drawn, and what is in flight in a state. Part
// of the spec's interface; trace/ and page/ do the drawing.

/** How one step of a trace is drawn, if at all (a spec says, through its `diagram` hook). */
export type DiagramStep =
  | { readonly kind: "arrow"; readonly from: string; readonly to: string; readonly text: string; readonly lost?: boolean }
  /** A mark on lifelines: a fault (red) unless `event`, such as a timer going off (blue). */
  | { readonly kind: "note"; readonly over: readonly string[]; readonly text: string; readonly event?: boolean };

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
