// What simulate prints: a violation replayed in the configuration the user
// gave and minimized, then what the walks covered (distinct states, new ones
// per second over time, witnesses, rule branches never taken, the deepest
// walk), the swarm's members, and the command that reruns the run.

import type { SimulationResult } from "../engine/simulate/simulate.ts";
import type { Settled } from "../trace/walk-finding.ts";
import { traceLines, type Reading } from "./report.ts";
import type { SimulateFlags } from "./simulate.ts";

/** One member of the run as the summary names it. */
export interface MemberPlan {
  readonly index: number;
  readonly config: unknown;
  /** Its narrowing and walk style, in words. */
  readonly settings: string;
}

export interface RunFacts {
  readonly spec: string;
  readonly specName: string;
  readonly configName: string;
  readonly flags: SimulateFlags;
  readonly seed: number;
  readonly plans: readonly MemberPlan[];
  readonly swarm: boolean;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** The command that runs the same walks again: the same seed, and the walks this run merged as its budget. */
export function rerunCommand(facts: RunFacts, walks: number, member?: number): string {
  const o = facts.flags;
  const words = ["npx splitbrain simulate"];
  // Quoted only where a shell needs it.
  const q = (word: string) => (/^[\w./:=+-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);
  if (o.spec !== "primary-backup") words.push(`--spec ${q(o.spec)}`);
  if (o.config !== undefined) words.push(`--config ${q(o.config)}`);
  for (const v of o.variant) words.push(`--variant ${q(v)}`);
  for (const i of o.invariant) words.push(`--invariant ${q(i)}`);
  for (const w of o.witness) words.push(`--witness ${q(w)}`);
  words.push(`--seed ${facts.seed}`, `--depth ${o.depth}`);
  if (facts.swarm) words.push("--swarm", `--members ${o.members ?? 20}`);
  const alone = member ?? o.member;
  if (alone !== undefined) words.push(`--member ${alone}`);
  if (o["keep-going"]) words.push("--keep-going");
  if (o.deadlock) words.push("--deadlock");
  words.push(`--walks ${walks}`);
  return words.join(" ");
}

/** New distinct states per second, in up to six slices of the run: when the slices shrink, walks stop paying. */
export function rateSlices(result: SimulationResult<unknown, unknown>): { from: number; to: number; perSecond: number }[] {
  const points = [{ elapsedMs: 0, walks: 0, distinct: 0 }, ...result.stats.timeline];
  const end = points[points.length - 1]!;
  if (end.elapsedMs <= 0) return [];
  const slices = Math.min(6, points.length - 1);
  const out: { from: number; to: number; perSecond: number }[] = [];
  let previous = points[0]!;
  for (let k = 1; k <= slices; k++) {
    const until = (end.elapsedMs * k) / slices;
    const at = points.find((p) => p.elapsedMs >= until) ?? end;
    if (at.elapsedMs > previous.elapsedMs) out.push({ from: previous.elapsedMs, to: at.elapsedMs, perSecond: ((at.distinct - previous.distinct) * 1000) / (at.elapsedMs - previous.elapsedMs) });
    previous = at;
  }
  return out;
}

function coverageLines(result: SimulationResult<unknown, unknown>): string[] {
  const { stats } = result;
  const out: string[] = [];
  const distinct = `${stats.coverageFull ? "at least " : ""}${fmt(stats.distinct)} distinct states`;
  out.push(`Covered: ${plural(stats.walks, "walk")}, ${plural(stats.steps, "step")}, ${distinct} (renamings counted apart), in ${(stats.elapsedMs / 1000).toFixed(1)} s.`);
  const ends = [
    stats.ends.depth > 0 ? `${fmt(stats.ends.depth)} at their depth limit` : "",
    stats.ends.stuck > 0 ? `${fmt(stats.ends.stuck)} with nothing left to do` : "",
    stats.ends.constraint > 0 ? `${fmt(stats.ends.constraint)} at the state constraint` : "",
    stats.ends.violation > 0 ? `${fmt(stats.ends.violation)} in a violation` : "",
  ].filter((e) => e !== "");
  out.push(`Deepest walk: ${plural(stats.deepest.steps, "step")} (walk ${stats.deepest.walk}${stats.deepest.member > 0 ? ` of member ${stats.deepest.member}` : ""}). Walks ended: ${ends.join(", ") || "none"}.`);
  const slices = rateSlices(result);
  if (slices.length > 0) {
    out.push(`New distinct states per second: ${slices.map((s) => `${(s.from / 1000).toFixed(0)}-${(s.to / 1000).toFixed(0)} s ${fmt(s.perSecond)}/s`).join(" · ")}`);
  }
  if (result.witnesses.length > 0) {
    out.push("Witnesses (states the walks were meant to reach):");
    for (const w of result.witnesses) {
      out.push(w.trace ? `  reached      ${w.name} (walk ${w.walk}${w.member ? ` of member ${w.member}` : ""}, at step ${w.trace.steps.length})` : `  not reached  ${w.name}`);
    }
  }
  out.push(`Steps taken per action: ${result.fired.map((f) => `${f.name} ${fmt(f.count)}`).join(", ")}`);
  if (result.rules !== undefined) {
    const never = result.rules.filter((r) => r.taken === 0);
    out.push(
      never.length === 0
        ? `Every rule branch was taken (${result.rules.length}).`
        : `Rule branches never taken (${never.length} of ${result.rules.length}), so not checked by these walks:\n${never.map((r) => `  ${r.name}`).join("\n")}`,
    );
  }
  out.push(`Fingerprint collision probability (birthday bound, 64-bit): ${result.collisionProbability.toExponential(1)}`);
  return out;
}

function memberLines(result: SimulationResult<unknown, unknown>, facts: RunFacts): string[] {
  if (!facts.swarm) return [];
  const out = [`Swarm: ${plural(facts.plans.length, "member")}, each its own narrowing of the configuration and its own walks:`];
  const idle = result.members.filter((m) => m.walks === 0).length;
  for (const m of result.members) {
    if (m.walks === 0) continue;
    const plan = facts.plans.find((p) => p.index === m.index)!;
    const found = m.found === undefined ? "found nothing" : `FOUND ${m.found}${m.violatingWalks > 1 ? ` (${fmt(m.violatingWalks)} walks broke a property)` : ""}`;
    out.push(`  member ${m.index}: ${plural(m.walks, "walk")}, ${fmt(m.newStates)} new states, ${found}; ${plan.settings}`);
  }
  if (idle > 0) out.push(`  (${plural(idle, "member")} had not had a turn when the run ended.)`);
  return out;
}

export function simulationText(result: SimulationResult<unknown, unknown>, settled: readonly Settled[], facts: RunFacts, reading: Reading, color: boolean): string {
  const out: string[] = [];
  const { verdict } = result;
  for (const s of settled) {
    out.push(`VIOLATION: ${s.property}: ${s.explanation}`);
    const where = s.member > 0 || facts.swarm ? `walk ${s.walk} of swarm member ${s.member}` : `walk ${s.walk}`;
    const shrunk = `; delta debugging: ${fmt(s.walkSteps)} → ${plural(s.trace.steps.length, "step")}`;
    out.push(
      `Found by ${where} (${plural(s.walkSteps, "step")})${shrunk}, replayed through the model` +
        `${s.inOriginal ? "" : " (in the member's narrowed configuration only: it does not replay in the one given)"}. ` +
        "Not known to be shortest: found by a random walk; splitbrain check finds a shortest one where the configuration fits.",
    );
    out.push(...traceLines(s.trace, reading, color).map((l) => "  " + l));
    if (facts.swarm) out.push(`Rerun that member alone: ${rerunCommand(facts, s.walk + 1, s.member)}`);
    out.push("");
  }
  if (verdict.kind === "none-found") {
    out.push(`No violation found (${verdict.reason}). This is not a pass: random walks say nothing about the states they did not visit.`);
  } else if (verdict.kind === "incomplete") {
    out.push(`INCOMPLETE: ${verdict.reason}. No violation in the walks that ran; this is not a pass.`);
  }
  out.push(`${facts.spec} [config ${facts.configName}], random walks of up to ${plural(facts.flags.depth, "step")}:`);
  out.push(...coverageLines(result));
  out.push(...memberLines(result, facts));
  out.push(`Seed ${facts.seed}. The same walks again: ${rerunCommand(facts, result.stats.walks)}`);
  return out.join("\n");
}

export function simulationJson(result: SimulationResult<unknown, unknown>, settled: readonly Settled[], facts: RunFacts): unknown {
  const exitCode = result.verdict.kind === "violation" ? 1 : result.verdict.kind === "incomplete" ? 3 : 0;
  return {
    command: "simulate",
    spec: facts.spec,
    config: facts.configName,
    seed: facts.seed,
    verdict: result.verdict.kind,
    exitCode,
    ...(result.verdict.kind !== "violation" && { reason: result.verdict.reason }),
    findings: settled.map((s) => ({
      property: s.property,
      explanation: s.explanation,
      member: s.member,
      walk: s.walk,
      walkSteps: s.walkSteps,
      steps: s.trace.steps.length,
      inOriginalConfig: s.inOriginal,
      trace: s.trace.steps.map((step) => step.label),
    })),
    stats: { ...result.stats, timeline: undefined },
    newPerSecond: rateSlices(result),
    witnesses: result.witnesses.map((w) => ({ name: w.name, reached: w.trace !== undefined, walk: w.walk ?? null, member: w.member ?? null, steps: w.trace?.steps.length ?? null })),
    fired: result.fired,
    ...(result.rules && { rules: result.rules, neverTaken: result.rules.filter((r) => r.taken === 0).map((r) => r.name) }),
    ...(facts.swarm && { members: result.members.map((m) => ({ ...m, settings: facts.plans.find((p) => p.index === m.index)!.settings })) }),
    collisionProbability: result.collisionProbability,
    rerun: rerunCommand(facts, result.stats.walks),
  };
}
