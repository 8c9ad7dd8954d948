import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "07-figure-8",
  title: "exercise 7, Figure 8 from the inside",
  start: {
    says: "(start.patch applied) on figure-8, with a counterexample to read",
    shows: [/FAIL {2}Raft's figure-8 passes.*LC Leader Completeness.* fails in \d+ steps/, "LD-5 in spec/raft/rules.md says when it may"],
  },
  checks: 3,
  timeoutMs: 600_000,
});
