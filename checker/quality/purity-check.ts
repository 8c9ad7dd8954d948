// A static check that a spec's code is pure, with ts-morph: no clock,
// randomness, environment, console, network or file I/O, and no mutation of a
// value the function did not create itself. Each finding is "file:line: what".
// It reads code, so it can be fooled (an alias through a call it cannot see
// into); the dynamic checks in the tests (deep-frozen states, every state
// expanded twice) catch what gets past it.

import { basename } from "node:path";
import { Node, Project, SyntaxKind, type Expression, type SourceFile } from "ts-morph";

/** Globals through which a function reaches the world outside its arguments. */
const IMPURE_GLOBALS = new Set([
  "Date",
  "performance",
  "process",
  "console",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "queueMicrotask",
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "crypto",
  "require",
  "globalThis",
  "window",
  "document",
  "localStorage",
  "Buffer",
  "eval",
]);

const MUTATING_METHODS = new Set(["push", "pop", "shift", "unshift", "splice", "sort", "reverse", "fill", "copyWithin", "set", "add", "delete", "clear"]);
const MUTATING_STATICS = new Set(["Object.assign", "Object.defineProperty", "Object.defineProperties", "Object.setPrototypeOf", "Reflect.set", "Reflect.defineProperty", "Reflect.deleteProperty"]);
/** Methods and functions that return a new array or object. */
const COPYING_CALLS = new Set(["Array", "slice", "map", "filter", "concat", "flatMap", "flat", "toSorted", "toReversed", "Array.from", "Object.fromEntries", "Object.entries", "Object.keys", "Object.values"]);

/** A module-level memo table may be written to if its declaration says so with this marker. */
export const MEMO_MARKER = "purity: memo";

export interface Finding {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
}

export const showFinding = (f: Finding) => `${f.file}:${f.line}: ${f.problem}`;

const newProject = () => new Project({ skipAddingFilesFromTsConfig: true, compilerOptions: { allowImportingTsExtensions: true, noEmit: true } });

/** Check files on disk (globs work, `!` excludes). */
export function checkPurity(paths: readonly string[]): Finding[] {
  return newProject().addSourceFilesAtPaths([...paths]).flatMap(checkFile);
}

/** Check code given as text, by file name: for tests of the check itself. */
export function checkPurityOfSources(sources: Readonly<Record<string, string>>): Finding[] {
  const project = newProject();
  return Object.entries(sources).flatMap(([name, text]) => checkFile(project.createSourceFile(name, text)));
}

function checkFile(file: SourceFile): Finding[] {
  const out: Finding[] = [];
  const report = (node: Node, problem: string) => out.push({ file: basename(file.getFilePath()), line: node.getStartLineNumber(), problem });
  for (const declaration of file.getImportDeclarations()) {
    const from = declaration.getModuleSpecifierValue();
    if (!from.startsWith(".") && from !== "zod") report(declaration, `imports ${from}`);
  }
  file.forEachDescendant((node) => {
    const problem = impureAccess(node) ?? mutation(node);
    if (problem !== undefined) report(node, problem);
  });
  return out;
}

function impureAccess(node: Node): string | undefined {
  if (Node.isIdentifier(node) && IMPURE_GLOBALS.has(node.getText()) && isGlobalReference(node)) return `uses ${node.getText()}`;
  if (Node.isPropertyAccessExpression(node) && node.getText().replace(/\s/g, "") === "Math.random") return "uses Math.random";
  if (Node.isMetaProperty(node)) return `uses ${node.getText()}`;
  if (Node.isCallExpression(node) && node.getExpression().getKind() === SyntaxKind.ImportKeyword) return "imports at run time";
  if (Node.isNewExpression(node) && node.getExpression().getText() === "Function") return "builds a Function from text";
  return undefined;
}

