import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "01-lecture-questions",
  title: "exercise 1, the lecture's questions as witnesses",
  start: { says: "naming the witnesses to add", shows: ["FAIL  Q1", "hint: add one to WITNESS_NAMES"] },
  checks: 4,
});
