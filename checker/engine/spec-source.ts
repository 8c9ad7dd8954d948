// Where a spec comes from, as data: a module, the name of a function it
// exports, and that function's arguments. A spec is made of functions, which
// cannot be sent to another thread (or machine); its source can, and each
// worker of a parallel search builds its own copy of the spec from it.

import type { AnySpec } from "./spec.ts";

export interface SpecSource {
  /** The module's URL, e.g. new URL("../../model/protocol-spec.ts", import.meta.url).href. */
  readonly module: string;
  readonly exportName: string;
  /** Plain data only: they are copied to every worker. */
  readonly args: readonly unknown[];
}

export async function buildSpec(source: SpecSource): Promise<AnySpec> {
  const module = (await import(source.module)) as Record<string, unknown>;
  const make = module[source.exportName];
  if (typeof make !== "function") throw new Error(`spec source: ${source.module} exports no function ${source.exportName}`);
  return make(...source.args) as AnySpec;
}
