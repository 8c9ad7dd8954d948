// Every test of the project (`npm test`). Stryker's sandboxes hold copies of
// the tests while `npm run mutation` runs; they are not ours to run.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, ".stryker-tmp/**", "reports/**", "dist/**"],
    globalSetup: ["./vitest.build-cli.js"],
    // Many tests start the command line as a process; on a loaded machine one
    // that takes 3 s alone can take 6. No test may hang on vitest's 5 s default.
    testTimeout: 60_000,
  },
});
