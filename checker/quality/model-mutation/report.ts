// The report of a mutation run, per rule: which mutants the checks noticed
// (the property, the trace length, and which check), which the type checker
// rejects, which are argued equivalent in spec/equivalent-mutants.json, and
// which survive. An equivalent entry that matches no surviving mutant fails
// the report, so the list cannot go stale; so does any survivor without one.

import { z } from "zod";
import type { Mutant } from "./mutants.ts";
import type { Result } from "./record.ts";

export const equivalentsSchema = z.array(
  z.strictObject({
    /** The mutant's name, as the report prints it. */
    mutant: z.string(),
    /**
     * "equivalent": no behaviour a property could tell apart changes.
     * "beyond-reach": it may do harm, but only in a configuration no check
     * here reaches; `why` names that configuration and why. It counts
     * against the score: it is a known gap, not an argument.
     */
    kind: z.enum(["equivalent", "beyond-reach"]),
    /** One line a reader who knows the lab can judge. */
    why: z.string().min(20),
  }),
);
export type Equivalents = z.infer<typeof equivalentsSchema>;

export interface Tally {
  readonly rule: string;
  mutants: number;
  killed: number;
  bySwarm: number;
  typeErrors: number;
  equivalent: number;
  /** Known gaps: survivors listed as beyond the checked configurations. */
  beyond: number;
  survived: number;
}

export interface Judged {
  readonly tallies: readonly Tally[];
  readonly survivors: readonly { readonly mutant: Mutant; readonly result: Extract<Result, { kind: "survived" }> }[];
  /** Survivors listed as known gaps, with where their harm would show. */
  readonly gaps: readonly { readonly mutant: Mutant; readonly why: string }[];
  /** Equivalent entries that match no surviving mutant. */
  readonly stale: Equivalents;
  /** Rule branches (model/rules.ts) with no mutant. */
  readonly unmutatedBranches: readonly string[];
  readonly total: Tally;
  /** Killed (checks or type checker) out of those not argued equivalent, in percent; known gaps count against it. */
  readonly score: number;
  readonly ok: boolean;
}

const isSwarm = (r: Result) => (r.kind === "killed" || r.kind === "crashed") && r.by.startsWith("swarm");

export function judgeRun(mutants: readonly Mutant[], results: ReadonlyMap<string, Result>, equivalents: Equivalents, branches: readonly string[]): Judged {
  const argued = new Map(equivalents.map((e) => [e.mutant, e]));
  const tallies = new Map<string, Tally>();
  const empty = (rule: string): Tally => ({ rule, mutants: 0, killed: 0, bySwarm: 0, typeErrors: 0, equivalent: 0, beyond: 0, survived: 0 });
  const total = empty("total");
  const survivors: Judged["survivors"][number][] = [];
  const gaps: Judged["gaps"][number][] = [];
  const matched = new Set<string>();
  for (const mutant of mutants) {
    const result = results.get(mutant.name);
    if (result === undefined) continue;
    const tally = tallies.get(mutant.rule) ?? empty(mutant.rule);
    tallies.set(mutant.rule, tally);
    const count = (field: "killed" | "bySwarm" | "typeErrors" | "equivalent" | "beyond" | "survived") => {
      tally[field]++;
      total[field]++;
    };
    tally.mutants++;
    total.mutants++;
    if (result.kind === "killed" || result.kind === "crashed") {
      count("killed");
      if (isSwarm(result)) count("bySwarm");
    } else if (result.kind === "type-error") count("typeErrors");
    else if (argued.has(mutant.name)) {
      const entry = argued.get(mutant.name)!;
      count(entry.kind === "equivalent" ? "equivalent" : "beyond");
      if (entry.kind === "beyond-reach") gaps.push({ mutant, why: entry.why });
      matched.add(mutant.name);
    } else {
      count("survived");
      survivors.push({ mutant, result });
    }
  }
  const stale = equivalents.filter((e) => !matched.has(e.mutant));
  const unmutatedBranches = branches.filter((b) => !mutants.some((m) => m.branches.includes(b)));
  const counted = total.mutants - total.equivalent;
  const score = counted === 0 ? 100 : (100 * (total.killed + total.typeErrors)) / counted;
  const ok = survivors.length === 0 && stale.length === 0 && unmutatedBranches.length === 0;
  return { gaps, tallies: [...tallies.values()].sort((a, b) => ruleOrder(a.rule) - ruleOrder(b.rule) || a.rule.localeCompare(b.rule)), survivors, stale, unmutatedBranches, total, score, ok };
}

