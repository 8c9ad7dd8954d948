// Specs are TypeScript modules, and a parallel search loads one by its URL.
// Under tsx or vitest that just works. The built command line
// (bin/splitbrain.js) is plain JavaScript: it registers tsx's loader the
// first time it needs one (a third of a second, so only the commands that
// load a module by URL pay it). A failed import is remembered by Node, so
// the question is asked of a module of its own, never of the spec's.

let ready: Promise<void> | undefined;

/** Resolves once a TypeScript module can be imported by URL. */
export function canImportTypeScript(): Promise<void> {
  ready ??= (async () => {
    try {
      await import(new URL(`./typescript-probe.ts?at=${Date.now()}`, import.meta.url).href);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
      const { register } = await import("tsx/esm/api");
      register();
    }
  })();
  return ready;
}
