// splitbrain's command line. Parses and validates what the user typed, runs
// the engine, prints the summary. Bad input never reaches the engine: it gets
// a message naming what is wrong and exit code 2.

import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DEFAULT_SPEC, SPECS } from "./cli/registry.ts";
import { EXIT, type UserError } from "./cli/user-error.ts";
import { SpecError, specErrorReport } from "./cli/guarded-spec.ts";

const USAGE = `usage: splitbrain check [options]
       splitbrain simulate [options]
       splitbrain replay FILE [--check] [--full] [--quiet]
       splitbrain minimize FILE [--out FILE]
       splitbrain view FILE [--out PAGE.html]
       splitbrain export FILE --itf [--out FILE.itf.json]
       splitbrain explore [--config C] [--variant V] [--out PAGE.html]
       splitbrain counterexamples [VARIANT ...] [FOLDER]
       splitbrain list
       splitbrain config show [NAME|FILE] [--spec S] [--variant V] [--set KEY=VALUE]
       splitbrain graph [--spec S] [--config C] [--variant V] [--set KEY=VALUE] [--max-states N] [--out FILE.dot|FILE.json]
       splitbrain lint [FOLDER ...] [--spec-doc FILE]
       splitbrain new variant NAME --rule ID [--invariant INV-n] [--config C] [--mistake TEXT]
       splitbrain new spec NAME
       splitbrain worker --broker URL [--name NAME]
       splitbrain mutate [--workers N] [--full] [--rule ID] [--config A,B] [--swarm-walks N] [--no-liveness] [--verbose]

check options:
  --spec NAME          which spec to check (default: ${DEFAULT_SPEC}; see 'splitbrain list')
  --config NAME|FILE   a named configuration, or a JSON file of one; several, comma-separated, are checked in turn
  --variant NAME       switch on a classic mistake (repeatable; see 'splitbrain list')
  --set KEY=VALUE      change one setting of the configuration, e.g. --set maxView=5 or --set faults.crashes=2
                       (repeatable; 'splitbrain config show NAME' prints them all)
  --max-states N       stop after N distinct states (the run is then incomplete)
  --max-depth N        do not explore beyond depth N (incomplete if states remain)
  --time-limit SEC     stop after SEC seconds (incomplete)
  --deadlock           report a state with no enabled action as a violation
  --no-symmetry        store every renaming of a state apart (by default states that differ only
                       by interchangeable names, such as servers, are stored once)
  --paranoid           check the spec's codec on every new state, not on one in 64 (it gives the
                       fingerprints, so a codec that lost part of a state would merge states)
  --trace-out FILE     save the counterexample as a trace file (for replay, minimize and view)
  --invariant NAME     check only this invariant, by name or by ID such as INV-2 (repeatable;
                       names in 'splitbrain list')
  --witness NAME       look only for this witness (repeatable)
  --max-memory SIZE    stop cleanly (incomplete) before using SIZE, e.g. 4G (default: half the machine's)
  --checkpoint FILE    save the search to FILE every --checkpoint-every SEC (default 300) and when it stops early
                       (the folder is checked before the search starts)
  --resume FILE        go on from a checkpoint, saving to it again; alone it continues the checkpoint's own
                       spec, configuration and variants
  --workers N|auto     search with N worker threads (default 1; auto: one per core); counts and traces are the same for every N
  --broker URL         with --workers N: the N workers are processes, on any machines, that joined the NATS server at URL
                       (nats://[user:password@]host:port) with 'splitbrain worker --broker URL'; a lost worker ends the run
                       as incomplete, and --checkpoint/--resume continue it
  --join-timeout SEC   with --broker: how long to wait for the workers to join (default 60)
  --minimize-config    after a violation, find the smallest configuration where it still happens
  --liveness           check the liveness properties instead (LIVE-1...): does every fair run do what
                       the spec promises? A failure is a lasso: a stem, then a loop that goes on forever.
                       One --config, one worker; --trace-out saves the first lasso
  --coverage           also print how often each action fired and each rule branch was taken
  --continue           after a violation, search again without that invariant, until none is violated:
                       each property violated, with its shortest trace (one search per property)
  --json               print a machine-readable summary on stdout
  --quiet              no progress lines on stderr

simulate options (random walks, for configurations too large to check; also --spec, --config, --variant,
  --invariant, --witness, --trace-out, --workers, --deadlock, --json, --quiet as for check):
  --seed S             the walks' seed (default: a random one, printed); the same seed, configuration and
                       options give the same walks and verdict, with any number of --workers
  --depth D            the longest walk, in steps (default 100)
  --time-limit SEC     budget: stop after SEC seconds (default 60 when no budget is given)
  --walks N            budget: stop after N walks
  --max-states N       budget: stop once N distinct states were seen
  --swarm              a swarm: --members series of walks (default 20), each narrowing the configuration
                       (fault kinds, budgets, links, exchanges in flight) and steering its walks its own way
  --member K           rerun member K of the swarm alone (as the summary prints)
  --keep-going         go on after a violation, to find the first walk breaking each property
  --broker URL         with --workers N: the walks run on N worker processes that joined the NATS server at URL
                       ('splitbrain worker --broker URL'); the same walks and verdict as threads; a lost worker's
                       jobs go to the others (--join-timeout SEC as for check)
  A violation is replayed in the configuration given and minimized (delta debugging); a run that
  finds nothing says "no violation found" and what it covered, never PASS, and exits 0.

replay: play a trace file step by step, showing what each step changed (--full: the whole
        state it leads to). Exit 0 if it still ends in its violation, 1 (and why, on stderr)
        if it does not, 2 if the file is not a valid trace; --check is accepted and changes nothing.
        A lasso (check --liveness) reproduces when its loop closes, is fair and never meets the property.
minimize: shrink a trace file (delta debugging) while the same property still fails.
view: write a self-contained HTML page of a trace: sequence diagram, steps, state, branching
        (exit 1, no page, if a step no longer applies).
export: the trace in the Informal Trace Format (ITF) of Apalache and Quint, for their tools.
explore: the same page from the initial state, to walk the protocol by hand.
  Without --out, minimize, view and export write into the working folder, named after FILE (never beside it).
counterexamples: regenerate one shortest counterexample per variant, or only those named (default folder counterexamples/).
list: the specs, each with its configurations, variants, invariants and witnesses.
config show: a configuration as the checker uses it (--set and --variant applied), as JSON and in words.
graph: the whole reachable state graph of a small configuration (at most --max-states, default 2000), as
  Graphviz DOT or JSON, as TLC's -dump dot; initial states doubly framed, states that break an invariant red.
lint: the static checks of a model (default folder model/): purity, and rule IDs against --spec-doc (default spec/protocol.md).
new variant: a draft bug variant in model/variant-catalog.ts (--invariant default INV-2, --config default small), and where its rule is coded.
new spec: a new spec in examples/NAME/ that passes at once (spec, rules, pinned test), checked with --spec NAME.
mutate: is the check strong enough? Breaks the model's rules one small change at a time (a dropped condition,
  a flipped comparison, a branch always or never taken, a skipped update) and checks each broken model: by
  default tiny, pipelined and small exhaustively, liveness in tiny without crashes, then a short swarm on the
  whole protocol's shapes. Reports per rule what was noticed; a survivor needs a check that catches it or an
  argument in spec/equivalent-mutants.json (exit 1 otherwise). Only mutants whose code or checks changed since
  checker/quality/model-mutation/record.json run again (--full: all); --rule PB-5 runs one rule's.
  Run it in the repository's folder.
worker: serve partitions of searches run with 'check --broker URL --workers N', and walks of swarms run with
  'simulate --swarm --broker URL --workers N', until Ctrl-C: one command per machine (or several per machine).
  It waits for a job at the NATS server, builds the job's spec by name from its own copy of splitbrain, refuses
  a job from another splitbrain version, and after a run waits for the next.

exit codes: 0 pass (simulate: no violation found), 1 violation, 2 bad input, 3 incomplete (a limit, Ctrl-C or a checkpoint that could not be saved; simulate: Ctrl-C) or a witness not reached, 4 the spec's own code threw`;

