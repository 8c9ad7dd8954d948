// splitbrain lint: the static checks a student can run on a model while
// writing it. Purity (no clock, randomness, I/O or mutation of what a
// function did not create) and rule IDs (each rule of the spec document is
// named by the code, and the reverse), as file:line lines, exit 1 if any.

import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { checkPurity, showFinding } from "../quality/purity-check.ts";
import { checkRuleIds } from "../quality/rule-ids.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

export function runLint(args: string[], fail: (e: UserError) => number): number {
  const specDocAt = args.indexOf("--spec-doc");
  const specDoc = specDocAt >= 0 ? args[specDocAt + 1] : "spec/protocol.md";
  const folders = specDocAt < 0 ? args : args.filter((_, i) => i !== specDocAt && i !== specDocAt + 1);
  if (specDoc === undefined || !existsSync(specDoc)) return fail(badInput(`--spec-doc ${specDoc ?? ""}: no such file`).error);
  const roots = folders.length > 0 ? folders : ["model"];
  const missing = roots.filter((r) => !existsSync(r) || !statSync(r).isDirectory());
  if (missing.length > 0) return fail(badInput(`lint: not a folder: ${missing.join(", ")}`).error);
  const files = roots.flatMap((root) =>
    readdirSync(root)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .map((f) => join(root, f)),
  );
  // The purity check names files by their base name; print the path the student gave.
  const pathOf = (name: string) => files.find((f) => basename(f) === name) ?? name;
  const purity = checkPurity(files).map((f) => showFinding({ ...f, file: pathOf(f.file) }));
  const findings = [...purity, ...checkRuleIds(specDoc, files).map((f) => `${f.file}:${f.line}: ${f.problem}`)];
  for (const line of findings) process.stdout.write(`${line}\n`);
  process.stdout.write(findings.length === 0 ? `lint: ${files.length} files, no problems\n` : `lint: ${findings.length} problems in ${files.length} files\n`);
  return findings.length === 0 ? EXIT.pass : EXIT.violation;
}
