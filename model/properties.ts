// The properties of spec/properties.md: invariants that must hold in every
// reachable state, and witnesses that must be reachable.

import type { Invariant, Witness } from "../checker/engine/spec.ts";
import type { Context } from "./context.ts";
import { showOp } from "./labels.ts";
import { isLinearizable } from "./linearizability.ts";
import { isPrimary } from "./server.ts";
import { clientIndex, serverOf } from "./state-helpers.ts";
import { storeValues } from "./store-values.ts";
import type { WitnessName } from "./witness-names.ts";
import type { Message, ServerName, State } from "./types.ts";

const parseBelief = (entry: string) => {
  const [num, server] = entry.split(":");
  return { num: Number(num), server: server as ServerName };
};

/** INV-1: two different servers that believed themselves primary of one view, if any. */
function splitBrain(state: State): { num: number; servers: [ServerName, ServerName] } | undefined {
  const beliefs = state.history.primaryBeliefs.map(parseBelief);
  for (const [i, a] of beliefs.entries()) {
    const b = beliefs.slice(i + 1).find((other) => other.num === a.num && other.server !== a.server);
    if (b !== undefined) return { num: a.num, servers: [a.server, b.server] };
  }
  return undefined;
}

/** INV-2: the servers that hold the current view's data: its primary, and its backup once the transfer made it one (PB-3). */
function dataHolders(state: State): ServerName[] {
  const { view } = state.vs;
  const holds = (name: ServerName | "") => {
    if (name === "") return false;
    const s = serverOf(state, name);
    return s.up && s.view.num === view.num && (name === view.primary || s.entered === view.num);
  };
  return [view.primary, view.backup].filter(holds) as ServerName[];
}

interface LostWrite {
  readonly server: ServerName;
  readonly key: string;
  readonly value: string;
  readonly allowed: ReadonlySet<string>;
}

/** INV-2: a server holding the current view's data whose store does not reflect the acknowledged writes, if any. */
function lostWrite(possibleStores: ReturnType<typeof storeValues>, state: State): LostWrite | undefined {
  const holders = dataHolders(state);
  if (holders.length === 0) return undefined;
  const done = state.clients.map((c) => c.done);
  const invoked = state.history.ops.map((ops) => ops.length);
  const stores = possibleStores(done, invoked);
  for (const server of holders) {
    const { store } = serverOf(state, server);
    for (const [key, allowed] of stores) {
      const value = store[key] ?? "";
      if (!allowed.has(value)) return { server, key, value, allowed };
    }
  }
  return undefined;
}

const acknowledgedWrites = (ctx: Context, state: State): string =>
  state.clients
    .flatMap((c, i) =>
      ctx.scripts[i]!
        .slice(0, c.done)
        .filter((op) => op.kind !== "Get")
        .map((op) => `${ctx.clientNames[i]}'s ${showOp(op)}`),
    )
    .join(", ") || "none";

const quoted = (values: Iterable<string>) => [...values].map((v) => `"${v}"`).join(" or ");

function describeHistory(ctx: Context, state: State): string {
  return state.history.ops
    .flatMap((records, c) =>
      records.map((r, i) => {
        const op = showOp(ctx.scripts[c]![i]!);
        const outcome = r.result === undefined ? "pending" : ctx.scripts[c]![i]!.kind === "Get" ? `returned "${r.result}"` : "ok";
        const after = r.invokedAfter
          .map((n, other) => (other !== c && n > 0 ? `${ctx.clientNames[other]}'s ${n === 1 ? "first operation" : `first ${n} operations`}` : ""))
          .filter(Boolean);
        return `${ctx.clientNames[c]} ${op} ${outcome}${after.length > 0 ? ` (invoked after ${after.join(", ")} completed)` : ""}`;
      }),
    )
    .join("; ");
}

