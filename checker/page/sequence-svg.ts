// The sequence diagram of a trace as SVG, for the page, drawn as a Lamport
// diagram: one lifeline per node and one row per step, every step. A message
// is an arrow from the row that sent it to the row that delivered it, so one
// sent early and delivered late is seen to cross the steps between. A dropped
// or lost message ends in a cross where it left the network, one still in
// flight at the end in an open circle. Faults are marks on their lifelines.
// Every word sits in a column right of the last lifeline, so no label crosses
// a lifeline or starts left of the picture, and wraps to the page's width.
// Pure string building: no DOM needed.

import type { MessageFlow } from "../trace/message-flow.ts";
import { showInFlight, type DiagramStep } from "../trace/sequence-diagram.ts";

export interface SequenceInput {
  readonly participants: readonly string[];
  /** `labels[i]` names step i + 1, as the trace does. */
  readonly labels: readonly string[];
  /** How the spec draws each step, if at all. */
  readonly steps: readonly (DiagramStep | undefined)[];
  readonly flows: readonly MessageFlow[];
  /** The step shown; 0 is the initial state. */
  readonly current: number;
  /** What the last state violates, if it does. */
  readonly violation?: string;
  /** The width the page has for the picture; longer rows wrap. Without it, the picture is as wide as its longest row. */
  readonly width?: number;
  /** A lasso: after the last step the run goes back to the state after this many steps, forever (drawn as an arrow up the left edge). */
  readonly loop?: number;
  /** The path may go on (explore, or a branch): a message in flight at its end is not delivered yet, rather than never. */
  readonly unfinished?: boolean;
}

const ROW = 22;
/** Each further line of a wrapped row adds this much. */
const LINE = 14;
const TOP = 36;
/** About how wide a 13px bold node name is, per character. */
const NAME_CHAR = 8;
/** The fewest characters a row of words gets beside the lifelines, however narrow the page. */
const MIN_WORDS = 30;
/** About how wide 11px monospace text is, per character. */
const CHAR = 6.7;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function fate(f: MessageFlow, unfinished: boolean): string {
  const sent = f.sent === 0 ? "in flight in the initial state" : `sent in step ${f.sent}`;
  if (f.end === "in flight") return unfinished ? `${sent}, not delivered yet: in flight where this path ends` : `${sent}, never delivered: still in flight at the end`;
  return `${sent}, ${f.end} in step ${f.ended}`;
}

/** The row's words: its label and the messages lost in it; a fault note's own words go in its tooltip. */
function rowText(label: string, lost: readonly MessageFlow[]): string {
  return lost.length > 0 ? `${label} · lost with it: ${lost.map((f) => showInFlight(f.message)).join(", ")}` : label;
}

