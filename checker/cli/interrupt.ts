// Ctrl-C and SIGTERM during a long run: the run stops at its next check, as
// incomplete, and prints what it covered, instead of the process dying with
// all of it unsaid.

/** Runs a search that stops, as incomplete, at Ctrl-C or SIGTERM, instead of the process dying with what it covered unsaid. */
export async function untilInterrupted<T>(search: (shouldStop: () => string | undefined) => Promise<T>): Promise<T> {
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
  };
  process.on("SIGINT", onInterrupt);
  process.on("SIGTERM", onInterrupt);
  try {
    return await search(() => (interrupted ? "interrupted by a signal" : undefined));
  } finally {
    process.off("SIGINT", onInterrupt);
    process.off("SIGTERM", onInterrupt);
  }
}

