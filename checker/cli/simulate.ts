// splitbrain simulate: random walks (and, with --swarm, a swarm of differently
// narrowed walk series) for configurations an exhaustive check cannot finish.
// A violation is replayed in the configuration the user gave, minimized by
// delta debugging, and saved like check's; a run that finds nothing says what
// it covered and never says PASS.

import { randomInt } from "node:crypto";
import { z } from "zod";
import { select } from "../engine/spec-source.ts";
import { walkersOverBroker, type Walkers } from "../engine/broker/broker-walks.ts";
import { parseBrokerUrl } from "../engine/broker/link.ts";
import { simulate, type SimulationProgress } from "../engine/simulate/simulate.ts";
import { planMembers } from "../engine/simulate/swarm-plan.ts";
import { describeStyle } from "../engine/simulate/swarm-style.ts";
import { formatBytes } from "../engine/memory.ts";
import { invariantWithId } from "./catalog-page.ts";
import { untilInterrupted } from "./interrupt.ts";
import { writableFor, writeOutput } from "./output.ts";
import { DEFAULT_SPEC, type SpecEntry } from "./registry.ts";
import { parseFlags, resolveConfig, unknownNames, workersFlag } from "./shared.ts";
import { simulationJson, simulationText, type MemberPlan, type RunFacts } from "./simulate-report.ts";
import { settleFinding } from "../trace/walk-finding.ts";
import { useColor } from "./report.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

const positiveInt = (flag: string) =>
  z.coerce.number({ message: `${flag} takes a number` }).int(`${flag} takes a whole number`).positive(`${flag} must be positive`);

const simulateFlags = z
  .object({
    spec: z.string().default(DEFAULT_SPEC),
    config: z.string().optional(),
    variant: z.array(z.string()).default([]),
    set: z.array(z.string()).default([]),
    invariant: z.array(z.string()).default([]),
    witness: z.array(z.string()).default([]),
    "trace-out": z.string().optional(),
    json: z.boolean().default(false),
    quiet: z.boolean().default(false),
    workers: workersFlag,
    broker: z.string().optional(),
    "join-timeout": z.coerce.number({ message: "--join-timeout takes a number of seconds" }).positive("--join-timeout must be positive").default(60),
    seed: z.coerce
      .number({ message: "--seed takes a number" })
      .int("--seed takes a whole number")
      .min(0, "--seed must be 0 or more")
      .max(0xffffffff, "--seed must be below 4294967296")
      .optional(),
    depth: positiveInt("--depth").max(100_000, "--depth must be at most 100000").default(100),
    "time-limit": z.coerce.number({ message: "--time-limit takes a number of seconds" }).positive("--time-limit must be positive").optional(),
    walks: positiveInt("--walks").optional(),
    "max-states": positiveInt("--max-states").optional(),
    swarm: z.boolean().default(false),
    members: positiveInt("--members").max(1000, "--members must be at most 1000").optional(),
    member: z.coerce.number({ message: "--member takes a number" }).int("--member takes a whole number").min(0, "--member must be 0 or more").optional(),
    "keep-going": z.boolean().default(false),
    deadlock: z.boolean().default(false),
  })
  .refine((o) => o.swarm || (o.members === undefined && o.member === undefined), { message: "--members and --member go with --swarm", path: ["swarm"] })
  .refine((o) => o.member === undefined || o.member < (o.members ?? DEFAULT_MEMBERS), { message: "--member must be below --members (default 20)", path: ["member"] })
  .refine((o) => !o.config?.includes(","), { message: "simulate takes one --config", path: ["config"] });

