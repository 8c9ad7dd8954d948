// splitbrain graph: the whole reachable state graph of a small configuration
// as a file, as TLC's -dump dot: DOT to draw with Graphviz, or JSON for a
// program. Every state as the spec presents it, every step with its label,
// initial states and those that break an invariant marked. No symmetry
// reduction: each state is drawn as it is.

import { z } from "zod";
import { fingerprint } from "../engine/fingerprint.ts";
import type { AnySpec } from "../engine/spec.ts";
import { steps } from "../engine/steps.ts";
import { flatten } from "../trace/state-diff.ts";
import { defaultOutput, writableFor, writeOutput } from "./output.ts";
import { DEFAULT_SPEC } from "./registry.ts";
import { parseFlags, resolveConfig } from "./shared.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

const flags = z.object({
  spec: z.string().default(DEFAULT_SPEC),
  config: z.string().optional(),
  variant: z.array(z.string()).default([]),
  set: z.array(z.string()).default([]),
  out: z.string().optional(),
  "max-states": z.coerce.number({ message: "--max-states takes a number" }).int().positive("--max-states must be positive").default(2000),
});

const OPTIONS = {
  spec: { type: "string" },
  config: { type: "string" },
  variant: { type: "string", multiple: true },
  set: { type: "string", multiple: true },
  out: { type: "string" },
  "max-states": { type: "string" },
} as const;

interface Graph {
  readonly states: { readonly id: number; readonly initial: boolean; readonly breaks: readonly string[]; readonly state: Readonly<Record<string, string>> }[];
  readonly edges: { readonly from: number; readonly to: number; readonly label: string }[];
}

/** Breadth first from the initial states; undefined past `limit` states. */
function reachable(spec: AnySpec, limit: number): Graph | undefined {
  const ids = new Map<string, number>();
  const states: unknown[] = [];
  const graph: Graph = { states: [], edges: [] };
  const idOf = (state: unknown, initial: boolean): number | undefined => {
    const fp = fingerprint(state);
    const key = `${fp.hi}:${fp.lo}`;
    const known = ids.get(key);
    if (known !== undefined) return known;
    if (states.length >= limit) return undefined;
    const id = states.length;
    ids.set(key, id);
    states.push(state);
    const breaks = spec.invariants.filter((inv: { holds: (s: unknown) => boolean }) => !inv.holds(state)).map((inv: { name: string }) => inv.name);
    graph.states.push({ id, initial, breaks, state: Object.fromEntries(flatten(spec.present ? spec.present(state) : state)) });
    return id;
  };
  for (const initial of spec.initialStates()) if (idOf(initial, true) === undefined) return undefined;
  for (let from = 0; from < states.length; from++) {
    const state = states[from];
    for (const step of steps(spec, state)) {
      const to = idOf(step.state, false);
      if (to === undefined) return undefined;
      graph.edges.push({ from, to, label: spec.label(step.action, state) });
    }
  }
  return graph;
}

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function dot(graph: Graph, title: string): string {
  const lines = [`digraph ${quote(title)} {`, "  node [shape=box, fontname=monospace, fontsize=9];", "  edge [fontname=monospace, fontsize=8];"];
  for (const s of graph.states) {
    const fields = Object.entries(s.state).map(([k, v]) => `${k}=${v}`);
    const label = [`#${s.id}${s.breaks.length > 0 ? ` breaks ${s.breaks.join(", ")}` : ""}`, ...fields].join("\\l") + "\\l";
    const style = [s.initial ? "peripheries=2" : "", s.breaks.length > 0 ? "color=red, fontcolor=red" : ""].filter(Boolean).join(", ");
    lines.push(`  s${s.id} [label=${quote(label).replace(/\\\\l/g, "\\l")}${style ? `, ${style}` : ""}];`);
  }
  for (const e of graph.edges) lines.push(`  s${e.from} -> s${e.to} [label=${quote(e.label)}];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}

export function runGraph(args: string[], usage: string, fail: (e: UserError) => number): number {
  const parsed = parseFlags(args, OPTIONS, flags, usage);
  if (!parsed.ok) return fail(parsed.error);
  const o = parsed.value.values;
  const resolved = resolveConfig(o);
  if (!resolved.ok) return fail(resolved.error);
  const { entry, config, configName } = resolved.value;
  const out = o.out ?? defaultOutput(`${entry.name}-${configName}`.replace(/[^\w.-]+/g, "-"), ".dot");
  if (!/\.(dot|json)$/.test(out)) return fail(badInput(`--out ${out}: name a .dot file (Graphviz) or a .json file`).error);
  const writable = writableFor(out, "--out");
  if (!writable.ok) return fail(writable.error);
  const spec = entry.build(config);
  const graph = reachable(spec, o["max-states"]);
  if (graph === undefined) {
    return fail(badInput(`${entry.name} [config ${configName}] has more than ${o["max-states"]} reachable states: too many to draw. Choose a smaller configuration, or raise --max-states (and write .json)`).error);
  }
  const text = out.endsWith(".json") ? JSON.stringify(graph) + "\n" : dot(graph, `${entry.name} ${configName}`);
  const written = writeOutput(out, text, "state graph");
  if (!written.ok) return fail(written.error);
  const bad = graph.states.filter((s) => s.breaks.length > 0).length;
  process.stdout.write(`wrote ${out}: ${graph.states.length} states, ${graph.edges.length} steps${bad > 0 ? `, ${bad} breaking an invariant (red)` : ""}\n`);
  return EXIT.pass;
}
