// Test support for the tests that compare a split search with the one-worker
// engine (parallel.test.ts, broker/broker.test.ts): what they compare.

import type { CheckResult } from "../check-result.ts";

/** Everything a user reads off a result, but the time and memory. */
export function outcome<S, A>(result: CheckResult<S, A>) {
  const { verdict, stats } = result;
  return {
    verdict: verdict.kind,
    property: verdict.kind === "violation" ? verdict.property : undefined,
    explanation: verdict.kind === "violation" ? verdict.explanation : undefined,
    trace: verdict.kind === "violation" ? verdict.trace.steps.map((s) => s.label) : undefined,
    cost: verdict.kind === "violation" ? verdict.cost : undefined,
    reason: verdict.kind === "incomplete" ? verdict.reason : undefined,
    counts: [stats.distinct, stats.generated, stats.depth, stats.queued, stats.widestLevel.depth, stats.widestLevel.states],
    witnesses: result.witnesses.map((w) => [w.name, w.trace?.steps.map((s) => s.label)]),
    coverage: result.coverage,
    rules: result.rules,
  };
}
