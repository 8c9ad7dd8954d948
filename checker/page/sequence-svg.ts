// The sequence diagram of a trace as SVG, for the page: one lifeline per
// node, one row per step that the spec draws (arrows for messages, boxes for
// notes), the current step highlighted. Pure string building: no DOM needed.

import type { DiagramStep } from "../trace/sequence-diagram.ts";

const COLUMN = 120;
const ROW = 26;
const TOP = 40;

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** `steps[i]` is how step i+1 is drawn, or undefined; `current` is the step shown (0 = initial state). */
export function sequenceSvg(participants: readonly string[], steps: readonly (DiagramStep | undefined)[], current: number, violated: boolean): string {
  const x = (node: string) => 60 + Math.max(0, participants.indexOf(node)) * COLUMN;
  const drawn = steps.map((s, i) => ({ s, i })).filter((d) => d.s !== undefined);
  const height = TOP + (drawn.length + 2) * ROW;
  const width = 60 + participants.length * COLUMN;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" class="sequence">`,
    `<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto" markerUnits="userSpaceOnUse"><path d="M0,0 L8,4 L0,8 z" fill="#333"/></marker></defs>`,
  ];
  for (const p of participants) {
    out.push(`<text x="${x(p)}" y="20" text-anchor="middle" class="node">${escape(p)}</text>`);
    out.push(`<line x1="${x(p)}" y1="28" x2="${x(p)}" y2="${height - 10}" class="lifeline"/>`);
  }
  drawn.forEach(({ s, i }, row) => {
    const y = TOP + row * ROW + ROW / 2;
    const cls = i + 1 === current ? "row current" : i + 1 > current ? "row later" : "row";
    out.push(`<g class="${cls}" data-step="${i + 1}">`);
    if (s!.kind === "arrow") {
      const [x1, x2] = [x(s!.from), x(s!.to)];
      out.push(`<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" class="${s!.lost ? "lost" : "message"}" marker-end="url(#arrow)"/>`);
      out.push(`<text x="${(x1 + x2) / 2}" y="${y - 4}" text-anchor="middle">${i + 1}. ${escape(s!.text)}</text>`);
    } else {
      const xs = s!.over.map(x);
      const middle = (Math.min(...xs) + Math.max(...xs)) / 2;
      const half = Math.max((Math.max(...xs) - Math.min(...xs)) / 2 + 50, (s!.text.length + 5) * 3.4);
      const [left, right] = [middle - half, middle + half];
      out.push(`<rect x="${left}" y="${y - 11}" width="${right - left}" height="18" class="note"/>`);
      out.push(`<text x="${(left + right) / 2}" y="${y + 2}" text-anchor="middle">${i + 1}. ${escape(s!.text)}</text>`);
    }
    out.push("</g>");
  });
  if (violated) {
    const y = TOP + drawn.length * ROW + ROW / 2;
    out.push(`<rect x="10" y="${y - 11}" width="${width - 20}" height="20" class="violation"/>`);
    out.push(`<text x="${width / 2}" y="${y + 3}" text-anchor="middle" class="violation-text">violation</text>`);
  }
  out.push("</svg>");
  return out.join("");
}
