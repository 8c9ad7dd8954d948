// The engine's own fast tests, and only those: what `npm run mutation` runs
// against every mutant of the engine core (stryker.config.json).
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["checker/engine/*.test.ts", "checker/engine/liveness/*.test.ts", "checker/engine/simulate/*.test.ts", "checker/trace/minimize.test.ts"],
  },
});
