// splitbrain export FILE --itf: a trace file in the Informal Trace Format, so
// that Apalache's and Quint's tools can open it. The states come from
// replaying the trace through the spec, as everywhere else.

import { z } from "zod";
import { toItf } from "../trace/itf.ts";
import { replayLabels } from "../trace/trace-file.ts";
import { defaultOutput, writeOutput } from "./output.ts";
import { oneTraceFile, staleStep } from "./replay.ts";
import { parseFlags } from "./shared.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

const exportFlags = z.object({ itf: z.boolean().default(false), out: z.string().optional() });

export function runExport(args: string[], usage: string, fail: (e: UserError) => number): number {
  const flags = parseFlags(args, { itf: { type: "boolean" }, out: { type: "string" } }, exportFlags, usage, true);
  if (!flags.ok) return fail(flags.error);
  if (!flags.value.values.itf) return fail(badInput(`export: name the format; the one there is: --itf\n\n${usage}`).error);
  const loaded = oneTraceFile("export", flags.value.positionals, usage);
  if (!loaded.ok) return fail(loaded.error);
  const { path, file, spec } = loaded.value;
  const replay = replayLabels(spec, file.steps);
  if (!replay.ok) {
    process.stderr.write(`${staleStep(path, replay)}; nothing exported (see: splitbrain replay ${path})\n`);
    return EXIT.violation;
  }
  const itf = toItf({
    source: `splitbrain ${file.spec}, configuration ${file.configName}`,
    description: `a counterexample to ${file.property}: ${file.explanation}`,
    states: replay.states,
    labels: file.steps,
    loop: file.loop,
  });
  const out = flags.value.values.out ?? defaultOutput(path, ".itf.json");
  const written = writeOutput(out, JSON.stringify(itf, null, 2) + "\n", "ITF trace");
  if (!written.ok) return fail(written.error);
  process.stdout.write(`wrote ${out}: ${itf.states.length} states of ${itf.vars.length} variables (${itf.vars.join(", ")}), in the Informal Trace Format\n`);
  return EXIT.pass;
}
