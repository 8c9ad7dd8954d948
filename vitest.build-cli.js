// Before any test runs: the built command line that the tests start
// (bin/splitbrain.js), built again if a source changed, once for all test files.
import { builtCli } from "./bin/build.js";

export async function setup() {
  await builtCli();
}
