// The purity check flags every kind of impurity it names, at its file and
// line, and lets through what a pure function may do.

import { describe, expect, it } from "vitest";
import { checkPurityOfSources, showFinding } from "./purity-check.ts";

/** One small model file per impurity; the impure line is always line 2. */
const IMPURE: Record<string, string> = {
  "clock.ts": "export function next(s: { t: number }) {\n  return { ...s, t: Date.now() };\n}",
  "performance.ts": "export function next(s: { t: number }) {\n  return { ...s, t: performance.now() };\n}",
  "random.ts": "export function next(s: { r: number }) {\n  return { ...s, r: Math.random() };\n}",
  "environment.ts": "export function next(s: { n: number }) {\n  return { ...s, n: Number(process.env.N) };\n}",
  "console.ts": "export function next(s: { n: number }) {\n  console.log(s);\n  return s;\n}",
  "network.ts": "export async function next(s: { n: number }) {\n  await fetch('http://localhost');\n  return s;\n}",
  "timer.ts": "export function next(s: { n: number }) {\n  setTimeout(() => {}, 1);\n  return s;\n}",
  "file-io.ts": "import { readFileSync } from 'node:fs';\nexport const next = (s: { n: number }) => ({ ...s, text: readFileSync('x') });",
  "dynamic-import.ts": "export async function next(s: { n: number }) {\n  await import('node:fs');\n  return s;\n}",
  "assign.ts": "export function next(s: { n: number }) {\n  s.n = 1;\n  return s;\n}",
  "compound-assign.ts": "export function next(s: { n: number }) {\n  s.n += 1;\n  return s;\n}",
  "element-assign.ts": "export function next(s: { xs: number[] }) {\n  s.xs[0] = 1;\n  return s;\n}",
  "increment.ts": "export function next(s: { xs: number[] }) {\n  s.xs.length++;\n  return s;\n}",
  "decrement.ts": "export function next(s: { n: number }) {\n  --s.n;\n  return s;\n}",
  "delete.ts": "export function next(s: { n?: number }) {\n  delete s.n;\n  return s;\n}",
  "push.ts": "export function next(s: { xs: number[] }) {\n  s.xs.push(1);\n  return s;\n}",
  "sort.ts": "export function next(s: { xs: number[] }) {\n  s.xs.sort();\n  return s;\n}",
  "splice.ts": "export function next(xs: number[]) {\n  xs.splice(0, 1);\n  return xs;\n}",
  "map-set.ts": "export function next(s: { m: Map<string, number> }) {\n  s.m.set('a', 1);\n  return s;\n}",
  "set-add.ts": "export function next(s: { s: Set<number> }) {\n  s.s.add(1);\n  return s;\n}",
  "set-delete.ts": "export function next(s: { s: Set<number> }) {\n  s.s.delete(1);\n  return s;\n}",
  "object-assign.ts": "export function next(s: { n: number }) {\n  Object.assign(s, { n: 1 });\n  return s;\n}",
  "define-property.ts": "export function next(s: { n: number }) {\n  Object.defineProperty(s, 'n', { value: 1 });\n  return s;\n}",
  "alias.ts": "export function next(s: { xs: number[] }) {\n  const xs = s.xs; xs.push(1);\n  return s;\n}",
};

const PURE = `
import { z } from "zod";
const schema = z.object({ n: z.number() });
export function next(s: { readonly xs: readonly number[]; readonly n: number }) {
  const copy = [...s.xs];
  copy.push(s.n);
  const seen = new Set<number>();
  for (const x of copy) seen.add(x);
  const sorted = s.xs.map((x) => x + 1).sort();
  const fresh = { a: 1 } as { a: number };
  fresh.a = 2;
  const counts = Array(3).fill(0);
  const walk = (i: number) => { seen.add(i); };
  walk(1);
  const date = { now: () => 1 };
  return { ...s, xs: [...copy, ...sorted, ...counts].sort(), n: schema.parse(s).n + date.now() + fresh.a };
}`;

// One project for all of them: loading TypeScript's library files is the slow part.
const impureFindings = checkPurityOfSources(IMPURE).map(showFinding);

describe("the purity check", () => {
  it.each(Object.entries(IMPURE))("flags %s at its line", (file, text) => {
    const findings = impureFindings.filter((f) => f.startsWith(`${file}:`));
    expect(findings.length, text).toBeGreaterThan(0);
    expect(findings[0]).toMatch(new RegExp(`^${file.replace(".", "\\.")}:(1|2): `));
  });

  it("names what is wrong", () => {
    expect(impureFindings).toEqual(
      expect.arrayContaining([
        "clock.ts:2: uses Date",
        "random.ts:2: uses Math.random",
        "environment.ts:2: uses process",
        "console.ts:2: uses console",
        "file-io.ts:1: imports node:fs",
        "push.ts:2: push() changes s.xs",
        "increment.ts:2: changes s.xs.length in place",
        "delete.ts:2: deletes s.n",
        "object-assign.ts:2: Object.assign changes s",
        "alias.ts:2: push() changes xs",
      ]),
    );
  });

  it("lets through what a pure function may do: change what it created itself", () => {
    expect(checkPurityOfSources({ "pure.ts": PURE }).map(showFinding)).toEqual([]);
  });

  it("lets a module-level memo table be filled only when its declaration says so", () => {
    const memo = (marked: boolean) => `${marked ? "// purity: memo\n" : ""}const cache = new Map<number, number>();\nexport const f = (n: number) => { cache.set(n, n); return n; };`;
    expect(checkPurityOfSources({ "marked.ts": memo(true), "unmarked.ts": memo(false) }).map(showFinding)).toEqual(["unmarked.ts:2: set() changes cache"]);
  });
});
