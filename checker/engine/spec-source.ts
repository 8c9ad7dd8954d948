// Where a spec comes from, as data: a module, the name of a function it
// exports, and that function's arguments. A spec is made of functions, which
// cannot be sent to another thread (or machine); its source can, and each
// worker of a parallel search builds its own copy of the spec from it.

import type { AnySpec } from "./spec.ts";
import { canImportTypeScript } from "./typescript-loader.ts";

export interface SpecSource {
  /** The module's URL, e.g. new URL("../../model/protocol-spec.ts", import.meta.url).href. */
  readonly module: string;
  readonly exportName: string;
  /** Plain data only: they are copied to every worker. */
  readonly args: readonly unknown[];
  /** Check only these properties (by name), as `check --invariant/--witness` asks. */
  readonly select?: Selection;
}

export interface Selection {
  readonly invariants?: readonly string[];
  readonly witnesses?: readonly string[];
}

export async function buildSpec(source: SpecSource): Promise<AnySpec> {
  await canImportTypeScript();
  const module = (await import(source.module)) as Record<string, unknown>;
  const make = module[source.exportName];
  if (typeof make !== "function") throw new Error(`spec source: ${source.module} exports no function ${source.exportName}`);
  return select(make(...source.args) as AnySpec, source.select);
}

/** The spec with only the invariants and witnesses named; all of either kind when none is named. */
export function select<T extends AnySpec>(spec: T, selection: Selection | undefined): T {
  const { invariants, witnesses } = selection ?? {};
  return {
    ...spec,
    invariants: invariants === undefined || invariants.length === 0 ? spec.invariants : spec.invariants.filter((i: { name: string }) => invariants.includes(i.name)),
    witnesses: witnesses === undefined || witnesses.length === 0 ? spec.witnesses : spec.witnesses.filter((w: { name: string }) => witnesses.includes(w.name)),
  };
}