const OPTIONS = {
  spec: { type: "string" },
  config: { type: "string" },
  variant: { type: "string", multiple: true },
  set: { type: "string", multiple: true },
  invariant: { type: "string", multiple: true },
  witness: { type: "string", multiple: true },
  "trace-out": { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  workers: { type: "string" },
  broker: { type: "string" },
  "join-timeout": { type: "string" },
  seed: { type: "string" },
  depth: { type: "string" },
  "time-limit": { type: "string" },
  walks: { type: "string" },
  "max-states": { type: "string" },
  swarm: { type: "boolean" },
  members: { type: "string" },
  member: { type: "string" },
  "keep-going": { type: "boolean" },
  deadlock: { type: "boolean" },
} as const;

export type SimulateFlags = z.infer<typeof simulateFlags>;

const DEFAULT_MEMBERS = 20;
/** With no budget given, a run takes a minute: "does anything break?", answered in a minute. */
const DEFAULT_SECONDS = 60;

function printProgress(p: SimulationProgress): void {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  process.stderr.write(
    `progress: ${n(p.walks)} walks, ${n(p.steps)} steps, ${n(p.distinct)} distinct states (${n(p.newPerSecond)} new/s), ` +
      `deepest ${p.deepest}, ${formatBytes(p.memoryBytes)} in use, ${(p.elapsedMs / 1000).toFixed(0)} s\n`,
  );
}

export async function runSimulate(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const flags = parseFlags(args, OPTIONS, simulateFlags, usage);
  if (!flags.ok) return fail(flags.error);
  const o = flags.value.values;
  const resolved = resolveConfig(o);
  if (!resolved.ok) return fail(resolved.error);
  const { entry, config, configName } = resolved.value;
  const whole = entry.build(config);
  const selection = { invariants: o.invariant.map((asked) => invariantWithId(whole.invariants, asked)?.name ?? asked), witnesses: o.witness };
  const unknown = unknownNames(whole, selection);
  if (unknown !== undefined) return fail({ kind: "user-error", message: unknown, exitCode: EXIT.badInput });
  if (o["trace-out"] !== undefined) {
    const writable = writableFor(o["trace-out"], "--trace-out");
    if (!writable.ok) return fail(writable.error);
  }
  const seed = o.seed ?? randomInt(0, 0xffffffff);
  const narrow = entry.narrow && ((c: unknown, random: () => number) => entry.configSchema.parse(entry.narrow!(c, random)));
  const planned = planMembers({ config, build: entry.build, source: entry.source, narrow, selection }, { seed, depth: o.depth, swarm: o.swarm ? (o.members ?? DEFAULT_MEMBERS) : undefined, only: o.member });
  const members = planned.map((p) => p.member);
  const plans: MemberPlan[] = planned.map(({ member, config: narrowed }) => ({
    index: member.index,
    config: narrowed,
    settings: `${narrowed === config ? "the configuration as given" : (entry.describeConfig?.(narrowed) ?? JSON.stringify(narrowed))}; walks: ${describeStyle(member.style)}`,
  }));
  const budgetGiven = o["time-limit"] !== undefined || o.walks !== undefined || o["max-states"] !== undefined;
  const timeLimit = o["time-limit"] ?? (budgetGiven ? undefined : DEFAULT_SECONDS);
  const say = (line: string) => {
    if (!o.quiet && !o.json) process.stderr.write(`${line}\n`);
  };
  const budget = [
    ...(o.walks !== undefined ? [`${o.walks.toLocaleString("en-US")} walks`] : []),
    ...(o["max-states"] !== undefined ? [`${o["max-states"].toLocaleString("en-US")} distinct states`] : []),
    ...(timeLimit !== undefined ? [`${timeLimit} s${budgetGiven ? "" : " (the default; set --time-limit, --walks or --max-states)"}`] : []),
  ].join(" or ");
  say(`simulating ${whole.name} [config ${configName}]: seed ${seed}, walks up to ${o.depth} steps, ${o.swarm ? `a swarm of ${o.member === undefined ? members.length : `member ${o.member} of ${o.members ?? DEFAULT_MEMBERS}`}, ` : ""}until ${budget}`);

  let walkers: Walkers | undefined;
  if (o.broker !== undefined) {
    const url = parseBrokerUrl(o.broker);
    if (!url.ok) return fail(badInput(`--broker: ${url.why}`).error);
    walkers = await walkersOverBroker({
      address: url.address,
      workers: o.workers,
      joinTimeoutMs: o["join-timeout"] * 1000,
      say,
      spec: entry.name,
      selection,
      seed,
      settings: { checkDeadlock: o.deadlock, keepGoing: o["keep-going"] },
      members: planned.map((p) => ({ index: p.member.index, config: p.config, style: p.member.style })),
    });
    if (!walkers.ok) return fail(badInput(walkers.message).error);
  }
  const runners = walkers?.ok ? walkers.runners : undefined;
  const result = await untilInterrupted((shouldStop) =>
    simulate(members, {
      runners,
      seed,
      walks: o.walks,
      maxStates: o["max-states"],
      timeLimitMs: timeLimit === undefined ? undefined : timeLimit * 1000,
      shouldStop,
      onProgress: o.quiet || o.json ? undefined : printProgress,
      progressIntervalMs: 3000,
      workers: o.workers,
      checkDeadlock: o.deadlock,
      keepGoing: o["keep-going"],
    }),
  ).finally(() => (walkers?.ok ? walkers.close() : undefined));

  const memberConfig = (index: number) => plans.find((p) => p.index === index)!.config;
  const memberSpec = (index: number) => members.find((m) => m.index === index)!.spec;
  const settled = result.findings.map((f) => settleFinding(f, entry.name, select(whole, selection), memberSpec(f.member), memberConfig(f.member), config));
  const facts: RunFacts = { spec: whole.name, specName: entry.name, configName, flags: o, seed, plans, swarm: o.swarm };
  if (o.json) process.stdout.write(JSON.stringify(simulationJson(result, settled, facts), null, 2) + "\n");
  else process.stdout.write(simulationText(result, settled, facts, whole, useColor(process.stdout)) + "\n");

  const first = settled[0];
  if (o["trace-out"] !== undefined && first !== undefined) {
    const file = { ...first.file, configName: first.inOriginal ? [configName, ...o.variant].join(" + ") : `${configName}, narrowed by swarm member ${first.member}` };
    const written = writeOutput(o["trace-out"], JSON.stringify(file, null, 2) + "\n", "trace file");
    if (!written.ok) return fail(written.error);
    say(`trace: ${o["trace-out"]}; replay, minimize or view it with splitbrain replay|minimize|view ${o["trace-out"]}`);
  }
  switch (result.verdict.kind) {
    case "violation":
      return EXIT.violation;
    case "incomplete":
      return EXIT.incomplete;
    case "none-found":
      return EXIT.pass;
  }
}
