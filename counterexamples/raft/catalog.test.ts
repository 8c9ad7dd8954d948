// Raft's committed catalog can never drift from the model: every trace file
// replays to the violation it records, in the number of steps it records,
// the split-vote lasso still loops fairly, and spec/raft/variants.md's
// table says what the traces say.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTraceFile } from "../../checker/cli/replay.ts";
import { replayLabels } from "../../checker/trace/trace-file.ts";
import { catalogEntryProblem, catalogTables } from "../../checker/cli/catalog-entry-check.ts";
import { findSpec } from "../../checker/cli/shared.ts";
import { lassoTraceProblem } from "../../checker/engine/liveness/lasso-trace.ts";

const dir = import.meta.dirname;
const found = findSpec("raft");
if (!found.ok) throw new Error(found.error.message);
const entry = found.value;
const VARIANTS = entry.catalog!.map((e) => e.name);
const STUCK = entry.expectedLivenessFailures!.map((e) => e.name);
const fix = (name: string) => `counterexamples/raft/${name}.json is stale: run npm run counterexamples -- ${name}`;

describe("Raft's counterexample catalog", () => {
  it("has one entry per variant and per expected liveness failure, each with a trace file and a page, and nothing else", () => {
    const expected = new Set([...[...VARIANTS, ...STUCK].flatMap((v) => [`${v}.json`, `${v}.md`]), "catalog.test.ts"]);
    const files = readdirSync(dir);
    expect({ missing: [...expected].filter((f) => !files.includes(f)), stray: files.filter((f) => !expected.has(f)) }).toEqual({ missing: [], stray: [] });
  });

  it.each(VARIANTS)("%s.json replays to the violation it records, and no shorter prefix does", (variant) => {
    expect(catalogEntryProblem(dir, variant, fix(variant))).toBeUndefined();
  });

  it.each(STUCK)("%s.json is a lasso that still replays, closes its loop, and is fair", (name) => {
    const loaded = readTraceFile(join(dir, `${name}.json`));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file, spec } = loaded.value;
    const replay = replayLabels(spec, file.steps);
    if (!replay.ok) throw new Error(`step ${replay.step} "${replay.label}" no longer applies; ${fix(name)}`);
    const property = spec.liveness!.find((p: { name: string }) => p.name === file.property)!;
    const [initial, ...rest] = replay.states;
    const trace = { initialIndex: 0, initial, steps: rest.map((state, i) => ({ actionIndex: -1, action: replay.actions[i], label: file.steps[i]!, state })) };
    expect(lassoTraceProblem(spec, property, { trace, loopFrom: file.loop! }), fix(name)).toBeUndefined();
  });

  it("is listed in spec/raft/variants.md, one row per variant, as its traces say", () => {
    const { page, expected } = catalogTables(entry, dir);
    expect(page, "spec/raft/variants.md's table is stale: run npm run counterexamples").toBe(expected);
  });
});
