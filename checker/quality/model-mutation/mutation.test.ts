import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Project } from "ts-morph";
import { describe, expect, it } from "vitest";
import { RULE_BRANCHES } from "../../../model/rules.ts";
import { typeErrors } from "./compile.ts";
import type { KillerPlan } from "./killer.ts";
import { applyMutant, generateMutants, PROTOCOL_RULES, type Mutant } from "./mutants.ts";
import { readRecord, type Result } from "./record.ts";
import { formatReport, judgeRun } from "./report.ts";
import { runMutation } from "./run.ts";

const REPOSITORY = resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(join(REPOSITORY, file), "utf8");
const mutants = generateMutants(PROTOCOL_RULES, read);
const named = (name: string): Mutant => {
  const found = mutants.find((m) => m.name === name);
  if (found === undefined) throw new Error(`no mutant named ${name}`);
  return found;
};

/** Tiny alone, exhaustively: a cheap killer for the tests. */
const TINY_ONLY: KillerPlan = { configs: ["tiny"] };

describe("the mutants of the model's rules", () => {
  it("cover every rule branch that model/rules.ts names", () => {
    expect(RULE_BRANCHES.filter((b) => !mutants.some((m) => m.branches.includes(b)))).toEqual([]);
  });

  it("have names a person can read, each naming its rule and function, and no two alike", () => {
    expect(new Set(mutants.map((m) => m.name)).size).toBe(mutants.length);
    expect(named("PB-5 receiveForward: `s.entered === s.view.num` with !== for ===").rule).toBe("PB-5");
    expect(mutants.every((m) => m.name.startsWith(`${m.rule === "none" ? "(no rule ID)" : m.rule} ${m.fn}: `))).toBe(true);
  });

  it("leave the variants' code alone: a branch only a switched-on variant takes has no mutant", () => {
    // enterOnLearning's no-state-transfer branch, and receiveRequest's backup that serves clients.
    expect(mutants.filter((m) => m.original.includes("store: {}, dedup: {}"))).toEqual([]);
    expect(mutants.filter((m) => m.fn === "receiveRequest" && m.original.startsWith("isBackup"))).toEqual([]);
  });

  it("each parse, and the runner never ran one the type checker rejects: the record agrees with the type checker", () => {
    const project = new Project({ useInMemoryFileSystem: true });
    const broken = mutants.filter((m) => project.createSourceFile(`m${m.start}.ts`, applyMutant(read(m.file), m), { overwrite: true }).getPreEmitDiagnostics().some((d) => d.getCategory() === 1 && d.getCode() < 2000));
    expect(broken.map((m) => m.name)).toEqual([]);
    const rejected = typeErrors(REPOSITORY, mutants, read);
    const record = readRecord(join(REPOSITORY, "checker/quality/model-mutation/record.json"));
    const recordedRejected = Object.entries(record.mutants).filter(([, e]) => e.result.kind === "type-error").map(([name]) => name);
    expect(recordedRejected.sort()).toEqual([...rejected.keys()].sort());
    expect(rejected.size).toBeLessThan(mutants.length / 4);
  }, 120_000);
});

describe("the report", () => {
  const [a, b, c] = mutants;
  const results = new Map<string, Result>([
    [a!.name, { kind: "killed", by: "tiny", property: "INV-1 at most one primary", steps: 7 }],
    [b!.name, { kind: "survived", changesTiny: true }],
    [c!.name, { kind: "survived", changesTiny: false }],
  ]);
  const three = [a!, b!, c!];

  it("fails while a mutant survives with no argument, and says whether tiny reaches it", () => {
    const judged = judgeRun(three, results, [{ mutant: b!.name, kind: "equivalent" as const, why: "an argument a reader can judge" }], []);
    expect(judged.ok).toBe(false);
    expect(judged.survivors.map((s) => s.mutant.name)).toEqual([c!.name]);
    expect(formatReport(three, results, judged, false)).toContain("survived: not reached (changes no step of tiny)");
  });

  it("passes when every survivor is argued, and counts the argued apart from the score", () => {
    const judged = judgeRun(three, results, [b!, c!].map((m) => ({ mutant: m.name, kind: "equivalent" as const, why: "an argument a reader can judge" })), []);
    expect([judged.ok, judged.score, judged.total.equivalent, judged.total.killed]).toEqual([true, 100, 2, 1]);
  });

  it("passes with a known gap, but counts it against the score and lists it with where it would show", () => {
    const entries = [
      { mutant: b!.name, kind: "equivalent" as const, why: "an argument a reader can judge" },
      { mutant: c!.name, kind: "beyond-reach" as const, why: "harm needs three view changes, beyond small" },
    ];
    const judged = judgeRun(three, results, entries, []);
    expect([judged.ok, judged.total.beyond, judged.score]).toEqual([true, 1, 50]);
    expect(formatReport(three, results, judged, false)).toContain(`1 known gap(s)`);
    expect(formatReport(three, results, judged, false)).toContain("harm needs three view changes, beyond small");
  });

  it("fails on a stale equivalent: an argument for a mutant that is killed, or no longer exists", () => {
    const argued = [b!, c!].map((m) => ({ mutant: m.name, kind: "equivalent" as const, why: "an argument a reader can judge" }));
    for (const stale of [a!.name, "PB-5 receiveForward: a mutant nobody makes"]) {
      const judged = judgeRun(three, results, [...argued, { mutant: stale, kind: "equivalent" as const, why: "an argument that no longer applies" }], []);
      expect([judged.ok, judged.stale.map((e) => e.mutant)]).toEqual([false, [stale]]);
      expect(formatReport(three, results, judged, false)).toContain(`remove these entries:\n  ${stale}`);
    }
  });

  it("fails when a rule branch has no mutant", () => {
    expect(judgeRun([], new Map(), [], ["PB-99 a branch nobody mutates"]).unmutatedBranches).toEqual(["PB-99 a branch nobody mutates"]);
  });
});