/** VS rules, then PB, then CL, by number; mutants outside any rule last. */
function ruleOrder(rule: string): number {
  const m = /^(VS|PB|CL)-(\d+)(b?)$/.exec(rule);
  if (m === null) return 10_000;
  return ["VS", "PB", "CL"].indexOf(m[1]!) * 1000 + Number(m[2]) * 2 + (m[3] === "b" ? 1 : 0);
}

function describe(result: Result): string {
  switch (result.kind) {
    case "killed":
      return `killed by ${result.by}: ${result.property.split(" ")[0]} (${result.steps} steps)`;
    case "crashed":
      return `killed by ${result.by}: the model threw (${result.message})`;
    case "type-error":
      return `rejected by the type checker: ${result.message.split("\n")[0]}`;
    case "survived":
      return result.changesTiny ? "survived: changes some step of tiny, and no check noticed" : "survived: not reached (changes no step of tiny)";
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

export function formatReport(mutants: readonly Mutant[], results: ReadonlyMap<string, Result>, judged: Judged, verbose: boolean): string {
  const lines: string[] = [];
  lines.push(`${"rule".padEnd(14)}${pad("mutants", 8)}${pad("killed", 8)}${pad("swarm", 7)}${pad("types", 7)}${pad("equiv", 7)}${pad("beyond", 8)}${pad("survived", 9)}`);
  for (const t of [...judged.tallies, judged.total]) {
    const name = t.rule === "none" ? "(no rule ID)" : t.rule;
    lines.push(`${name.padEnd(14)}${pad(t.mutants, 8)}${pad(t.killed, 8)}${pad(t.bySwarm, 7)}${pad(t.typeErrors, 7)}${pad(t.equivalent, 7)}${pad(t.beyond, 8)}${pad(t.survived, 9)}`);
  }
  lines.push("  killed: a check noticed it (swarm: only the random walks did); types: the type checker rejects it;");
  lines.push("  equiv: argued harmless, beyond: a known gap, harm only in a configuration no check here reaches (both in spec/equivalent-mutants.json)");
  if (verbose) {
    lines.push("", "every mutant:");
    for (const m of mutants) {
      const r = results.get(m.name);
      if (r !== undefined) lines.push(`  ${m.file}:${m.line} ${m.name}\n      ${describe(r)}`);
    }
  }
  if (judged.survivors.length > 0) {
    lines.push("", `${judged.survivors.length} mutant(s) survived with no argument: add what catches each, or argue it harmless in spec/equivalent-mutants.json`);
    for (const { mutant, result } of judged.survivors) lines.push(`  ${mutant.file}:${mutant.line} ${mutant.name}\n      ${describe(result)}${result.grew ? `; ${result.grew}` : ""}`);
  }
  if (judged.stale.length > 0) {
    lines.push("", "spec/equivalent-mutants.json argues for mutants that no longer survive (or no longer exist); remove these entries:");
    for (const e of judged.stale) lines.push(`  ${e.mutant}`);
  }
  if (judged.unmutatedBranches.length > 0) {
    lines.push("", "rule branches with no mutant:");
    for (const b of judged.unmutatedBranches) lines.push(`  ${b}`);
  }
  const { total } = judged;
  if (judged.gaps.length > 0) {
    lines.push("", `${judged.gaps.length} known gap(s): harm only beyond the checked configurations (spec/equivalent-mutants.json says where):`);
    for (const { mutant: m, why } of judged.gaps) lines.push(`  ${m.file}:${m.line} ${m.name}\n      ${why}`);
  }
  lines.push("", `score: ${total.killed + total.typeErrors} killed of ${total.mutants - total.equivalent} not argued equivalent (${judged.score.toFixed(1)}%); ${total.equivalent} argued equivalent, ${total.beyond} known gaps`);
  return lines.join("\n");
}
