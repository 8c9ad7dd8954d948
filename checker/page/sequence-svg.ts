// The sequence diagram of a trace as SVG, for the page: one lifeline per
// node, one row per step that the spec draws (arrows for messages, boxes for
// notes), the current step highlighted. Pure string building: no DOM needed.

import type { DiagramStep, InFlight } from "../trace/sequence-diagram.ts";

const COLUMN = 120;
const ROW = 26;
const TOP = 40;

/** About how wide 11px monospace text is, per character; labels are placed so that none is cut at the left. */
const CHAR = 6.7;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * `steps[i]` is how step i+1 is drawn, or undefined; `unsent[i]` the messages
 * step i+1 sent that are never delivered, drawn below it as lost arrows;
 * `current` is the step shown (0 = initial state).
 */
export function sequenceSvg(participants: readonly string[], steps: readonly (DiagramStep | undefined)[], current: number, violated: boolean, unsent: readonly (readonly InFlight[])[] = []): string {
  const x = (node: string) => 60 + Math.max(0, participants.indexOf(node)) * COLUMN;
  const drawn = steps.flatMap((s, i): { s: DiagramStep | undefined; i: number }[] => [
    { s, i },
    ...(unsent[i] ?? []).map((m) => ({ s: { kind: "arrow", from: m.from, to: m.to, text: `${m.text} (sent, never delivered)`, lost: true } as const, i })),
  ]).filter((d) => d.s !== undefined);
  const height = TOP + (drawn.length + 2) * ROW;
  let width = 60 + participants.length * COLUMN;
  // A label is centred on its arrow or note, moved right when it would start left of the edge; the picture widens to hold it.
  const label = (center: number, y: number, text: string) => {
    const half = (text.length * CHAR) / 2;
    const x0 = Math.max(center, half + 4);
    width = Math.max(width, Math.ceil(x0 + half + 4));
    return `<text x="${x0}" y="${y}" text-anchor="middle">${escape(text)}</text>`;
  };
  const out: string[] = [];
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
      out.push(label((x1 + x2) / 2, y - 4, `${i + 1}. ${s!.text}`));
    } else {
      const xs = s!.over.map(x);
      const middle = (Math.min(...xs) + Math.max(...xs)) / 2;
      const half = Math.max((Math.max(...xs) - Math.min(...xs)) / 2 + 50, (s!.text.length + 5) * 3.4);
      const left = Math.max(2, middle - half);
      const right = left + 2 * half;
      width = Math.max(width, Math.ceil(right + 2));
      out.push(`<rect x="${left}" y="${y - 11}" width="${right - left}" height="18" class="note"/>`);
      out.push(label((left + right) / 2, y + 2, `${i + 1}. ${s!.text}`));
    }
    out.push("</g>");
  });
  if (violated) {
    const y = TOP + drawn.length * ROW + ROW / 2;
    out.push(`<rect x="10" y="${y - 11}" width="${width - 20}" height="20" class="violation"/>`);
    out.push(`<text x="${width / 2}" y="${y + 3}" text-anchor="middle" class="violation-text">violation</text>`);
  }
  out.push("</svg>");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" class="sequence">`,
    `<defs><marker id="arrow" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto" markerUnits="userSpaceOnUse"><path d="M0,0 L8,4 L0,8 z" fill="#333"/></marker></defs>`,
    ...out,
  ].join("");
}
