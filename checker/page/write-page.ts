// Build the self-contained HTML page: the model and the page's code bundled
// into one script, the trace as JSON, the styles inline. It opens from disk,
// with no server and no network.

import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import type { PageData } from "./page-data.ts";

/** The page's styles; the browser test lays a bare diagram out with them too. */
export const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 1fr 420px; height: 100vh; }
main { overflow: auto; padding: 12px; } aside { overflow: auto; padding: 12px; border-left: 1px solid #ccc; background: #fafafa; }
h1 { font-size: 18px; margin: 0 0 8px; } h2 { font-size: 14px; margin: 14px 0 4px; }
#steps { font-family: ui-monospace, monospace; font-size: 12px; padding-left: 0; list-style: none; }
#steps li { cursor: pointer; padding: 1px 4px; } #steps li.current { background: #ffe58a; } #steps li.later { color: #999; }
table { border-collapse: collapse; font-family: ui-monospace, monospace; font-size: 12px; width: 100%; }
th { text-align: left; font-weight: normal; color: #555; padding-right: 8px; } tr.changed { background: #ffe58a; font-weight: bold; }
#invariants { list-style: none; padding: 0; } .holds { color: #1a7f37; } .violated { color: #c00; font-weight: bold; }
#enabled { list-style: none; padding: 0; } #enabled button { font: 12px ui-monospace, monospace; margin: 1px 0; text-align: left; width: 100%; }
#verdict { padding: 6px 8px; margin-bottom: 8px; border-radius: 4px; overflow-wrap: anywhere; } #verdict.violated { background: #fdd; color: #900; } #verdict.clean { background: #e6f4ea; color: #1a7f37; }
.card { border: 1px solid #ddd; border-radius: 4px; background: #fff; margin: 0 0 6px; padding: 4px 6px; } .card h3 { font-size: 13px; margin: 0 0 2px; }
.card td { overflow-wrap: anywhere; } .card tr[title] th { text-decoration: underline dotted; cursor: help; }
#diagram { overflow-x: auto; } .legend { color: #555; font-size: 12px; margin: 2px 0; }
svg text { font: 11px ui-monospace, monospace; } svg .node { font-weight: bold; font-size: 13px; }
.lifeline { stroke: #bbb; stroke-dasharray: 4 3; } .note { fill: #fdd; stroke: #c00; } .note.event { fill: #e3ecfb; stroke: #1565c0; }
.legend .mark { display: inline-block; width: 14px; height: 8px; border: 1px solid #c00; background: #fdd; vertical-align: middle; } .legend .mark.event { border-color: #1565c0; background: #e3ecfb; }
.row { cursor: pointer; } .row .band { fill: transparent; } .row.current .band { fill: #ffe58a; } .row.later text { fill: #999; } .row.current text { font-weight: bold; fill: #000; }
.flow { cursor: pointer; stroke: #333; fill: none; stroke-width: 1.3; } .flow circle { fill: #333; } .flow.later { opacity: 0.2; }
.flow.current { stroke-width: 2.5; } .flow.transit { stroke: #1565c0; } .flow.transit circle { fill: #1565c0; }
.flow.dropped, .flow.lost, .flow.in-flight { stroke: #c00; stroke-dasharray: 4 3; } .flow .cross { stroke-dasharray: none; stroke-width: 2; } .flow circle.open { fill: #fff; stroke-dasharray: none; }
.loop-back { fill: none; stroke: #b26a00; stroke-width: 2; } .violation { fill: #fdd; stroke: #c00; } .violation-text { fill: #c00; font-weight: bold; }
`;

const BODY = `
<main>
  <h1 id="title"></h1>
  <div id="verdict"></div>
  <p><button id="back" hidden>back to the original trace</button> <a id="export" hidden>export this path as a trace file</a></p>
  <p><span id="position"></span> · ↑/↓ or k/j move, Home/End jump; click a step or an arrow.</p>
  <div id="diagram"></div>
  <p class="legend">An arrow runs from the step that sent a message to the step that delivered it; blue: in the network at this step; red, dashed: dropped (✕), lost with a crash (✕) or never delivered (○). <span class="mark"></span> a fault on a node's lifeline (a crash, a restart, a cut, a duplicate); <span class="mark event"></span> an event that is no fault (the view service suspects a server: a timer). Hover an arrow or a mark for its story.</p>
  <section id="steps-section"><h2>Steps</h2><ol id="steps"></ol></section>
</main>
<aside>
  <h2>Invariants in this state</h2><ul id="invariants"></ul>
  <h2>Enabled here: take one to branch</h2><ul id="enabled"></ul>
  <h2>State by node (changed fields highlighted; hover a field for its meaning)</h2><div id="state"></div>
</aside>`;

export async function pageHtml(data: PageData): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./app.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "silent",
  });
  const script = bundle.outputFiles[0]!.text;
  // "<" escaped so no string in the data can close the script element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${data.title.replace(/</g, "&lt;")} · splitbrain</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<style>${STYLE}</style></head>
<body>${BODY}
<script id="trace" type="application/json">${json}</script>
<script>${script.replace(/<\/script/gi, "<\\/script")}</script>
</body></html>
`;
}
