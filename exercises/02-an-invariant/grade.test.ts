import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "02-an-invariant",
  title: "exercise 2, an invariant of your own",
  start: { says: "naming the invariant to add", shows: ["FAIL  INV-4 holds on tiny", "hint: add one to invariants()"] },
  checks: 4,
});
