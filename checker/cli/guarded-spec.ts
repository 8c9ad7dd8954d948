// A spec whose own code throws (a student's invariant reading a field that is
// not there, say) is a bug in the model, not in the user's input and not in
// the checker. The command line wraps every function of a spec so that such
// an error says which part of the spec threw, and `cli.ts` reports it in one
// paragraph with exit code 4, the line of the model where it happened, and
// no engine stack trace in the way.

import type { AnySpec } from "../engine/spec.ts";

/** An error thrown inside a spec's own code, with the part of the spec that threw. */
export class SpecError extends Error {
  constructor(
    readonly where: string,
    readonly original: unknown,
  ) {
    super(`${where} threw: ${original instanceof Error ? original.message : String(original)}`);
  }

  /** The first line of the original stack that points into the spec's own files, if any. */
  get modelLine(): string | undefined {
    const stack = this.original instanceof Error ? (this.original.stack ?? "") : "";
    return stack.split("\n").find((line) => /\/(model|examples)\/[^/]*\.ts/.test(line))?.trim();
  }
}

/** What the user reads: a bug in the model, not in the input or the checker; where, without the engine's frames in the way. */
export function specErrorReport(error: SpecError): string {
  const line = error.modelLine;
  return `splitbrain: the spec's own code threw, a bug in the model: ${error.message}\n${line === undefined ? "" : `  ${line}\n`}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => any;

function guard<F extends Fn>(where: string, f: F): F;
function guard<F extends Fn>(where: string, f: F | undefined): F | undefined;
function guard<F extends Fn>(where: string, f: F | undefined): F | undefined {
  if (f === undefined) return undefined;
  // Two fixed parameters, not (...args): a rest array would be allocated on
  // every call, and these run several times per generated state. No spec
  // function takes more than two arguments.
  return ((a: unknown, b: unknown) => {
    try {
      return f(a, b);
    } catch (error) {
      throw error instanceof SpecError ? error : new SpecError(where, error);
    }
  }) as F;
}

const named = <T extends { readonly name: string }>(kind: string, items: readonly T[] | undefined, wrap: (item: T, where: string) => T) =>
  items?.map((item) => wrap(item, `${kind} "${item.name}"`));

/** The same spec, every function of it reporting a throw as a SpecError that names it. */
export function guardSpec(spec: AnySpec): AnySpec {
  const steps =
    spec.successors !== undefined
      ? { successors: guard("its successors", spec.successors), actions: undefined, next: undefined }
      : { actions: guard("its list of enabled actions", spec.actions), next: guard("a step (next)", spec.next), successors: undefined };
  return {
    ...spec,
    ...steps,
    initialStates: guard("initialStates", spec.initialStates),
    label: guard("a step's label", spec.label),
    actionName: guard("actionName", spec.actionName),
    constraint: guard("its constraint", spec.constraint),
    present: guard("present", spec.present),
    stepInfo: guard("stepInfo", spec.stepInfo),
    isFinal: guard("isFinal", spec.isFinal),
    weight: guard("its step weights", spec.weight),
    symmetries: guard("its symmetries", spec.symmetries),
    fairness: guard("its fairness", spec.fairness),
    beyondBounds: guard("beyondBounds", spec.beyondBounds),
    boundsReached: guard("boundsReached", spec.boundsReached),
    whyNoChange: guard("whyNoChange", spec.whyNoChange),
    rules: spec.rules && { ...spec.rules, taken: guard("its rule coverage", spec.rules.taken) },
    invariants: named("invariant", spec.invariants, (inv, where) => ({ ...inv, holds: guard(where, inv.holds), explain: guard(`${where} (explaining a violation)`, inv.explain) }))!,
    witnesses: named("witness", spec.witnesses, (w, where) => ({ ...w, reached: guard(where, w.reached) }))!,
    liveness: named("liveness property", spec.liveness, (p, where) =>
      p.kind === "leadsTo" ? { ...p, from: guard(where, p.from), to: guard(where, p.to) } : { ...p, holds: guard(where, p.holds) },
    ),
  };
}
