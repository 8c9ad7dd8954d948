// The committed catalog can never drift from the model: every trace file
// replays to the violation it records, in the number of steps it records.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTraceFile } from "../checker/cli/replay.ts";
import { replayLabels, violates } from "../checker/trace/trace-file.ts";
import { VARIANTS } from "../model/config.ts";
import { VARIANT_CATALOG } from "../model/variant-catalog.ts";

const dir = import.meta.dirname;
const files = readdirSync(dir);

describe("the counterexample catalog", () => {
  it("has one entry per variant, each with a trace file and a page for people", () => {
    expect(VARIANT_CATALOG.map((e) => e.variant).sort()).toEqual([...VARIANTS].sort());
    expect(files.filter((f) => f.endsWith(".json")).sort()).toEqual(VARIANTS.map((v) => `${v}.json`).sort());
    expect(files.filter((f) => f.endsWith(".md")).sort()).toEqual(VARIANTS.map((v) => `${v}.md`).sort());
  });

  it.each(VARIANTS)("%s.json replays to the violation it records", (variant) => {
    const loaded = readTraceFile(join(dir, `${variant}.json`));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file, spec } = loaded.value;
    const replay = replayLabels(spec, file.steps);
    if (!replay.ok) throw new Error(`step ${replay.step} "${replay.label}" no longer applies`);
    expect(replay.states).toHaveLength(file.steps.length + 1);
    expect(violates(spec, file.property, replay.states.at(-1))).toBe(true);
    // No shorter prefix violates it: the recorded trace is still a shortest one along its own path.
    expect(replay.states.slice(0, -1).some((s) => violates(spec, file.property, s))).toBe(false);
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
