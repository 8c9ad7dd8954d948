// The built command line: checker/cli.ts and what it imports, bundled by
// esbuild into dist/, so that a command starts in a fraction of a second
// instead of compiling its TypeScript on every start. The TypeScript sources
// stay the truth: `builtCli` builds again whenever one of them is newer than
// the build. Plain JavaScript, because it runs before anything is compiled.
// `npm ci` runs it once (the prepare script); bin/splitbrain.js on every call.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
/** A link to the current build's folder, replaced in one rename, so that a build never half-replaces another. */
const CURRENT = join(DIST, "cli");
/** Old builds are kept this long, for runs that started on them and still load their chunks. */
const KEEP_MS = 60 * 60 * 1000;

/** The entry module of a fresh build: as it is, or built again first. */
export async function builtCli() {
  if (!isStale()) return join(CURRENT, "cli.js");
  await buildCli();
  return join(CURRENT, "cli.js");
}

/** Stale: never built, or a source it was built from changed, moved or went away since. */
function isStale() {
  let meta;
  try {
    meta = JSON.parse(readFileSync(join(CURRENT, "meta.json"), "utf8"));
  } catch {
    return true;
  }
  for (const input of meta.inputs) {
    try {
      if (statSync(join(ROOT, input)).mtimeMs > meta.builtAt) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * A module that finds a file beside itself (a worker thread's module, the
 * page's script, the spec modules workers import) asks import.meta.url. In
 * the bundle that would be dist/, so each source module keeps its own: the
 * workers and the page then load the TypeScript sources, as they always did.
 */
const ownLocation = {
  name: "own-location",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes("node_modules")) return undefined;
      const text = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)));
      return { contents: text, loader: "ts" };
    });
  },
};

export async function buildCli() {
  const { build } = await import("esbuild");
  mkdirSync(DIST, { recursive: true });
  const builtAt = Date.now();
  const folder = join(DIST, `cli-${builtAt}-${process.pid}`);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, "checker", "cli.ts")],
    outdir: folder,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    metafile: true,
    logLevel: "warning",
    plugins: [ownLocation],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes("node_modules"));
  writeFileSync(join(folder, "meta.json"), JSON.stringify({ builtAt, inputs }));
  const link = join(DIST, `.cli-${builtAt}-${process.pid}`);
  symlinkSync(basename(folder), link);
  renameSync(link, CURRENT);
  removeOldBuilds(folder);
}

function removeOldBuilds(keep) {
  for (const name of readdirSync(DIST)) {
    const path = join(DIST, name);
    if (!name.startsWith("cli-") || path === keep) continue;
    if (Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
  process.stdout.write(`built the splitbrain command line into ${existsSync(CURRENT) ? "dist/cli" : "?"}\n`);
}
