// Which splitbrain a worker or a coordinator is: its package version and a
// digest of every source file a search's result depends on (the engine, the
// model, the examples, the named configurations). Two copies with the same
// version give the same answers; a worker refuses a job from any other.

import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCES = ["checker/engine", "model", "examples", "spec/configs"];

/** The folder holding splitbrain's package.json, above this file (also from the built command line). */
function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "splitbrain") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("engine version: splitbrain's package.json not found above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|json)$/.test(e.name) && !/\.test\.ts$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

let cached: string | undefined;

/**
 * "0.1.0+3f2a9c1b7d4e": tests set SPLITBRAIN_ENGINE_VERSION to play a worker
 * of another version without a second copy of the sources.
 */
export function engineVersion(): string {
  if (process.env.SPLITBRAIN_ENGINE_VERSION) return process.env.SPLITBRAIN_ENGINE_VERSION;
  if (cached !== undefined) return cached;
  const top = root();
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of filesUnder(join(top, source))) {
      hash.update(file.slice(top.length));
      hash.update(readFileSync(file));
    }
  }
  const { version } = JSON.parse(readFileSync(join(top, "package.json"), "utf8")) as { version: string };
  return (cached = `${version}+${hash.digest("hex").slice(0, 12)}`);
}