describe("a mutation run", () => {
  it("reports a planted mutant that the checks miss as a survivor, and the report fails", async () => {
    // Harmless-looking: the backup checks that a forward comes from its primary, not its view number.
    // Harmful: a forward its primary sent in an older view is then applied, once the same pair is back.
    const planted = "PB-5 acceptsFromPrimary: `s.view.num === view` dropped from `s.view.num === view && s.view.primary === from`";
    const run = await runMutation({ repository: REPOSITORY, sources: PROTOCOL_RULES, plan: TINY_ONLY, workers: 1, full: true, only: (m) => m.name === planted });
    expect(run.results.get(planted)).toEqual({ kind: "survived", changesTiny: false });
    const judged = judgeRun(run.mutants, run.results, [], []);
    expect(judged.ok).toBe(false);
    expect(formatReport(run.mutants, run.results, judged, false)).toContain(`1 mutant(s) survived with no argument:`);
    expect(formatReport(run.mutants, run.results, judged, false)).toContain("survived: not reached (changes no step of tiny)");
  }, 120_000);

  it("catches a mutant that stalls the protocol in a new way with a liveness property that holds on the correct model", async () => {
    // A restarted server ignores every view above 1, not only those naming it primary (PB-9): it never
    // rejoins, and a view that names it backup waits forever for its transfer. No invariant breaks.
    const stalls = "PB-9 receiveViewReply: `isPrimaryOf(m.view, name)` dropped from `isPrimaryOf(m.view, name) && s.entered === 0`";
    const withoutLiveness = await runMutation({ repository: REPOSITORY, sources: PROTOCOL_RULES, plan: TINY_ONLY, workers: 1, full: true, only: (m) => m.name === stalls });
    expect(withoutLiveness.results.get(stalls)).toMatchObject({ kind: "survived" });
    const plan: KillerPlan = { ...TINY_ONLY, liveness: [{ config: "tiny", without: [] }] };
    const run = await runMutation({ repository: REPOSITORY, sources: PROTOCOL_RULES, plan, workers: 1, full: true, only: (m) => m.name === stalls });
    expect(run.results.get(stalls)).toMatchObject({ kind: "killed", by: "liveness in tiny", property: expect.stringMatching(/^LIVE-3 /) });
  }, 120_000);

  it("kills a mutant that breaks safety in tiny with the invariant and the trace length, and says when a survivor changes no step of tiny", async () => {
    // The backup that skips the state transfer loses the primary's writes; a primary confirmed before it entered its view cannot happen.
    const lost = "PB-3b receiveTransfer: `{ ...s, store: m.store, dedup: m.dedup, entered: s.view.num }` leaves store unchanged";
    const unreached = "PB-10 confirm: `s.entered !== s.view.num` dropped from `!acked || s.confirmed || !isPrimary(s, name) || s.entered !== s.view.…`";
    const run = await runMutation({ repository: REPOSITORY, sources: PROTOCOL_RULES, plan: TINY_ONLY, workers: 2, full: true, only: (m) => m.name === lost || m.name === unreached });
    expect(run.results.get(lost)).toMatchObject({ kind: "killed", by: "tiny", property: expect.stringMatching(/^INV-/) });
    expect(run.results.get(unreached)).toEqual({ kind: "survived", changesTiny: false });
  }, 120_000);
});

describe("splitbrain mutate", () => {
  const splitbrain = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(REPOSITORY, "bin/splitbrain.js"), "mutate", ...args], { encoding: "utf8", cwd });

  it("refuses a bad flag with exit 2 and a message naming it", () => {
    const run = splitbrain(REPOSITORY, "--swarm-walks", "many");
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining("--swarm-walks takes a whole number")]);
  });

  it("refuses to run outside the repository's folder, with exit 2", () => {
    const run = splitbrain(mkdtempSync(join(tmpdir(), "splitbrain-")));
    expect([run.status, run.stderr]).toEqual([2, expect.stringContaining("run it in the repository's folder")]);
    expect(run.stderr).not.toContain("    at ");
  });
});
