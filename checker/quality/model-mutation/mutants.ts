// The mutants of a model's rules: small, plausible one-place changes of the
// kind a student makes when implementing the lab. Each one drops a conjunct
// from a guard, negates or shifts a comparison, makes a branch always or never
// taken, or skips a state update (a field not changed, a message not sent).
//
// Made with ts-morph over the rule files, so every mutant has a place (file,
// function, line), a rule (the rule ID nearest it in the code) and a name a
// person can read. The code under `ctx.bug(...)` is the variants' and is left
// alone, as is what only tells rule coverage a branch ran.

import { Node, Project, SyntaxKind, type SourceFile } from "ts-morph";

export type Operator = "always" | "never" | "drop-condition" | "flip-comparison" | "shift-bound" | "drop-negation" | "skip-field" | "skip-update";

export interface Mutant {
  /** Unique and stable while the code around it stays: file, function and the change in words. */
  readonly name: string;
  readonly file: string;
  readonly fn: string;
  /** The rule ID nearest the change in the code (PB-5, VS-3, ...). */
  readonly rule: string;
  /** The rule branches (model/rules.ts) whose code this change lies in or guards. */
  readonly branches: readonly string[];
  readonly operator: Operator;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly original: string;
  readonly replacement: string;
}

/** Where a model keeps its rules: the files to mutate, and the calls that only observe. */
export interface RuleSources {
  readonly files: readonly string[];
  /** Calls whose first argument is the state and whose result is a changed state: skipping one skips an update. */
  readonly updates: readonly string[];
  /** Functions in those files that are not rules (bounds of the search, say). */
  readonly skip: readonly string[];
}

export const PROTOCOL_RULES: RuleSources = {
  files: ["model/server.ts", "model/view-service.ts", "model/client.ts", "model/faults.ts"],
  updates: ["send", "answer", "withServer", "withClient", "updateServer"],
  // The fault budgets and the view cap bound the search; they are not rules of the protocol.
  skip: ["canSpend", "spend", "restartViewService", "cut", "isolate", "heal", "drop", "duplicate", "withinViewCap"],
};

