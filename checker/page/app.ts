// The page's code, run in the browser: it rebuilds the spec from the
// configuration embedded in the page and replays the trace through the model
// itself, so every state shown, and every branch a student takes, comes from
// the same transition functions the checker explores.

import { SPECS } from "../cli/registry.ts";
import { diff, flatten } from "../trace/state-diff.ts";
import { stepByLabel } from "../trace/play.ts";
import type { AnySpec } from "../engine/spec.ts";
import { enabledActions } from "../engine/steps.ts";
import { TRACE_FORMAT } from "../trace/trace-file.ts";
import { DEADLOCK, explainEnd, propertyHolds } from "../trace/property-check.ts";
import type { PageData } from "./page-data.ts";
import { sequenceSvg } from "./sequence-svg.ts";
import { messageFlows } from "../trace/message-flow.ts";

const data = JSON.parse(document.getElementById("trace")!.textContent!) as PageData;
const entry = SPECS.find((s) => s.name === data.spec)!;
const spec: AnySpec = entry.build(entry.configSchema.parse(data.config));
const present = spec.present ?? ((s: unknown) => s);

// The path shown: states[i] is the state after i steps.
let labels: string[] = [];
let actions: unknown[] = [];
let states: unknown[] = [spec.initialStates()[0]];
let current = 0;

function take(label: string): boolean {
  const state = states[states.length - 1];
  const step = stepByLabel(spec, state, label);
  if (!step.ok) return false;
  labels.push(label);
  actions.push(step.action);
  states.push(step.state);
  return true;
}

for (const label of data.steps) if (!take(label)) break;
current = data.start === "end" ? states.length - 1 : 0;
// The trace the page was opened with, to come back to after branching.
const original = { labels: [...labels], actions: [...actions], states: [...states] };
const isOriginal = () => labels.length === original.labels.length && labels.every((l, i) => l === original.labels[i]);

type Inv = { name: string; holds: (s: unknown) => boolean; explain?: (s: unknown) => string };
const deadlocked = propertyHolds(spec, DEADLOCK)!;
/** What the state breaks, each with why: the invariants that fail, and a deadlock (nothing enabled, and not a proper end). */
const broken = (state: unknown): { name: string; explanation: string }[] => [
  ...(spec.invariants as Inv[]).filter((inv) => !inv.holds(state)).map((inv) => ({ name: inv.name, explanation: inv.explain?.(state) ?? "violated" })),
  ...(deadlocked(state) ? [] : [{ name: DEADLOCK, explanation: explainEnd(spec, DEADLOCK, state) }]),
];

const el = (id: string) => document.getElementById(id)!;
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function branch(label: string): void {
  labels = labels.slice(0, current);
  actions = actions.slice(0, current);
  states = states.slice(0, current + 1);
  take(label);
  current = states.length - 1;
  render();
}

function backToOriginal(): void {
  labels = [...original.labels];
  actions = [...original.actions];
  states = [...original.states];
  current = data.start === "end" ? states.length - 1 : 0;
  render();
}

/** The path shown as a trace file, when it ends in a violation: replay, minimize and view accept it. */
function traceFile(): string | undefined {
  const last = states[states.length - 1];
  const [first] = broken(last);
  const lasso = isOriginal() ? data.lasso : undefined;
  const breaks = lasso ?? (first === undefined ? undefined : { property: first.name, explanation: first.explanation });
  if (breaks === undefined) return undefined;
  const file = { format: TRACE_FORMAT, spec: data.spec, configName: data.configName ?? data.spec, config: data.config, property: breaks.property, explanation: breaks.explanation, steps: labels, ...(lasso === undefined ? {} : { loop: lasso.loop }) };
  return JSON.stringify(file, null, 2) + "\n";
}

/** The step after which the path first breaks the property: a branch may step on past a violation, and the bar must name where it began. */
function firstBreak(property: string): number {
  const last = states.length - 1;
  let first = last;
  while (first > 0 && broken(states[first - 1]).some((f) => f.name === property)) first--;
  return first;
}

/** The bar above the diagram: what the path's last state breaks, in words; the title says no more than that. */
function renderVerdict(): void {
  const last = states[states.length - 1];
  const failing = broken(last);
  const lasso = isOriginal() ? data.lasso : undefined;
  const bar = el("verdict");
  bar.className = failing.length > 0 || lasso !== undefined ? "violated" : "clean";
  bar.innerHTML = [
    ...(lasso === undefined ? [] : [`✗ <b>${escape(lasso.property)}</b> fails on a fair run: ${escape(lasso.explanation)}.`]),
    ...failing.map((f) => {
      const since = firstBreak(f.name);
      const still = since < labels.length ? ` (and still at step ${labels.length}, where this path ends)` : "";
      return `✗ <b>${escape(f.name)}</b> ${f.name === DEADLOCK ? "after" : "is violated after"} step ${since}${still}: ${escape(f.explanation)}`;
    }),
  ].join("<br>") || `No invariant is violated at the end of this path (${labels.length} steps), and it is not stuck.`;
  el("title").textContent = isOriginal() ? data.title : `a branch off: ${data.title}${failing.length > 0 ? "" : " (this branch violates nothing)"}`;
  (el("back") as HTMLButtonElement).hidden = isOriginal();
  const file = traceFile();
  const link = el("export") as HTMLAnchorElement;
  link.hidden = file === undefined;
  if (file !== undefined) link.href = `data:application/json;charset=utf-8,${encodeURIComponent(file)}`;
}

