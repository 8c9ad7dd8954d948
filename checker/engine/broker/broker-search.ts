// The coordinator's side of a search through a broker (`check --broker URL
// --workers N`). It gathers N workers from the lobby, offers each a job by
// name (broker-run.ts), then runs the very same coordinator as threads do
// (parallel/coordinator.ts), with members that speak through the broker.
// Every worker and the coordinator beat every half second; a worker silent
// for longer than the timeout, a worker whose partition failed, or a lost
// connection ends the run as incomplete, naming who and when: never a pass.

import type { CheckResult } from "../check-result.ts";
import type { Selection } from "../spec-source.ts";
import type { AnySpec } from "../spec.ts";
import { withSymmetryOption } from "../symmetry.ts";
import { coordinate, type ParallelOptions } from "../parallel/coordinator.ts";
import type { Member } from "../parallel/requests.ts";
import { startRun, type Gathering, type Traffic } from "./broker-run.ts";

export type { Traffic } from "./broker-run.ts";

export interface BrokerSearch extends Gathering {
  /** The coordinator's own copy of the spec: initial states, and the replay of every trace it reports. */
  readonly spec: AnySpec;
  /** The same spec by name, as the workers build it. */
  readonly names: { readonly spec: string; readonly config: unknown; readonly selection?: Selection };
}

export type BrokerOutcome<S, A> = { readonly ok: true; readonly result: CheckResult<S, A>; readonly traffic: Traffic } | { readonly ok: false; readonly message: string };

/** The search, or (exit 2 for the caller) why it could not start: no broker, not enough workers, a worker of another version. */
export async function checkOverBroker<S, A>(search: BrokerSearch, options: ParallelOptions = {}): Promise<BrokerOutcome<S, A>> {
  const started = await startRun(
    search,
    (index, common) => ({
      kind: "partition",
      ...common,
      index,
      partitions: search.workers,
      spec: search.names.spec,
      config: search.names.config,
      selection: search.names.selection,
      checkDeadlock: options.checkDeadlock ?? false,
      symmetry: options.symmetry ?? true,
      paranoid: options.paranoid ?? false,
    }),
    true,
  );
  if (!started.ok) return started;
  const { members, close } = started.run;
  try {
    const result = await coordinate<S, A>(withSymmetryOption(search.spec, options), members.all as Member[], options);
    return { ok: true, result, traffic: members.traffic };
  } finally {
    await close();
  }
}
