import { checkLiveness } from "./checker/engine/liveness/check-liveness.ts";
import { protocolSpec } from "./model/protocol-spec.ts";
import { NAMED_CONFIGS } from "./spec/configs/index.ts";
for (const name of process.argv.slice(2)) {
  const spec = protocolSpec((NAMED_CONFIGS as any)[name]);
  const t = Date.now();
  const r = checkLiveness(spec);
  if (r.kind !== "done") { console.log(name, r); continue; }
  console.log(name, r.stats, Date.now() - t, "ms", Math.round(process.memoryUsage().rss / 1e6), "MB rss");
  for (const v of r.verdicts) {
    if (v.kind === "holds") console.log(" ", v.property, "holds");
    else console.log(" ", v.property, "VIOLATED", v.trace.steps.length, "steps, loop from", v.loopFrom, "\n    " + v.trace.steps.map((s, i) => `${i + 1}. ${s.label}`).join("\n    "));
  }
}