/** Text cut into lines of at most `max` characters, at spaces where it can be. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const joined = line === "" ? word : `${line} ${word}`;
    if (joined.length <= max) line = joined;
    else {
      if (line !== "") lines.push(line);
      let rest = word;
      for (; rest.length > max; rest = rest.slice(max)) lines.push(rest.slice(0, max));
      line = rest;
    }
  }
  return [...lines, line];
}

export function sequenceSvg(input: SequenceInput): string {
  const { participants, labels, steps, flows, current } = input;
  const nameWidth = (p: string) => p.length * NAME_CHAR + 8;
  // The first node's name is centred on its lifeline: the lifeline sits far enough in that the name is not cut.
  const left = Math.max(30, nameWidth(participants[0] ?? "") / 2 + 4);
  // Columns as wide as the names, but narrower when the page is, so a row of words still fits beside them.
  const wanted = Math.max(52, ...participants.map((p) => nameWidth(p) + 16));
  const fits = input.width === undefined || participants.length < 2 ? wanted : (input.width - left - 52 - MIN_WORDS * CHAR) / (participants.length - 1);
  const column = Math.max(40, Math.min(wanted, fits));
  // Names wider than their column alternate between two heights, so neighbours do not overlap.
  const stagger = participants.some((p) => nameWidth(p) > column - 6);
  const top = stagger ? TOP + 14 : TOP;
  const x = (node: string) => left + Math.max(0, participants.indexOf(node)) * column;
  const gutter = left + (participants.length - 1) * column + 36;
  const pending = flows.filter((f) => f.end === "in flight");
  // Each message never delivered ends in a row of its own below the last step (copies share one), so its arrow has room to show.
  const ending = [...new Set(pending.map((f) => showInFlight(f.message)))];
  const copies = (text: string) => pending.filter((f) => showInFlight(f.message) === text).length;
  const last = labels.length;
  const texts = [
    "0. initial state",
    ...labels.map((label, i) => `${i + 1}. ${rowText(label, flows.filter((f) => f.end === "lost" && f.ended === i + 1))}`),
    ...(input.loop === undefined ? [] : [input.loop === last ? "⟳ the run stays in this state forever: nothing fair is enabled" : `↺ back to the state after step ${input.loop}, and round again, forever`]),
    ...ending.map((text) => `in flight at the end: ${text}${copies(text) > 1 ? ` (${copies(text)} copies)` : ""}`),
    ...(input.violation === undefined ? [] : [`✗ ${input.loop === undefined ? "violated" : "never met on this fair run"}: ${input.violation}`]),
  ];
  // Words wrap to the width the page has, so none hides past its right edge.
  const maxChars = input.width === undefined ? Infinity : Math.max(MIN_WORDS, Math.floor((input.width - gutter - 16) / CHAR));
  const lines = texts.map((text) => wrap(text, maxChars));
  const tops = lines.reduce<number[]>((acc, l) => [...acc, acc[acc.length - 1]! + ROW + (l.length - 1) * LINE], [top]);
  const y = (row: number) => tops[row]! + ROW / 2;
  const width = Math.ceil(gutter + Math.max(...lines.flat().map((l) => l.length)) * CHAR + 16);
  const violationRow = input.violation === undefined ? -1 : texts.length - 1;
  const bottom = tops[violationRow === -1 ? texts.length : violationRow]!;
  // Rows below the last step tell how the path ends: shown once the path is stepped to its end.
  const position = (row: number) => (row === current ? "current" : Math.min(row, last) > current ? "later" : "");

  const out: string[] = [];
  lines.forEach((rowLines, row) => {
    const step = row === 0 || row > last ? undefined : steps[row - 1];
    const note = step?.kind === "note" ? `<title>${escape(step.text)}</title>` : "";
    const height = tops[row + 1]! - tops[row]!;
    const band = row === violationRow ? `<rect class="violation" x="2" y="${tops[row]! + 2}" width="${width - 4}" height="${height - 4}"/>` : `<rect class="band" x="0" y="${tops[row]}" width="${width}" height="${height}"/>`;
    const words = rowLines.map((line, i) => `<tspan x="${gutter}" dy="${i === 0 ? 0 : LINE}">${escape(line)}</tspan>`).join("");
    out.push(`<g class="row ${position(row)}" data-step="${Math.min(row, last)}">${note}${band}<text x="${gutter}" y="${y(row) + 4}"${row === violationRow ? ' class="violation-text"' : ""}>${words}</text>`);
    if (step?.kind === "note") {
      const xs = step.over.map(x);
      out.push(`<rect class="note${step.event ? " event" : ""}" x="${Math.min(...xs) - 8}" y="${y(row) - 6}" width="${Math.max(...xs) - Math.min(...xs) + 16}" height="12"/>`);
    }
    out.push("</g>");
  });
  participants.forEach((p, i) => {
    out.push(`<text x="${x(p)}" y="${stagger && i % 2 === 1 ? 32 : 18}" text-anchor="middle" class="node">${escape(p)}</text>`);
    out.push(`<line x1="${x(p)}" y1="${top - 10}" x2="${x(p)}" y2="${bottom}" class="lifeline"/>`);
  });
  const endingRow = last + 1 + (input.loop === undefined ? 0 : 1);
  for (const f of flows) out.push(flowSvg(f, x, y, y(endingRow + ending.indexOf(showInFlight(f.message))), current, input.unfinished ?? false));
  if (input.loop !== undefined && input.loop < last) {
    // The way back: from the last step's row up to the row the loop starts after, along the left edge.
    const [from, to] = [y(last), y(input.loop)];
    out.push(`<path class="loop-back" d="M${left - 12},${from} H6 V${to} H${left - 12}" marker-end="url(#arrow)"><title>${escape(`after step ${last} the run is back in the state after step ${input.loop}, forever`)}</title></path>`);
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${tops[texts.length]! + 10}" class="sequence">`,
    `<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto" markerUnits="userSpaceOnUse"><path d="M0,0 L8,4 L0,8 z" fill="#333"/></marker></defs>`,
    ...out,
    "</svg>",
  ].join("");
}

/** One message: a dot where it was sent, and its arrow to where it ended. */
function flowSvg(f: MessageFlow, x: (node: string) => number, y: (row: number) => number, endY: number, current: number, unfinished: boolean): string {
  const [x1, y1] = [x(f.message.from), y(f.sent)];
  const state = f.sent > current ? "later" : f.sent === current || f.ended === current ? "current" : f.ended === undefined || f.ended > current ? "transit" : "";
  const parts = [`<g class="flow ${f.end.replace(" ", "-")} ${state}" data-step="${f.ended ?? f.sent}"><title>${escape(`${showInFlight(f.message)}: ${fate(f, unfinished)}`)}</title>`, `<circle cx="${x1}" cy="${y1}" r="2.5"/>`];
  if (f.end === "delivered") {
    const [x2, y2] = [x(f.message.to), y(f.ended!)];
    // A message to its own sender would run along its lifeline: it bows out instead.
    parts.push(x1 === x2 ? `<path d="M${x1},${y1} C${x1 + 30},${y1} ${x2 + 30},${y2} ${x2},${y2}" marker-end="url(#arrow)"/>` : `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow)"/>`);
  } else {
    // Just short of the receiver's lifeline: headed there, never arrived (halfway could land on another node's lifeline).
    const to = x(f.message.to);
    const x2 = x1 === to ? x1 + 20 : to - Math.sign(to - x1) * 14;
    const y2 = f.ended === undefined ? endY : y(f.ended);
    parts.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"/>`);
    parts.push(f.ended === undefined ? `<circle class="open" cx="${x2}" cy="${y2}" r="4"/>` : `<path class="cross" d="M${x2 - 5},${y2 - 5} L${x2 + 5},${y2 + 5} M${x2 - 5},${y2 + 5} L${x2 + 5},${y2 - 5}"/>`);
  }
  parts.push("</g>");
  return parts.join("");
}
