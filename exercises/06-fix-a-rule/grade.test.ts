import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "06-fix-a-rule",
  title: "exercise 6, fix a broken rule",
  start: {
    says: "(start.patch applied) on pipelined, with a counterexample to read",
    shows: [/FAIL {2}pipelined passes.*INV-2 acknowledged writes survive, once each fails in \d+ steps/, "which step should a rule of spec/protocol.md have stopped?"],
  },
  checks: 4,
  timeoutMs: 600_000,
});
