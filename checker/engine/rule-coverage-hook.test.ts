import { expect, it } from "vitest";
import { observedSteps } from "./rule-coverage-hook.ts";

it("answers for the step just taken without taking it again, and takes any other step again to answer for it", () => {
  const coverage = observedSteps<number, number>();
  let steps = 0;
  const { next, rules } = coverage.around((state, by) => {
    steps++;
    coverage.observe(by % 2 === 0 ? "even" : "odd");
    if (state + by > 10) coverage.observe("big");
    return state + by;
  }, ["even", "odd", "big"]);
  expect(rules.names).toEqual(["even", "odd", "big"]);
  expect(next(9, 3)).toBe(12);
  expect([...rules.taken(9, 3)]).toEqual(["odd", "big"]);
  expect(steps).toBe(1);
  // Another step than the last: taken again, and only its own branches reported.
  expect([...rules.taken(1, 2)]).toEqual(["even"]);
  expect(steps).toBe(2);
});