export function invariants(ctx: Context): Invariant<State>[] {
  const possibleStores = storeValues(ctx.scripts);
  // INV-1 reads only the beliefs, which states share (the checker stores
  // each distinct history once): each list is judged once.
  // purity: memo (the answer for a list of beliefs never changes)
  const oneBeliefPerView = new WeakMap<readonly string[], boolean>();
  const noSplitBrain = (s: State): boolean => {
    const beliefs = s.history.primaryBeliefs;
    let answer = oneBeliefPerView.get(beliefs);
    if (answer === undefined) oneBeliefPerView.set(beliefs, (answer = splitBrain(s) === undefined));
    return answer;
  };
  return [
    {
      name: "INV-1 at most one primary per view",
      holds: noSplitBrain,
      explain: (s) => {
        const { num, servers } = splitBrain(s)!;
        return `${servers[0]} and ${servers[1]} both believed they were primary of view ${num}`;
      },
    },
    {
      name: "INV-2 acknowledged writes survive, once each",
      holds: (s) => lostWrite(possibleStores, s) === undefined,
      explain: (s) => {
        const { server, key, value, allowed } = lostWrite(possibleStores, s)!;
        const role = s.vs.view.primary === server ? "primary" : "backup";
        return (
          `${server}, ${role} of view ${s.vs.view.num}, has ${key} = "${value}", but the acknowledged writes ` +
          `(${acknowledgedWrites(ctx, s)}), each applied once, leave ${key} = ${quoted(allowed)}`
        );
      },
    },
    {
      name: "INV-3 linearizable",
      holds: (s) => isLinearizable(ctx.scripts, s.history.ops),
      explain: (s) => `no sequential order of the operations explains what clients saw: ${describeHistory(ctx, s)}`,
    },
  ];
}

const earlierPrimaryOtherThan = (state: State, server: ServerName, before: number) =>
  state.history.primaryBeliefs.map(parseBelief).some((b) => b.num < before && b.server !== server);

/** A server that believes it is primary of a view and took over from another primary. */
const tookOver = (state: State, name: ServerName) => {
  const s = serverOf(state, name);
  return s.up && isPrimary(s, name) && earlierPrimaryOtherThan(state, name, s.view.num);
};

const writeAcknowledged = (ctx: Context, m: Message): m is Extract<Message, { kind: "Reply" }> =>
  m.kind === "Reply" && m.reply.ok && ctx.scripts[clientIndex(m.to)]![m.seq - 1]?.kind !== "Get";

export function witnesses(ctx: Context): Witness<State>[] {
  const servers = ctx.serverNames;
  const all: (Witness<State> & { name: WitnessName })[] = [
    {
      name: "the backup took over as primary",
      reached: (s) => servers.some((n) => tookOver(s, n)),
    },
    {
      name: "a restarted server became backup again",
      reached: (s) =>
        servers.some((n, i) => {
          const srv = serverOf(s, n);
          return s.history.restarted[i] === true && srv.up && srv.view.backup === n && srv.entered === srv.view.num;
        }),
    },
    {
      name: "a new primary that does not know it yet rejects a client",
      reached: (s) => {
        const { primary, num } = s.vs.view;
        if (primary === "" || earlierPrimaryOtherThan(s, primary, num) === false) return false;
        const p = serverOf(s, primary);
        return p.view.num < num && s.network.some((m) => m.kind === "Reply" && m.from === primary && !m.reply.ok);
      },
    },
    {
      name: "two servers believe they are primary, in different views",
      reached: (s) =>
        servers.some((a) =>
          servers.some((b) => {
            const sa = serverOf(s, a);
            const sb = serverOf(s, b);
            return a < b && sa.up && sb.up && isPrimary(sa, a) && isPrimary(sb, b) && sa.view.num !== sb.view.num;
          }),
        ),
    },
    {
      name: "a write was acknowledged after a failover",
      reached: (s) => s.network.some((m) => writeAcknowledged(ctx, m) && tookOver(s, m.from as ServerName)),
    },
  ];
  return all.filter((w) => !ctx.config.omitWitnesses.includes(w.name));
}