function runList(): number {
  for (const s of SPECS) {
    process.stdout.write(`${s.name}${s.name === DEFAULT_SPEC ? " (default)" : ""}: ${s.description}\n`);
    process.stdout.write(`  configs: ${Object.keys(s.configs).join(", ")} (default ${s.defaultConfig})\n`);
    if (s.variants) process.stdout.write(`  variants: ${s.variants.join(", ")}\n`);
    const spec = s.build(s.configs[s.defaultConfig]);
    process.stdout.write(`  invariants (--invariant): ${spec.invariants.map((i: { name: string }) => `"${i.name}"`).join(", ")}\n`);
    process.stdout.write(`  witnesses (--witness): ${spec.witnesses.map((w: { name: string }) => `"${w.name}"`).join(", ")}\n`);
    if (spec.liveness?.length) process.stdout.write(`  liveness (--liveness): ${spec.liveness.map((p: { name: string }) => `"${p.name}"`).join(", ")}\n`);
  }
  return EXIT.pass;
}

function fail(error: UserError): number {
  process.stderr.write(`splitbrain: ${error.message}\n`);
  return error.exitCode;
}

/** One command's part of the usage: its usage lines, its options (check) and what it does. */
export function helpFor(command: string): string | undefined {
  const lines = USAGE.split("\n");
  const usage = lines.filter((l) => new RegExp(`^(usage:)?\\s+splitbrain ${command}\\b`).test(l)).map((l) => l.replace(/^usage:|^ {6}/, "usage:"));
  if (usage.length === 0) return undefined;
  // Its description: the lines "command:" or "command sub:", each with the indented lines that go on from it.
  const about: string[] = [];
  lines.forEach((l, i) => {
    if (l === "check options:" || !new RegExp(`^${command}( [a-z]+)?:`).test(l)) return;
    about.push(l);
    for (let j = i + 1; j < lines.length && /^ {2,}\S/.test(lines[j]!); j++) about.push(lines[j]!);
  });
  // check and simulate have a block of options each, up to the next block.
  const block = (from: string, to: string) => lines.slice(lines.findIndex((l) => l.startsWith(from)), lines.findIndex((l) => l.startsWith(to)));
  const options = command === "check" ? block("check options:", "simulate options") : command === "simulate" ? block("simulate options", "replay:") : [];
  return [...usage, "", ...options, ...about, "", lines.at(-1)!].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const help = command === undefined ? undefined : helpFor(command);
  if (help !== undefined && (rest.includes("--help") || rest.includes("-h"))) {
    process.stdout.write(`${help}\n`);
    return EXIT.pass;
  }
  // Each command's code is loaded when it runs: lint and new bring ts-morph,
  // view and explore esbuild, each a second or more of start-up for the rest.
  switch (command) {
    case "check":
      return (await import("./cli/check.ts")).runCheck(rest, USAGE, fail);
    case "simulate":
      return (await import("./cli/simulate.ts")).runSimulate(rest, USAGE, fail);
    case "replay":
      return (await import("./cli/replay.ts")).runReplay(rest, USAGE, fail);
    case "minimize":
      return (await import("./cli/replay.ts")).runMinimize(rest, USAGE, fail);
    case "view":
      return (await import("./cli/page.ts")).runView(rest, USAGE, fail);
    case "explore":
      return (await import("./cli/page.ts")).runExplore(rest, USAGE, fail);
    case "export":
      return (await import("./cli/export.ts")).runExport(rest, USAGE, fail);
    case "counterexamples":
      return (await import("./cli/counterexamples.ts")).runCounterexamples(rest, fail);
    case "list":
      return runList();
    case "graph":
      return (await import("./cli/graph.ts")).runGraph(rest, USAGE, fail);
    case "config":
      return (await import("./cli/config-show.ts")).runConfig(rest, USAGE, fail);
    case "lint":
      return (await import("./cli/lint.ts")).runLint(rest, fail);
    case "new":
      return (await import("./cli/new.ts")).runNew(rest, fail);
    case "mutate":
      return (await import("./cli/mutate.ts")).runMutate(rest, USAGE, fail);
    case "worker":
      return (await import("./cli/worker.ts")).runWorker(rest, USAGE, fail);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE + "\n");
      return command === undefined ? EXIT.badInput : EXIT.pass;
    default:
      return fail({ kind: "user-error", message: `unknown command '${command}'\n\n${USAGE}`, exitCode: EXIT.badInput });
  }
}

/** The command as a process runs it: its exit code set, a throwing model reported, a closed pipe no error. */
export async function run(argv: string[]): Promise<void> {
  // Output piped into a reader that stops early (| head) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    process.exitCode = await main(argv);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    process.stderr.write(specErrorReport(error));
    process.exitCode = EXIT.specError;
  }
}

// Run directly (node --import tsx checker/cli.ts), not through bin/splitbrain.js.
const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (isEntryPoint) await run(process.argv.slice(2));
