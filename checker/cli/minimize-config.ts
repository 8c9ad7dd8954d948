// --minimize-config: the smallest configuration in which the same property
// still fails, found greedily. Each smaller neighbour the spec offers is
// checked; the first that still violates the property is kept, and the search
// goes on from it until no neighbour does.

import { check } from "../engine/bfs.ts";
import type { SpecEntry } from "./registry.ts";

export interface ConfigMinimization {
  readonly config: unknown;
  readonly steps: number;
  readonly tried: number;
}

export async function minimizeConfig(
  entry: SpecEntry<unknown>,
  config: unknown,
  property: string,
  onProgress: (message: string) => void = () => {},
): Promise<ConfigMinimization> {
  let current = config;
  let steps = 0;
  let tried = 0;
  for (let shrunk = true; shrunk; ) {
    shrunk = false;
    for (const candidate of entry.smallerConfigs?.(current) ?? []) {
      tried++;
      const result = await check(entry.build(candidate));
      if (result.verdict.kind === "violation" && result.verdict.property === property) {
        current = candidate;
        steps = result.verdict.trace.steps.length;
        shrunk = true;
        onProgress(`still fails with ${entry.describeConfig?.(candidate) ?? JSON.stringify(candidate)}`);
        break;
      }
    }
  }
  return { config: current, steps, tried };
}