/** The state as one card per node (view service, servers, clients), then the network and the budgets. */
function renderCards(state: unknown): void {
  const now = flatten(present(state));
  const changed = new Set(current === 0 ? [] : diff(present(states[current - 1]), present(state)).map((c) => c.path));
  // In the order the spec presents them (view service, servers, clients, network, budgets), not alphabetical.
  const shown = present(state);
  const order = shown !== null && typeof shown === "object" ? Object.keys(shown) : [];
  const groups = new Map<string, [string, string][]>(order.map((key) => [key, []]));
  for (const [path, value] of now) {
    const dot = path.indexOf(".");
    const [group, field] = dot < 0 ? [path, ""] : [path.slice(0, dot), path.slice(dot + 1)];
    groups.set(group, [...(groups.get(group) ?? []), [field, value]]);
  }
  el("state").innerHTML = [...groups]
    .map(([group, fields]) => {
      if (fields.length === 0) return "";
      const rows = fields.map(([field, value]) => {
        const path = field === "" ? group : `${group}.${field}`;
        const help = spec.fieldHelp?.(path);
        // A group that is one value ("S1 = crashed", an empty network) has no field name to show.
        const shown = value === "{}" ? "none" : value;
        const cells = field === "" ? `<td colspan="2">${escape(shown)}</td>` : `<th>${escape(field)}</th><td>${escape(shown)}</td>`;
        return `<tr class="${changed.has(path) ? "changed" : ""}"${help ? ` title="${escape(help)}"` : ""}>${cells}</tr>`;
      });
      return `<section class="card"><h3>${escape(group)}</h3><table>${rows.join("")}</table></section>`;
    })
    .join("");
}

function render(): void {
  const state = states[current];
  renderVerdict();

  el("diagram").innerHTML = spec.diagram
    ? sequenceSvg({
        participants: spec.diagram.participants,
        // A step that changes nothing says why (a message to a crashed node is lost at once), or it would look like nothing happened.
        labels: labels.map((label, i) => {
          const why = diff(present(states[i]), present(states[i + 1])).length === 0 ? spec.whyNoChange?.(actions[i], states[i]) : undefined;
          return why === undefined ? label : `${label} · nothing changes: ${why}`;
        }),
        steps: actions.map((a) => spec.diagram!.step(a)),
        flows: messageFlows(spec.diagram, actions, states),
        current,
        violation: broken(states[states.length - 1])[0]?.name ?? (isOriginal() ? data.lasso?.property : undefined),
        unfinished: !isOriginal() || data.steps.length === 0,
        width: el("diagram").clientWidth,
        ...(isOriginal() && data.lasso !== undefined ? { loop: data.lasso.loop } : {}),
      })
    : "";

  // The diagram lists the steps itself; the plain list is for specs that draw none.
  el("steps-section").hidden = spec.diagram !== undefined;
  el("steps").innerHTML = ["initial state", ...labels]
    .map((label, i) => `<li data-step="${i}" class="${i === current ? "current" : i > current ? "later" : ""}">${i}. ${escape(label)}</li>`)
    .join("");

  renderCards(state);

  el("invariants").innerHTML = spec.invariants
    .map((inv: { name: string; holds: (s: unknown) => boolean; explain?: (s: unknown) => string }) =>
      inv.holds(state)
        ? `<li class="holds">✓ ${escape(inv.name)}</li>`
        : `<li class="violated">✗ ${escape(inv.name)}: ${escape(inv.explain?.(state) ?? "violated")}</li>`,
    )
    .join("");

  el("enabled").innerHTML = enabledActions(spec, state)
    .map((a: unknown) => `<li><button data-label="${escape(spec.label(a, state))}">${escape(spec.label(a, state))}</button></li>`)
    .join("");
  el("position").textContent = `step ${current} of ${labels.length}`;
}

function move(to: number): void {
  current = Math.max(0, Math.min(states.length - 1, to));
  render();
}

el("steps").addEventListener("click", (e) => {
  const item = (e.target as HTMLElement).closest("li");
  if (item) move(Number(item.dataset.step));
});
el("diagram").addEventListener("click", (e) => {
  const row = (e.target as Element).closest("g[data-step]") as SVGGElement | null;
  if (row) move(Number(row.dataset.step));
});
el("enabled").addEventListener("click", (e) => {
  const button = (e.target as HTMLElement).closest("button");
  if (button) branch(button.dataset.label!);
});
document.addEventListener("keydown", (e) => {
  if (e.key === "ArrowDown" || e.key === "j") move(current + 1);
  else if (e.key === "ArrowUp" || e.key === "k") move(current - 1);
  else if (e.key === "Home") move(0);
  else if (e.key === "End") move(states.length - 1);
  else return;
  e.preventDefault();
});

el("back").addEventListener("click", backToOriginal);
// The diagram's rows wrap to the width the page has.
window.addEventListener("resize", render);
el("export").setAttribute("download", "trace.json");
render();
