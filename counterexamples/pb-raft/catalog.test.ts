// The catalog of a replicated view service's mistakes can never drift from
// the model: every trace replays to the violation it records, in the number
// of steps it records, and spec/pb-raft/rules.md's table says what the
// traces say.

import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { catalogEntryProblem, catalogTables } from "../../checker/cli/catalog-entry-check.ts";
import { findSpec } from "../../checker/cli/shared.ts";

const dir = import.meta.dirname;
const found = findSpec("pb-raft");
if (!found.ok) throw new Error(found.error.message);
const entry = found.value;
const VARIANTS = entry.catalog!.map((e) => e.name);
const fix = (name: string) => `counterexamples/pb-raft/${name}.json is stale: run npm run counterexamples -- ${name}`;

describe("the catalog of the view service on Raft", () => {
  it("has one trace file and one page per variant, and nothing else", () => {
    const expected = new Set([...VARIANTS.flatMap((v) => [`${v}.json`, `${v}.md`]), "catalog.test.ts"]);
    const files = readdirSync(dir);
    expect({ missing: [...expected].filter((f) => !files.includes(f)), stray: files.filter((f) => !expected.has(f)) }).toEqual({ missing: [], stray: [] });
  });

  it.each(VARIANTS)("%s.json replays to the violation it records, and no shorter prefix does", (variant) => {
    expect(catalogEntryProblem(dir, variant, fix(variant))).toBeUndefined();
  });

  it("is listed in spec/pb-raft/rules.md, one row per variant, as its traces say", () => {
    const { page, expected } = catalogTables(entry, dir);
    expect(page, "spec/pb-raft/rules.md's table is stale: run npm run counterexamples").toBe(expected);
  });
});
