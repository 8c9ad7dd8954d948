// The committed record of a mutation run, so that the next run checks again
// only the mutants whose code, or whose checker, changed (as Stryker's
// incremental file does for the engine).
//
// A mutant's key covers: the text of its function and of every rule function
// it calls (transitively), the mutant itself, and the killer (the plan, the
// model's other files, the configurations and the code that judges). A
// change in a function that only calls the mutated one does not rerun it;
// `mutate --full` reruns everything.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Node, Project } from "ts-morph";
import { z } from "zod";
import type { KillerPlan, Outcome } from "./killer.ts";
import type { Mutant, RuleSources } from "./mutants.ts";

/** Bumped when what a mutant's result means changes: every mutant then runs again. */
const TOOL_VERSION = 1;

export type Result = Outcome | { readonly kind: "type-error"; readonly message: string };

const result: z.ZodType<Result> = z.union([
  z.object({ kind: z.literal("killed"), by: z.string(), property: z.string(), steps: z.number() }),
  z.object({ kind: z.literal("crashed"), by: z.string(), message: z.string() }),
  z.object({ kind: z.literal("survived"), grew: z.string().optional(), changesTiny: z.boolean() }),
  z.object({ kind: z.literal("type-error"), message: z.string() }),
]) as z.ZodType<Result>;

const recordFile = z.object({
  tool: z.number(),
  mutants: z.record(z.string(), z.object({ key: z.string(), result })),
});
export type Record = z.infer<typeof recordFile>;

export function readRecord(path: string): Record {
  if (!existsSync(path)) return { tool: TOOL_VERSION, mutants: {} };
  const parsed = recordFile.safeParse(JSON.parse(readFileSync(path, "utf8")));
  // A record from another version of the tool, or a broken one, only means running everything again.
  return parsed.success && parsed.data.tool === TOOL_VERSION ? parsed.data : { tool: TOOL_VERSION, mutants: {} };
}

export function writeRecord(path: string, mutants: readonly Mutant[], keys: ReadonlyMap<string, string>, results: ReadonlyMap<string, Result>): void {
  const entries = mutants.filter((m) => results.has(m.name)).map((m) => [m.name, { key: keys.get(m.name)!, result: results.get(m.name)! }] as const);
  writeFileSync(path, `${JSON.stringify({ tool: TOOL_VERSION, mutants: Object.fromEntries(entries) }, null, 1)}\n`);
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 16);

/** Everything a mutant's result depends on besides its own rule code. */
function killerText(repository: string, sources: RuleSources, plan: KillerPlan): string {
  const modelFiles = readdirSync(join(repository, "model"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !sources.files.includes(`model/${f}`))
    .sort()
    .map((f) => `model/${f}`);
  const configs = readdirSync(join(repository, "spec/configs")).filter((f) => f.endsWith(".json")).map((f) => `spec/configs/${f}`);
  // The code that judges a mutant; how the mutants are made is in each mutant's own text.
  const judge = ["checker/quality/model-mutation/killer.ts", "checker/quality/model-mutation/run-mutant.ts"];
  const files = [...modelFiles, ...configs.sort(), ...(plan.swarm?.files ?? []), ...judge];
  return JSON.stringify(plan) + files.map((f) => `\n--- ${f}\n${readFileSync(join(repository, f), "utf8")}`).join("");
}

/** Each mutant's key: what its result depends on, hashed. */
export function mutantKeys(repository: string, sources: RuleSources, plan: KillerPlan, mutants: readonly Mutant[]): Map<string, string> {
  const killer = sha(killerText(repository, sources, plan));
  const project = new Project({ useInMemoryFileSystem: true });
  const functions = new Map<string, string>();
  for (const file of sources.files) {
    const source = project.createSourceFile(file, readFileSync(join(repository, file), "utf8"));
    for (const statement of source.getStatements()) {
      if (Node.isFunctionDeclaration(statement) && statement.getName() !== undefined) functions.set(statement.getName()!, statement.getText());
      if (Node.isVariableStatement(statement)) for (const d of statement.getDeclarations()) functions.set(d.getName(), statement.getText());
    }
  }
  const calls = (text: string) => [...functions.keys()].filter((name) => new RegExp(`\\b${name}\\b`).test(text));
  const closure = (name: string): string[] => {
    const seen = new Set([name]);
    const queue = [name];
    while (queue.length > 0) {
      for (const callee of calls(functions.get(queue.pop()!) ?? "")) {
        if (!seen.has(callee)) {
          seen.add(callee);
          queue.push(callee);
        }
      }
    }
    return [...seen].sort();
  };
  return new Map(mutants.map((m) => [m.name, sha([killer, m.original, m.replacement, ...closure(m.fn).map((f) => functions.get(f) ?? "")].join("\n"))]));
}
