#!/usr/bin/env node
// The splitbrain command: `npx splitbrain ...`. Runs the built command line
// (bin/build.js), building it first if a TypeScript source changed.

import { pathToFileURL } from "node:url";
import { builtCli } from "./build.js";

const { run } = await import(pathToFileURL(await builtCli()).href);
await run(process.argv.slice(2));
