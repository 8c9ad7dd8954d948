// The page's code, run in the browser: it rebuilds the spec from the
// configuration embedded in the page and replays the trace through the model
// itself, so every state shown, and every branch a student takes, comes from
// the same transition functions the checker explores.

import { SPECS } from "../cli/registry.ts";
import { diff, flatten } from "../trace/state-diff.ts";
import { stepByLabel } from "../trace/play.ts";
import type { AnySpec } from "../engine/spec.ts";
import { enabledActions } from "../engine/steps.ts";
import type { PageData } from "./page-data.ts";
import { sequenceSvg } from "./sequence-svg.ts";

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

function render(): void {
  const state = states[current];
  const failing = spec.invariants.filter((inv: { holds: (s: unknown) => boolean }) => !inv.holds(state));

  el("diagram").innerHTML = spec.diagram
    ? sequenceSvg(spec.diagram.participants, actions.map((a) => spec.diagram!.step(a)), current, failing.length > 0 && current === states.length - 1)
    : "";

  el("steps").innerHTML = ["initial state", ...labels]
    .map((label, i) => `<li data-step="${i}" class="${i === current ? "current" : i > current ? "later" : ""}">${i}. ${escape(label)}</li>`)
    .join("");

  const now = flatten(present(state));
  const changed = new Set(current === 0 ? [] : diff(present(states[current - 1]), present(state)).map((c) => c.path));
  el("state").innerHTML = [...now]
    .map(([path, value]) => `<tr class="${changed.has(path) ? "changed" : ""}"><th>${escape(path)}</th><td>${escape(value)}</td></tr>`)
    .join("");

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

el("title").textContent = data.title;
render();
