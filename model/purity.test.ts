// A static check of the model with ts-morph: transitions are pure functions
// of the state. No clock, no randomness, no I/O, and no assignment into an
// existing object (new states are built with spreads).

import { join } from "node:path";
import { Node, Project, SyntaxKind } from "ts-morph";
import { describe, expect, it } from "vitest";

const project = new Project({ skipAddingFilesFromTsConfig: true });
project.addSourceFilesAtPaths([join(import.meta.dirname, "*.ts"), `!${join(import.meta.dirname, "*.test.ts")}`]);
const files = project.getSourceFiles();

const FORBIDDEN_GLOBALS = new Set(["Date", "performance", "process", "console", "setTimeout", "setInterval", "fetch", "crypto"]);

function findings(check: (node: Node) => string | undefined): string[] {
  const out: string[] = [];
  for (const file of files) {
    file.forEachDescendant((node) => {
      const problem = check(node);
      if (problem) out.push(`${file.getBaseName()}:${node.getStartLineNumber()}: ${problem}`);
    });
  }
  return out;
}

describe("the model is pure", () => {
  it("is read from every model file", () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it("uses no clock, randomness or I/O", () => {
    expect(
      findings((node) => {
        if (Node.isIdentifier(node) && FORBIDDEN_GLOBALS.has(node.getText()) && !Node.isPropertyAccessExpression(node.getParent())) {
          return `uses ${node.getText()}`;
        }
        if (Node.isPropertyAccessExpression(node) && node.getText() === "Math.random") return "uses Math.random";
        return undefined;
      }),
    ).toEqual([]);
  });

  it("imports nothing from node: no file system, network or process", () => {
    const imports = files.flatMap((f) => f.getImportDeclarations().map((d) => d.getModuleSpecifierValue()));
    expect(imports.filter((m) => m.startsWith("node:") || !m.startsWith("."))).toEqual(["zod"]);
  });

  it("never assigns into an existing object or array", () => {
    expect(
      findings((node) => {
        if (!Node.isBinaryExpression(node)) return undefined;
        const operator = node.getOperatorToken().getKind();
        const assigns = operator >= SyntaxKind.FirstAssignment && operator <= SyntaxKind.LastAssignment;
        const target = node.getLeft();
        return assigns && (Node.isPropertyAccessExpression(target) || Node.isElementAccessExpression(target)) ? `assigns to ${target.getText()}` : undefined;
      }),
    ).toEqual([]);
  });
});
