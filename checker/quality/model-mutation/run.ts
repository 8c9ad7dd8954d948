// A mutation run: make the mutants, set aside those that do not type-check,
// take the others' results from the record where nothing they depend on
// changed, and check the rest, each in a copy of the model with that one
// change, in up to `workers` processes at once.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { typeErrors } from "./compile.ts";
import type { Baseline, KillerPlan, Outcome } from "./killer.ts";
import { applyMutant, generateMutants, type Mutant, type RuleSources } from "./mutants.ts";
import { mutantKeys, readRecord, writeRecord, type Result } from "./record.ts";

export interface RunOptions {
  readonly repository: string;
  readonly sources: RuleSources;
  readonly plan: KillerPlan;
  readonly workers: number;
  /** Run every mutant again, whatever the record says. */
  readonly full: boolean;
  /** Only the mutants this picks (the record keeps what it said of the others). */
  readonly only?: (mutant: Mutant) => boolean;
  /** The record to read and update; none: run everything, write nothing. */
  readonly record?: string;
  /** Text of the rule files, by path, instead of what is on disk (a test plants a mutant this way). */
  readonly read?: (file: string) => string;
  readonly onResult?: (mutant: Mutant, result: Result, done: number, of: number) => void;
  readonly shouldStop?: () => string | undefined;
}

export interface RunResult {
  readonly mutants: readonly Mutant[];
  readonly results: ReadonlyMap<string, Result>;
  /** How many were checked in this run (the others came from the record or the type checker). */
  readonly checked: number;
  readonly stopped?: string;
  readonly elapsedMs: number;
}

/** In the repository, not beside this module: the command line runs from a bundle elsewhere. */
const RUNNER = "checker/quality/model-mutation/run-mutant.ts";

export async function runMutation(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { repository, sources, plan } = options;
  // The files as they were when the run began: an edit during a long run must not mix two versions.
  const texts = new Map<string, string>();
  const read = (file: string) => {
    if (!texts.has(file)) texts.set(file, options.read?.(file) ?? readFileSync(join(repository, file), "utf8"));
    return texts.get(file)!;
  };
  const all = generateMutants(sources, read);
  const mutants = options.only === undefined ? all : all.filter(options.only);
  const keys = mutantKeys(repository, sources, plan, all);
  const record = options.record === undefined ? { mutants: {} as Record<string, { key: string; result: Result }> } : readRecord(options.record);
  const recorded = new Map<string, Result>();
  for (const m of all) {
    const kept = record.mutants[m.name];
    if (kept !== undefined && kept.key === keys.get(m.name) && options.read === undefined) recorded.set(m.name, kept.result);
  }
  const results = new Map<string, Result>();
  if (!options.full) for (const m of mutants) if (recorded.has(m.name)) results.set(m.name, recorded.get(m.name)!);
  const pending = mutants.filter((m) => !results.has(m.name));
  const errors = pending.length === 0 ? new Map<string, string>() : typeErrors(repository, pending, read);
  for (const [name, message] of errors) results.set(name, { kind: "type-error", message });
  const toCheck = pending.filter((m) => !errors.has(m.name));

  // Mutants left out by `only` keep what the record said of them.
  const save = () => {
    if (options.record !== undefined && options.read === undefined) writeRecord(options.record, all, keys, new Map([...recorded, ...results]));
  };
  let stopped: string | undefined;
  if (toCheck.length > 0) {
    const base = (await inProcess(repository, { root: repository, repository, plan })) as Baseline | "interrupted";
    if (base === "interrupted") stopped = options.shouldStop?.() ?? "interrupted by a signal";
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < toCheck.length) {
        stopped ??= options.shouldStop?.();
        if (stopped !== undefined) return;
        const mutant = toCheck[next++]!;
        const result = await checkOne(repository, read, mutant, plan, base as Baseline);
        // Ctrl-C reaches the mutant's process too: what it was checking stays unchecked.
        if (result === "interrupted") continue;
        results.set(mutant.name, result);
        // Kept as it goes: a run that is stopped keeps what it checked.
        save();
        options.onResult?.(mutant, result, ++done, toCheck.length);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.workers) }, worker));
  }
  save();
  return { mutants, results, checked: toCheck.filter((m) => results.has(m.name)).length, ...(stopped === undefined ? {} : { stopped }), elapsedMs: Date.now() - started };
}

/** A copy of the model with the mutant applied; the rest of the repository is linked, not copied. */
function mutantCopy(repository: string, read: (file: string) => string, mutant: Mutant): string {
  const root = mkdtempSync(join(tmpdir(), "splitbrain-mutant-"));
  mkdirSync(join(root, "model"));
  for (const f of readdirSync(join(repository, "model"))) {
    // Another protocol's folder (model/raft/) is not mutated here, but the registry imports it.
    if (statSync(join(repository, "model", f)).isDirectory()) {
      symlinkSync(join(repository, "model", f), join(root, "model", f));
      continue;
    }
    if (!f.endsWith(".ts") || f.endsWith(".test.ts")) continue;
    const path = `model/${f}`;
    writeFileSync(join(root, path), path === mutant.file ? applyMutant(read(path), mutant) : read(path));
  }
  for (const linked of ["checker", "spec", "examples", "node_modules", "package.json"]) symlinkSync(join(repository, linked), join(root, linked));
  return root;
}

/** A mutant whose checks take this long is stopped: a model that never finishes a check would not go unnoticed. */
const TIMEOUT_MS = 300_000;

async function checkOne(repository: string, read: (file: string) => string, mutant: Mutant, plan: KillerPlan, base: Baseline): Promise<Result | "interrupted"> {
  const root = mutantCopy(repository, read, mutant);
  try {
    const outcome = await inProcess(repository, { root, repository, plan, baseline: base }, TIMEOUT_MS);
    if (outcome === "interrupted") return outcome;
    return outcome === "timeout" ? { kind: "crashed", by: "the time limit", message: `its checks did not finish in ${TIMEOUT_MS / 1000} s` } : (outcome as Outcome);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs run-mutant.ts on a job in a process of its own, and reads its one line of JSON. */
function inProcess(repository: string, job: object, timeoutMs?: number): Promise<unknown> {
  const file = join(mkdtempSync(join(tmpdir(), "splitbrain-job-")), "job.json");
  writeFileSync(file, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(repository, RUNNER), file], { cwd: repository, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let timedOut = false;
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      rmSync(join(file, ".."), { recursive: true, force: true });
      if (timedOut) return resolve("timeout");
      if (signal === "SIGINT" || signal === "SIGTERM") return resolve("interrupted");
      const line = out.trim().split("\n").at(-1);
      if (code === 0 && line !== undefined && line !== "") resolve(JSON.parse(line));
      else reject(new Error(`mutant runner exited with ${code}: ${err.trim().split("\n").slice(-3).join(" / ")}`));
    });
  });
}
