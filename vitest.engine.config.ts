// The engine's own fast tests, and only those: what `npm run mutation` runs
// against every mutant of the engine core (stryker.config.json).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["checker/bfs*.test.ts", "checker/fingerprint*.test.ts", "checker/minimize.test.ts", "checker/path-costs.test.ts", "checker/trace.test.ts", "checker/level-index.test.ts"],
  },
});
