// Every test of the project (`npm test`). Stryker's sandboxes hold copies of
// the tests while `npm run mutation` runs; they are not ours to run.
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    exclude: [...configDefaults.exclude, ".stryker-tmp/**", "reports/**"],
  },
});