const COMMENT_RULE = /^\s*(?:\/\/|\/\*\*?|\*)\s*((?:PB|VS|CL)-\d+b?)\b/;
const BRANCH_ID = /^((?:PB|VS|CL)-\d+b?) /;
const BRANCH_RULE = /(?:taking\(ctx, |took\()"((?:PB|VS|CL)-\d+b?) /;
const COMPARISON_FLIP: Record<string, string> = { "===": "!==", "!==": "===" };
const BOUND_SHIFT: Record<string, string> = { "<": "<=", "<=": "<", ">": ">=", ">=": ">" };

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const short = (text: string, max = 60) => {
  const s = squash(text);
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
};
/** Code that belongs to a variant, or only reports to rule coverage: not a rule's logic. */
const isBookkeeping = (node: Node) => /\bctx\.(bug|took)\(/.test(node.getText());
/** An `if` that only tells rule coverage a branch ran: its condition decides nothing else. */
const onlyCounts = (node: Node): boolean =>
  Node.isIfStatement(node) && node.getElseStatement() === undefined && /^ctx\.took\([^;]*\);?$/.test(node.getThenStatement().getText());
const isVariantSwitch = (node: Node): boolean => {
  const n = Node.isPrefixUnaryExpression(node) ? node.getOperand() : Node.isParenthesizedExpression(node) ? node.getExpression() : node;
  return Node.isCallExpression(n) && /^ctx\.bug\(/.test(n.getText());
};

/** Is this condition true only while some variant is switched on? */
function requiresVariant(node: Node): boolean {
  if (Node.isParenthesizedExpression(node)) return requiresVariant(node.getExpression());
  if (Node.isCallExpression(node)) return /^ctx\.bug\(/.test(node.getText());
  // A constant that holds a variant's switch: `const keepPending = ctx.bug("keep-stale-forward")`.
  if (Node.isIdentifier(node)) {
    const declaration = node.getSymbol()?.getDeclarations()[0];
    const init = declaration !== undefined && Node.isVariableDeclaration(declaration) ? declaration.getInitializer() : undefined;
    return init !== undefined && requiresVariant(init);
  }
  if (Node.isBinaryExpression(node)) {
    const op = node.getOperatorToken().getText();
    if (op === "&&") return requiresVariant(node.getLeft()) || requiresVariant(node.getRight());
    if (op === "||") return requiresVariant(node.getLeft()) && requiresVariant(node.getRight());
  }
  return false;
}

/**
 * Code that runs only under a variant belongs to the variant, which the
 * catalog already shows caught: the branch of a condition that needs a
 * variant switched on, that condition itself, and what `ctx.bug(v) && ...`
 * evaluates after the switch.
 */
function isVariantCode(node: Node): boolean {
  for (let child: Node = node, at = node.getParent(); at !== undefined; child = at, at = at.getParent()) {
    // The condition of a branch that only tells rule coverage it ran decides nothing else.
    if (child === (Node.isIfStatement(at) ? at.getExpression() : undefined) && onlyCounts(at)) return true;
    if (Node.isIfStatement(at) && requiresVariant(at.getExpression()) && child !== at.getElseStatement()) return true;
    if (Node.isConditionalExpression(at) && requiresVariant(at.getCondition()) && child !== at.getWhenFalse()) return true;
    if (Node.isBinaryExpression(at) && at.getOperatorToken().getText() === "&&" && child === at.getRight() && requiresVariant(at.getLeft())) return true;
    if (requiresVariant(child) && Node.isBinaryExpression(at)) return true;
  }
  return false;
}

/** The top-level function or constant a node lies in, with its name. */
function enclosingRule(node: Node): { name: string; node: Node } | undefined {
  let at: Node | undefined = node;
  while (at !== undefined && !Node.isSourceFile(at.getParent())) at = at.getParent();
  if (at === undefined) return undefined;
  if (Node.isFunctionDeclaration(at)) return { name: at.getName() ?? "(anonymous)", node: at };
  if (Node.isVariableStatement(at)) {
    const decl = at.getDeclarations()[0];
    const init = decl?.getInitializer();
    if (decl !== undefined && init !== undefined && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) return { name: decl.getName(), node: at };
  }
  return undefined;
}

/** Rule IDs by line: a comment that opens with one (`// PB-5: ...`), or a branch name given to rule coverage. */
function ruleMarks(file: SourceFile): Map<number, string> {
  const marks = new Map<number, string>();
  file.getFullText().split("\n").forEach((line, i) => {
    const id = COMMENT_RULE.exec(line)?.[1] ?? BRANCH_RULE.exec(line)?.[1];
    if (id !== undefined) marks.set(i + 1, id);
  });
  return marks;
}

function ruleAt(marks: Map<number, string>, line: number, from: number, to: number): string {
  for (let l = line; l >= from; l--) {
    const id = marks.get(l);
    if (id !== undefined) return id;
  }
  for (let l = line + 1; l <= to; l++) {
    const id = marks.get(l);
    if (id !== undefined) return id;
  }
  return "none";
}

/** The branch names given to rule coverage, and the code each one's being taken depends on. */
function branchRegions(file: SourceFile): { name: string; start: number; end: number }[] {
  const regions: { name: string; start: number; end: number }[] = [];
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression().getText();
    if (callee !== "taking" && callee !== "ctx.took") continue;
    const arg = call.getArguments()[callee === "taking" ? 1 : 0];
    if (arg === undefined || !Node.isStringLiteral(arg)) continue;
    const name = arg.getLiteralValue();
    // The condition that decides the branch; a variant's switch decides only whether the variant's code runs.
    const guard = call.getFirstAncestor((a) => (Node.isIfStatement(a) && !requiresVariant(a.getExpression())) || (Node.isConditionalExpression(a) && !requiresVariant(a.getCondition())));
    const fn = enclosingRule(call);
    if (fn === undefined) continue;
    if (guard !== undefined && guard.getStart() >= fn.node.getStart() && !onlyCounts(guard)) regions.push({ name, start: guard.getStart(), end: guard.getEnd() });
    // Taken by falling through: every guard before it in the function decides it, and what follows is its work.
    else regions.push({ name, start: fn.node.getStart(), end: fn.node.getEnd() });
  }
  return regions;
}

/** Every mutant of the rule files, in file order. `read` gives a file's text (a test may give a planted one). */
export function generateMutants(sources: RuleSources, read: (file: string) => string): Mutant[] {
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowImportingTsExtensions: true, noEmit: true } });
  return sources.files.flatMap((path) => mutantsOf(project.createSourceFile(path, read(path)), path, sources));
}

function mutantsOf(file: SourceFile, path: string, sources: RuleSources): Mutant[] {
  const marks = ruleMarks(file);
  const regions = branchRegions(file);
  const out: Mutant[] = [];
  const seen = new Map<string, number>();
  const add = (node: Node, operator: Operator, replacement: string, what: string) => {
    const fn = enclosingRule(node);
    if (fn === undefined || sources.skip.includes(fn.name) || isVariantCode(node)) return;
    const line = node.getStartLineNumber();
    // From the comments above the function: that is where a rule's ID usually is.
    const fnFrom = file.getLineAndColumnAtPos(fn.node.getFullStart()).line;
    const start = node.getStart();
    const end = node.getEnd();
    const around = regions.filter((r) => start >= r.start && end <= r.end);
    // The rule of the innermost branch the change lies in, or else of the comment nearest above it.
    const innermost = around.reduce<(typeof around)[number] | undefined>((best, r) => (best === undefined || r.end - r.start < best.end - best.start ? r : best), undefined);
    const rule = (innermost !== undefined ? BRANCH_ID.exec(innermost.name)?.[1] : undefined) ?? ruleAt(marks, line, fnFrom, fn.node.getEndLineNumber());
    const base = `${rule === "none" ? "(no rule ID)" : rule} ${fn.name}: ${what}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const branches = around.map((r) => r.name);
    out.push({ name: n === 1 ? base : `${base} (${n})`, file: path, fn: fn.name, rule, branches: [...new Set(branches)], operator, line, start, end, original: node.getText(), replacement });
  };

  file.forEachDescendant((node) => {
    // A branch made always or never taken (not one that only tells rule coverage it ran).
    if (Node.isIfStatement(node) || Node.isConditionalExpression(node)) {
      const condition = Node.isIfStatement(node) ? node.getExpression() : node.getCondition();
      if (!isVariantSwitch(condition) && !onlyCounts(node)) {
        const where = Node.isIfStatement(node) ? `if (${short(condition.getText())})` : `${short(condition.getText())} ? …`;
        add(condition, "always", "true", `${where} always taken`);
        add(condition, "never", "false", `${where} never taken`);
      }
    }
    // A conjunct or disjunct of a condition dropped.
    if (Node.isBinaryExpression(node)) {
      const op = node.getOperatorToken().getText();
      if (op === "&&" || op === "||") {
        for (const [keep, drop] of [
          [node.getRight(), node.getLeft()],
          [node.getLeft(), node.getRight()],
        ] as const) {
          if (isBookkeeping(drop)) continue;
          add(node, "drop-condition", keep.getText(), `\`${short(drop.getText(), 50)}\` dropped from \`${short(node.getText(), 70)}\``);
        }
      }
      const flip = COMPARISON_FLIP[op];
      if (flip !== undefined && !isBookkeeping(node)) {
        add(node.getOperatorToken(), "flip-comparison", flip, `\`${short(node.getText())}\` with ${flip} for ${op}`);
      }
      const shift = BOUND_SHIFT[op];
      if (shift !== undefined && !isBookkeeping(node)) {
        add(node.getOperatorToken(), "shift-bound", shift, `\`${short(node.getText())}\` with ${shift} for ${op}`);
      }
    }
    // A negation removed.
    if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken && !isVariantSwitch(node) && !isBookkeeping(node)) {
      add(node, "drop-negation", node.getOperand().getText(), `\`${short(node.getText())}\` without the !`);
    }
    // One field of a state update left as it was.
    if (Node.isObjectLiteralExpression(node) && node.getProperties().some((p) => Node.isSpreadAssignment(p))) {
      const props = node.getProperties();
      const firstSpread = props.findIndex((p) => Node.isSpreadAssignment(p));
      props.forEach((p, i) => {
        if (i < firstSpread || !(Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p)) || isBookkeeping(p)) return;
        const kept = [...props.slice(0, i), ...props.slice(i + 1)].map((q) => q.getText()).join(", ");
        add(node, "skip-field", `{ ${kept} }`, `\`${short(node.getText(), 70)}\` leaves ${p.getName()} unchanged`);
      });
    }
    // A whole update skipped: the state goes on as it was (a message not sent, a server not changed).
    if (Node.isCallExpression(node) && sources.updates.includes(node.getExpression().getText()) && node.getArguments().length > 0) {
      const first = node.getArguments()[0]!;
      add(node, "skip-update", first.getText(), `\`${short(node.getText(), 70)}\` skipped`);
    }
  });
  return out;
}

/** The file's text with the mutant applied. */
export function applyMutant(text: string, mutant: Mutant): string {
  const original = text.slice(mutant.start, mutant.end);
  if (original !== mutant.original) throw new Error(`mutant ${mutant.name}: the file changed since it was made`);
  const isOperator = mutant.operator === "flip-comparison" || mutant.operator === "shift-bound";
  const replacement = isOperator ? mutant.replacement : `(${mutant.replacement})`;
  return text.slice(0, mutant.start) + replacement + text.slice(mutant.end);
}
