// After `stryker run` (npm run mutation): the mutation score of each engine
// file, with the survivors judged equivalent (checker/quality/mutation-equivalents.json,
// each with its reason) left out. Exits 1 when a file scores below the
// threshold, or when an equivalent listed there no longer exists (so the list
// cannot silently go stale), and prints every survivor that counts.

import { readFileSync } from "node:fs";
import { z } from "zod";

const THRESHOLD = 90;
const REPORT = "reports/mutation/mutation.json";
const EQUIVALENTS = "checker/quality/mutation-equivalents.json";

const location = z.object({ line: z.number(), column: z.number() });
const report = z.object({
  files: z.record(
    z.string(),
    z.object({
      source: z.string(),
      mutants: z.array(
        z.object({
          mutatorName: z.string(),
          replacement: z.string().optional(),
          status: z.string(),
          statusReason: z.string().optional(),
          location: z.object({ start: location, end: location }),
        }),
      ),
    }),
  ),
});

const equivalents = z.array(
  z.strictObject({
    file: z.string(),
    /** The source line the mutant starts on, trimmed: it says where, and survives lines moving. */
    line: z.string(),
    mutator: z.string(),
    original: z.string(),
    replacement: z.string(),
    /** "equivalent": no behaviour changes; "timing": only when progress is reported or the search yields. */
    kind: z.enum(["equivalent", "timing"]),
    reason: z.string().min(10),
  }),
);

type Mutant = z.infer<typeof report>["files"][string]["mutants"][number];

/** The source text a mutant replaces (lines and columns are 1-based). */
function originalText(lines: readonly string[], m: Mutant): string {
  const { start, end } = m.location;
  if (start.line === end.line) return lines[start.line - 1]!.slice(start.column - 1, end.column - 1);
  return [lines[start.line - 1]!.slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]!.slice(0, end.column - 1)].join("\n");
}

const squash = (text: string) => text.replace(/\s+/g, " ").trim();
const key = (file: string, line: string, mutator: string, original: string, replacement: string) =>
  JSON.stringify([file, squash(line), mutator, squash(original), squash(replacement)]);

function main(): number {
  const parsed = report.safeParse(JSON.parse(readFileSync(REPORT, "utf8")));
  if (!parsed.success) {
    process.stderr.write(`${REPORT}: not a Stryker report: ${parsed.error.issues[0]?.message}\n`);
    return 2;
  }
  const listed = equivalents.safeParse(JSON.parse(readFileSync(EQUIVALENTS, "utf8")));
  if (!listed.success) {
    const issue = listed.error.issues[0]!;
    process.stderr.write(`${EQUIVALENTS}: ${issue.path.join(".")}: ${issue.message}\n`);
    return 2;
  }
  const entries = new Map(listed.data.map((e) => [key(e.file, e.line, e.mutator, e.original, e.replacement), e]));
  const unused = new Set(entries.keys());
  const survivors: string[] = [];
  let failed = false;
  process.stdout.write(`${"file".padEnd(32)} ${"killed".padStart(7)} ${"survived".padStart(9)} ${"equivalent".padStart(11)} ${"score".padStart(7)}\n`);
  for (const [file, { source, mutants }] of Object.entries(parsed.data.files).sort()) {
    const lines = source.split("\n");
    let killed = 0;
    let survived = 0;
    let equivalent = 0;
    for (const m of mutants) {
      const original = originalText(lines, m);
      const line = lines[m.location.start.line - 1]!;
      const k = key(file, line, m.mutatorName, original, m.replacement ?? "");
      // A mutant listed as changing only speed may time out on a loaded
      // machine: that is no kill, and its entry still stands.
      // vitest's own per-test timeout reports a slow mutant as killed: it is a timeout too.
      const timedOut = m.status === "Timeout" || (m.status === "Killed" && /^Test timed out in \d+ms/.test(m.statusReason ?? ""));
      if (timedOut && entries.has(k)) {
        unused.delete(k);
        equivalent++;
        continue;
      }
      if (m.status === "Killed" || m.status === "Timeout") killed++;
      if (m.status !== "Survived" && m.status !== "NoCoverage") continue;
      if (entries.has(k)) {
        unused.delete(k);
        equivalent++;
        continue;
      }
      survived++;
      survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} ${JSON.stringify(original)} → ${JSON.stringify(m.replacement ?? "")} (${m.status}) in: ${squash(line)}`);
    }
    const score = killed + survived === 0 ? 100 : (100 * killed) / (killed + survived);
    if (score < THRESHOLD) failed = true;
    process.stdout.write(`${file.padEnd(32)} ${String(killed).padStart(7)} ${String(survived).padStart(9)} ${String(equivalent).padStart(11)} ${score.toFixed(1).padStart(6)}%\n`);
  }
  if (survivors.length > 0) process.stdout.write(`\nSurvivors that count against the score:\n${survivors.map((s) => `  ${s}`).join("\n")}\n`);
  for (const e of [...unused].map((k) => entries.get(k)!)) {
    process.stdout.write(`\n${EQUIVALENTS}: no surviving mutant matches ${e.file} ${e.mutator} ${JSON.stringify(e.original)} → ${JSON.stringify(e.replacement)} in: ${e.line}; remove it\n`);
    failed = true;
  }
  process.stdout.write(failed ? `\nFAIL: every file must score at least ${THRESHOLD}%\n` : `\nPASS: every file scores at least ${THRESHOLD}%\n`);
  return failed ? 1 : 0;
}

process.exitCode = main();
