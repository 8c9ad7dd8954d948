import { checkLiveness } from "./checker/engine/liveness/check-liveness.ts";
import { protocolSpec } from "./model/protocol-spec.ts";
import { NAMED_CONFIGS } from "./spec/configs/index.ts";
const base = (NAMED_CONFIGS as any)[process.argv[2]!];
const config = { ...base, ...JSON.parse(process.argv[3] ?? "{}"), faults: { ...base.faults, ...JSON.parse(process.argv[4] ?? "{}") } };
const r = checkLiveness(protocolSpec(config));
if (r.kind !== "done") throw new Error(r.reason);
console.log(r.stats.states, "states");
for (const v of r.verdicts) console.log(" ", v.property, v.kind === "holds" ? "holds" : `VIOLATED ${v.trace.steps.length} steps, loop from ${v.loopFrom}\n    ` + v.trace.steps.map((s, i) => `${i + 1}. ${s.label}`).join("\n    "));
