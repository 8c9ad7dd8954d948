// Every rule in spec/protocol.md is implemented somewhere in model/ and names
// its ID there, and every ID the code names is a rule of the spec
// (checker/quality/rule-ids.ts, also run by `splitbrain lint`).

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRuleIds, ruleIdsOfSpec } from "../checker/quality/rule-ids.ts";

const root = join(import.meta.dirname, "..");
const specFile = join(root, "spec/protocol.md");
const modelFiles = readdirSync(join(root, "model"))
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => join(root, "model", f));

describe("rule IDs", () => {
  it("are stated in spec/protocol.md", () => {
    expect(ruleIdsOfSpec(readFileSync(specFile, "utf8")).size).toBeGreaterThanOrEqual(20);
  });

  it("match between the spec and the model, both ways", () => {
    expect(checkRuleIds(specFile, modelFiles)).toEqual([]);
  });

  it("are reported where they go wrong, with file and line", () => {
    const code = join(mkdtempSync(join(tmpdir(), "splitbrain-")), "rule.ts");
    writeFileSync(code, "// a rule\n// PB-99: made up\nexport const x = 1; // PB-1\n");
    const findings = checkRuleIds(specFile, [code]);
    expect(findings).toContainEqual({ file: code, line: 2, problem: `PB-99 is not a rule of ${specFile}` });
    expect(findings.filter((f) => f.file === specFile).map((f) => f.problem)).toContain("PB-2 is named by no code: implement it and name it in a comment");
    expect(findings.some((f) => f.problem.startsWith("PB-1 "))).toBe(false);
  });

  it("take their prefixes from the document, so another spec's rules (TR-1) are checked and INV-1 is not taken for a rule", () => {
    const dir = mkdtempSync(join(tmpdir(), "splitbrain-"));
    writeFileSync(join(dir, "rules.md"), "- **TR-1** pass the token\n- **TR-2** hold it\n");
    writeFileSync(join(dir, "spec.ts"), "// TR-1: pass\n// TR-3: made up\nconst name = \"INV-1 one token\";\n");
    expect(checkRuleIds(join(dir, "rules.md"), [join(dir, "spec.ts")]).map((f) => `${f.line}: ${f.problem}`)).toEqual([
      `2: TR-3 is not a rule of ${join(dir, "rules.md")}`,
      "2: TR-2 is named by no code: implement it and name it in a comment",
    ]);
  });
});
