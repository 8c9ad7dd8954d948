// The committed catalog can never drift from the model: every trace file
// replays to the violation it records, in the number of steps it records.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTraceFile } from "../checker/cli/replay.ts";
import { replayLabels, violates } from "../checker/trace/trace-file.ts";
import { catalogTable, committedSteps, TABLE_END, TABLE_START } from "../checker/cli/catalog-page.ts";
import { findSpec } from "../checker/cli/shared.ts";
import { FINISHED_CATALOG } from "../model/variant-catalog.ts";
import { EXPECTED_LIVENESS_FAILURES } from "../model/liveness.ts";
import { lassoTraceProblem } from "../checker/engine/liveness/lasso-trace.ts";

const dir = import.meta.dirname;
// Drafts (`splitbrain new variant`) join the catalog once finished.
const VARIANTS = FINISHED_CATALOG.map((e) => e.variant);
const STUCK = EXPECTED_LIVENESS_FAILURES.map((e) => e.name);
const ENTRIES = [...VARIANTS, ...STUCK];
// Other specs keep their catalogs in folders of their own (raft/), with their own tests.
const files = readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name);

describe("the counterexample catalog", () => {
  it("has one entry per variant and per expected liveness failure, each with a trace file and a page for people", () => {
    const missing = ENTRIES.filter((v) => !files.includes(`${v}.json`) || !files.includes(`${v}.md`));
    const expected = new Set([...ENTRIES.flatMap((v) => [`${v}.json`, `${v}.md`]), "catalog.test.ts"]);
    const stray = files.filter((f) => !expected.has(f));
    const fix = [
      missing.length > 0 ? `run npm run counterexamples -- ${missing.join(" ")}` : "",
      stray.length > 0 ? `delete ${stray.map((f) => `counterexamples/${f}`).join(", ")}, which no catalog entry accounts for` : "",
    ]
      .filter((line) => line !== "")
      .join("; ");
    expect({ missing, stray }, fix).toEqual({ missing: [], stray: [] });
  });

  it.each(STUCK)("%s.json is a lasso of at most 20 steps that still replays, closes its loop, and is fair", (name) => {
    const loaded = readTraceFile(join(dir, `${name}.json`));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file, spec } = loaded.value;
    const fix = `counterexamples/${name}.json is stale: run npm run counterexamples -- ${name}`;
    const replay = replayLabels(spec, file.steps);
    if (!replay.ok) throw new Error(`step ${replay.step} "${replay.label}" no longer applies; ${fix}`);
    expect(file.steps.length).toBeLessThanOrEqual(20);
    const property = spec.liveness!.find((p: { name: string }) => p.name === file.property)!;
    const [initial, ...rest] = replay.states;
    const trace = { initialIndex: 0, initial, steps: rest.map((state, i) => ({ actionIndex: -1, action: replay.actions[i], label: file.steps[i]!, state })) };
    expect(lassoTraceProblem(spec, property, { trace, loopFrom: file.loop! }), fix).toBeUndefined();
    const page = readFileSync(join(dir, `${name}.md`), "utf8");
    expect(page).toContain(`  loop forever, from the state after step ${file.loop}\n`);
    expect(page).toContain(`| ↺ | *from here the run loops forever* | |\n| ${file.loop! + 1} |`);
  });

  it("is listed in spec/variants.md, one row per variant, as its traces say", () => {
    const entry = findSpec("primary-backup");
    if (!entry.ok) throw new Error(entry.error.message);
    const { catalog, catalogPage } = entry.value;
    const page = readFileSync(join(dir, "..", catalogPage!.file), "utf8");
    const table = page.slice(page.indexOf(TABLE_START) + TABLE_START.length, page.indexOf(TABLE_END)).trim();
    expect(table, "spec/variants.md's table is stale: run npm run counterexamples").toBe(catalogTable(catalogPage!.header, catalog!, (name) => committedSteps(dir, name)));
  });

  it.each(VARIANTS)("%s.json replays to the violation it records", (variant) => {
    const loaded = readTraceFile(join(dir, `${variant}.json`));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file, spec } = loaded.value;
    const replay = replayLabels(spec, file.steps);
    const fix = `counterexamples/${variant}.json is stale: run npm run counterexamples -- ${variant}`;
    if (!replay.ok) throw new Error(`step ${replay.step} "${replay.label}" no longer applies; ${fix}`);
    expect(replay.states).toHaveLength(file.steps.length + 1);
    expect(violates(spec, file.property, replay.states.at(-1)), fix).toBe(true);
    // No shorter prefix violates it: the recorded trace is still a shortest one along its own path.
    expect(replay.states.slice(0, -1).some((s) => violates(spec, file.property, s)), fix).toBe(false);
  });

  it.each(VARIANTS)("%s.md names the property and shows every step", (variant) => {
    const page = readFileSync(join(dir, `${variant}.md`), "utf8");
    const file = JSON.parse(readFileSync(join(dir, `${variant}.json`), "utf8"));
    expect(page).toContain(`violates **${file.property}**`);
    // It begins with a sequence diagram that ends in the violation.
    expect(page).toMatch(/^# .*\n\n> .*\n\n```mermaid\nsequenceDiagram\n/);
    expect(page).toContain(`VIOLATED: ${file.property}`);
    expect(page.split("\n").filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(file.steps.length);
  });
});

describe("a counterexample page", () => {
  it("shows a message that was sent and never delivered: in its step, at the end, and in the diagram", () => {
    const page = readFileSync(join(dir, "no-backup-ack.md"), "utf8");
    const forward = "S1 → S2 Forward(C1#1 Append x=1, view 2)";
    expect(page).toMatch(new RegExp(`^\\| 5 \\| C1 → S1 Request\\(#1 Append x=1\\) \\| [^\\n]*sends ${forward.replace(/[()]/g, "\\$&")}`, "m"));
    expect(page).toContain(`Sent and never delivered (still in flight at the end): ${forward}.`);
    expect(page).toContain("S1--xS2: 5. Forward(C1#1 Append x=1, view 2) (sent, never delivered)");
  });

  it("says which step sent a message delivered after its sender crashed", () => {
    const page = readFileSync(join(dir, "restarted-primary-stays.md"), "utf8");
    const diagram = page.slice(page.indexOf("```mermaid"), page.indexOf("```\n\n"));
    expect(diagram).toMatch(/Note over S1: 12\. CRASH \(state lost\)\n.*\n  S1->>C1: 14\. Reply\(#1 ok\) · sent in 11\n/);
  });
});
