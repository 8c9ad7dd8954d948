// splitbrain mutate: is the check strong enough? Breaks each rule of the
// model in small ways (checker/quality/model-mutation/) and reports, per
// rule, which breakages the checks notice. Run from the repository's folder:
// it mutates model/ and reads spec/.

import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { DEFAULT_PLAN, livenessName, type KillerPlan } from "../quality/model-mutation/killer.ts";
import { PROTOCOL_RULES, type Mutant } from "../quality/model-mutation/mutants.ts";
import { equivalentsSchema, formatReport, judgeRun } from "../quality/model-mutation/report.ts";
import { runMutation } from "../quality/model-mutation/run.ts";
import { RULE_BRANCHES } from "../../model/rules.ts";
import { NAMED_CONFIGS } from "../../spec/configs/index.ts";
import { untilInterrupted } from "./interrupt.ts";
import { parseFlags, readJson, workersFlag } from "./shared.ts";
import { badInput, describeZodError, EXIT, type UserError } from "./user-error.ts";

export const RECORD = "checker/quality/model-mutation/record.json";
export const EQUIVALENTS = "spec/equivalent-mutants.json";

const flags = z.object({
  workers: workersFlag,
  full: z.boolean().default(false),
  rule: z.string().optional(),
  config: z
    .string()
    .optional()
    .transform((text) => text?.split(",").map((s) => s.trim()))
    .refine((names) => names === undefined || names.every((n) => n in NAMED_CONFIGS), { message: `--config takes named configurations, comma-separated: ${Object.keys(NAMED_CONFIGS).join(", ")}` }),
  "swarm-walks": z
    .string()
    .optional()
    .transform((text) => (text === undefined ? undefined : Number(text)))
    .refine((n) => n === undefined || (Number.isInteger(n) && n >= 0), { message: "--swarm-walks takes a whole number (0: no swarm)" }),
  "no-liveness": z.boolean().default(false),
  verbose: z.boolean().default(false),
});

const OPTIONS = {
  workers: { type: "string" },
  full: { type: "boolean" },
  rule: { type: "string" },
  config: { type: "string" },
  "swarm-walks": { type: "string" },
  "no-liveness": { type: "boolean" },
  verbose: { type: "boolean" },
} as const;

export async function runMutate(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const parsed = parseFlags(args, { ...OPTIONS }, flags, usage);
  if (!parsed.ok) return fail(parsed.error);
  const o = parsed.value.values;
  const repository = process.cwd();
  if (!PROTOCOL_RULES.files.every((f) => existsSync(join(repository, f)))) {
    return fail(badInput(`mutate: run it in the repository's folder: it mutates ${PROTOCOL_RULES.files.join(", ")} and finds none of them here`).error);
  }
  const raw = readJson(join(repository, EQUIVALENTS), "list of equivalent mutants");
  if (!raw.ok) return fail(raw.error);
  const equivalents = equivalentsSchema.safeParse(raw.value);
  if (!equivalents.success) return fail(badInput(describeZodError(EQUIVALENTS, equivalents.error)).error);

  const plan: KillerPlan = {
    configs: o.config ?? DEFAULT_PLAN.configs,
    ...(o["no-liveness"] || DEFAULT_PLAN.liveness === undefined ? {} : { liveness: DEFAULT_PLAN.liveness }),
    ...(o["swarm-walks"] === 0 || DEFAULT_PLAN.swarm === undefined ? {} : { swarm: { ...DEFAULT_PLAN.swarm, walks: o["swarm-walks"] ?? DEFAULT_PLAN.swarm.walks } }),
  };
  const isDefault = JSON.stringify(plan) === JSON.stringify(DEFAULT_PLAN);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  say(`mutate: the rules in ${PROTOCOL_RULES.files.join(", ")}`);
  say(`killer: exhaustive ${plan.configs.join(", ")} (each stops at its first violation)${(plan.liveness ?? []).map((run) => `; ${livenessName(run)}`).join("")}${plan.swarm ? `; a swarm of ${plan.swarm.walks} walks (seed ${plan.swarm.seed}) on each of ${plan.swarm.files.map((f) => f.split("/").pop()).join(", ")}` : ""}`);
  if (!isDefault) say("(not the default killer: the record in " + RECORD + " is neither used nor changed)");

  const run = await untilInterrupted((shouldStop) =>
    runMutation({
      repository,
      sources: PROTOCOL_RULES,
      plan,
      workers: o.workers,
      full: o.full,
      ...(o.rule === undefined ? {} : { only: (m: Mutant) => m.rule === o.rule || m.name.includes(o.rule!) }),
      ...(isDefault ? { record: join(repository, RECORD) } : {}),
      shouldStop,
      onResult: (mutant, result, done, of) => say(`  [${done}/${of}] ${mutant.name}: ${result.kind === "killed" ? `killed by ${result.by}` : result.kind}`),
    }),
  );
  const argued = o.rule === undefined ? equivalents.data : equivalents.data.filter((e) => run.mutants.some((m) => m.name === e.mutant));
  const judged = judgeRun(run.mutants, run.results, argued, o.rule === undefined ? RULE_BRANCHES : []);
  process.stdout.write(`${formatReport(run.mutants, run.results, judged, o.verbose)}\n`);
  const minutes = (run.elapsedMs / 60_000).toFixed(1);
  process.stdout.write(`${run.checked} mutant(s) checked in this run, the rest from ${isDefault ? RECORD : "nothing"} or the type checker; ${minutes} min\n`);
  if (run.stopped !== undefined) {
    const missing = run.mutants.filter((m) => !run.results.has(m.name)).length;
    process.stdout.write(`INCOMPLETE: ${run.stopped}; ${missing} mutant(s) not checked (what was checked is kept in the record)\n`);
    return EXIT.incomplete;
  }
  return judged.ok ? EXIT.pass : EXIT.violation;
}
