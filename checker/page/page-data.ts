// What a page carries: enough to rebuild the spec and replay the trace.

import type { TraceFile } from "../trace/trace-file.ts";

export interface PageData {
  readonly title: string;
  /** The configuration's name, for trace files exported from the page. */
  readonly configName?: string;
  readonly spec: string;
  /** The configuration, as the spec's schema accepts it. */
  readonly config: unknown;
  readonly steps: readonly string[];
  /** Open at the last step (a counterexample) or at the initial state (exploring). */
  readonly start: "end" | "initial";
  /** A liveness counterexample: the property it breaks, why, and the state the run loops back to after the last step. */
  readonly lasso?: { readonly property: string; readonly explanation: string; readonly loop: number };
}

/** The page of a trace file: open at its end, a lasso with its loop. */
export function pageDataOf(file: TraceFile, start: PageData["start"] = "end"): PageData {
  const lasso = file.loop === undefined ? undefined : { property: file.property, explanation: file.explanation, loop: file.loop };
  return { title: `${file.property} · ${file.configName}`, configName: file.configName, spec: file.spec, config: file.config, steps: file.steps, start, ...(lasso ? { lasso } : {}) };
}