/** An identifier that names a global: not a property name, a key or a local of the same name. */
function isGlobalReference(node: Node): boolean {
  const parent = node.getParent();
  if (parent === undefined) return false;
  if (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === node) return false;
  if ((Node.isPropertyAssignment(parent) || Node.isPropertySignature(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === node) return false;
  const declarations = node.getSymbol()?.getDeclarations() ?? [];
  return declarations.every((d) => d.getSourceFile() !== node.getSourceFile());
}

function mutation(node: Node): string | undefined {
  if (Node.isBinaryExpression(node)) {
    const operator = node.getOperatorToken().getKind();
    const assigns = operator >= SyntaxKind.FirstAssignment && operator <= SyntaxKind.LastAssignment;
    const target = node.getLeft();
    if (assigns && isMember(target) && !isOwnValue(target)) return `assigns to ${target.getText()}`;
  }
  if (Node.isPrefixUnaryExpression(node) || Node.isPostfixUnaryExpression(node)) {
    const op = node.getOperatorToken();
    const operand = node.getOperand();
    if ((op === SyntaxKind.PlusPlusToken || op === SyntaxKind.MinusMinusToken) && isMember(operand) && !isOwnValue(operand)) {
      return `changes ${operand.getText()} in place`;
    }
  }
  if (Node.isDeleteExpression(node) && !isOwnValue(node.getExpression())) return `deletes ${node.getExpression().getText()}`;
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    const name = callee.getText().replace(/\s/g, "");
    if (MUTATING_STATICS.has(name)) {
      const [target] = node.getArguments();
      if (target !== undefined && !isOwnValue(target as Expression)) return `${name} changes ${target.getText()}`;
    }
    if (Node.isPropertyAccessExpression(callee) && MUTATING_METHODS.has(callee.getName())) {
      const receiver = callee.getExpression();
      if (!isOwnValue(receiver) && !isMemo(rootOf(receiver))) return `${callee.getName()}() changes ${receiver.getText()}`;
    }
  }
  return undefined;
}

const isMember = (node: Node) => Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node);

/** Is this (a part of) a value the enclosing function created itself? */
const isOwnValue = (node: Node) => isFresh(rootOf(node));

/** The expression a chain of member accesses starts from: `a.b[c].d` → `a`. */
function rootOf(node: Node): Node {
  let current = node;
  for (;;) {
    if (Node.isPropertyAccessExpression(current) || Node.isElementAccessExpression(current) || Node.isNonNullExpression(current) || Node.isParenthesizedExpression(current)) {
      current = current.getExpression();
    } else {
      return current;
    }
  }
}

/** Does this expression stand for a value the enclosing function created? */
function isFresh(node: Node): boolean {
  if (Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isParenthesizedExpression(node) || Node.isNonNullExpression(node)) return isFresh(node.getExpression());
  if (Node.isArrayLiteralExpression(node) || Node.isObjectLiteralExpression(node) || Node.isNewExpression(node)) return true;
  if (Node.isCallExpression(node)) {
    const callee = node.getExpression();
    const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText();
    return COPYING_CALLS.has(name) || COPYING_CALLS.has(callee.getText());
  }
  if (!Node.isIdentifier(node)) return false;
  const declaration = node.getSymbol()?.getDeclarations()[0];
  if (declaration === undefined || !Node.isVariableDeclaration(declaration)) return false;
  // A local of this very function, initialized with a new value.
  const home = declaration.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a));
  const here = node.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a));
  if (home === undefined || here === undefined) return false;
  if (home !== here && !here.getAncestors().includes(home)) return false;
  const initializer = declaration.getInitializer();
  return initializer !== undefined && isFresh(initializer);
}

/** A module-level table whose declaration carries the memo marker. */
function isMemo(node: Node): boolean {
  if (!Node.isIdentifier(node)) return false;
  const declaration = node.getSymbol()?.getDeclarations()[0];
  const statement = declaration?.getFirstAncestorByKind(SyntaxKind.VariableStatement);
  return statement !== undefined && statement.getParent() === node.getSourceFile() && statement.getLeadingCommentRanges().some((c) => c.getText().includes(MEMO_MARKER));
}
