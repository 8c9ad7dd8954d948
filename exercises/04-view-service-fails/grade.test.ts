import { exerciseTests } from "../in-a-copy.ts";

exerciseTests({
  folder: "04-view-service-fails",
  title: "exercise 4, the view service fails",
  start: {
    says: "naming the fault budget to add",
    shows: ["FAIL  exercises/04-view-service-fails/standby.json is a valid configuration", "hint: add viewServiceFailovers to the fault budgets"],
  },
  checks: 5,
});
