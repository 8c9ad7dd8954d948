import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "05-smallest-config",
  title: "exercise 5, the smallest configuration",
  start: { says: "pointing at --minimize-config", shows: ["FAIL  no smaller configuration shows it", "--minimize-config and read which parts it can do without"] },
  checks: 3,
});
