// Rule IDs between a spec document and the code that implements it: every
// rule the document states (**PB-5**) is named somewhere in the code, and
// every ID the code names is a rule of the document. A student can then go
// from rule to code and back.

import { readFileSync } from "node:fs";

/** A rule as a spec document states it: **PB-5**, **VS-4b**, **TR-1**. */
const STATED = /\*\*([A-Z]{1,4}-\d+[a-z]?)\*\*/g;

/** IDs in code with the prefixes the document uses (PB, VS, CL for the protocol), so INV-2 or a date is not taken for a rule. */
const idsInCode = (prefixes: ReadonlySet<string>) => new RegExp(`\\b((?:${[...prefixes].join("|") || "(?!)"})-\\d+[a-z]?)\\b`, "g");

export interface RuleIdFinding {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

export function ruleIdsOfSpec(text: string): Set<string> {
  return new Set([...text.matchAll(STATED)].map((m) => m[1]!));
}

/** Each ID the code names that the spec lacks (where the code names it), and each rule of the spec no code names. */
export function checkRuleIds(specFile: string, codeFiles: readonly string[]): RuleIdFinding[] {
  const specText = readFileSync(specFile, "utf8");
  const stated = ruleIdsOfSpec(specText);
  const ID = idsInCode(new Set([...stated].map((id) => id.slice(0, id.indexOf("-")))));
  const named = new Set<string>();
  const findings: RuleIdFinding[] = [];
  for (const file of codeFiles) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((text, i) => {
        for (const [, id] of text.matchAll(ID)) {
          named.add(id!);
          if (!stated.has(id!)) findings.push({ file, line: i + 1, problem: `${id} is not a rule of ${specFile}` });
        }
      });
  }
  specText.split("\n").forEach((text, i) => {
    for (const [, id] of text.matchAll(STATED)) {
      if (!named.has(id!)) findings.push({ file: specFile, line: i + 1, problem: `${id} is named by no code: implement it and name it in a comment` });
    }
  });
  return findings;
}
