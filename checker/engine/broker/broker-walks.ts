// A swarm's walks on worker processes (`simulate --broker URL --workers N`):
// each worker gets every member of the swarm by name (spec, narrowed
// configuration, walk style) and the seed, and then runs the jobs the
// simulation hands it (simulate.ts), exactly as a thread would. A job's
// result depends only on the job, so a worker that is lost costs only its
// jobs, which the others run again: the result is the same.

import type { Selection } from "../spec-source.ts";
import type { Asker } from "../member-lost.ts";
import type { SeriesJob, SeriesSettings } from "../simulate/walk-series.ts";
import type { WalkStyle } from "../simulate/walk-bias.ts";
import { startRun, type Gathering } from "./broker-run.ts";

export interface BrokerWalks extends Gathering {
  readonly spec: string;
  readonly selection?: Selection;
  readonly seed: number;
  readonly settings: SeriesSettings;
  /** Each member by name: its number, its configuration (plain data), its walk style. */
  readonly members: readonly { readonly index: number; readonly config: unknown; readonly style: WalkStyle }[];
}

export type Walkers = { readonly ok: true; readonly runners: readonly Asker<SeriesJob>[]; close(): Promise<void> } | { readonly ok: false; readonly message: string };

/** Workers ready to run the swarm's jobs, or (exit 2 for the caller) why there are none. */
export async function walkersOverBroker(walks: BrokerWalks): Promise<Walkers> {
  const started = await startRun(
    walks,
    (index, common) => ({
      kind: "walks",
      ...common,
      index,
      spec: walks.spec,
      selection: walks.selection,
      seed: walks.seed,
      settings: { checkDeadlock: walks.settings.checkDeadlock, keepGoing: walks.settings.keepGoing },
      members: walks.members.map((m) => ({ index: m.index, config: m.config, style: { depth: m.style.depth, familyWeights: { ...m.style.familyWeights } } })),
    }),
    false,
  );
  if (!started.ok) return started;
  const { members, close } = started.run;
  const runners = members.all.map((member) => {
    let told = false;
    return {
      name: member.name,
      ask: async <T>(job: SeriesJob): Promise<T> => {
        try {
          return await member.ask<T>(job);
        } catch (error) {
          if (!told) walks.say?.(`${(error as Error).message}; its jobs go to the other workers`);
          told = true;
          throw error;
        }
      },
    };
  });
  return { ok: true, runners, close };
}
