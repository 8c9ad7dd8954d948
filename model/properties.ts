// The properties of spec/properties.md: invariants that must hold in every
// reachable state, and witnesses that must be reachable.

import type { Invariant, Witness } from "../checker/spec.ts";
import type { Context } from "./context.ts";
import { showOp } from "./labels.ts";
import { isLinearizable } from "./linearizability.ts";
import { isPrimary } from "./server.ts";
import { clientIndex, serverOf } from "./state-helpers.ts";
import type { ClientName, Message, ServerName, State } from "./types.ts";

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

/** INV-2: an acknowledged write that the current primary does not have, if any. */
function lostWrite(ctx: Context, state: State): { client: ClientName; index: number; primary: ServerName } | undefined {
  const { view } = state.vs;
  if (view.primary === "") return undefined;
  const primary = serverOf(state, view.primary);
  if (!primary.up || primary.view.num !== view.num) return undefined;
  for (const [c, client] of state.clients.entries()) {
    const name = ctx.clientNames[c]!;
    for (let i = 0; i < client.done; i++) {
      if (ctx.scripts[c]![i]!.kind === "Get") continue;
      const applied = primary.dedup[name];
      // PB-7's table says which of a client's operations a server has applied.
      if (applied === undefined || applied.seq < i + 1) return { client: name, index: i, primary: view.primary };
    }
  }
  return undefined;
}

function describeHistory(ctx: Context, state: State): string {
  return state.history.ops
    .flatMap((records, c) =>
      records.map((r, i) => {
        const op = showOp(ctx.scripts[c]![i]!);
        const outcome = r.result === undefined ? "pending" : ctx.scripts[c]![i]!.kind === "Get" ? `returned "${r.result}"` : "ok";
        const after = r.invokedAfter.map((n, other) => (other !== c && n > 0 ? `${ctx.clientNames[other]}'s first ${n}` : "")).filter(Boolean);
        return `${ctx.clientNames[c]} ${op} ${outcome}${after.length > 0 ? ` (invoked after ${after.join(", ")} completed)` : ""}`;
      }),
    )
    .join("; ");
}

export function invariants(ctx: Context): Invariant<State>[] {
  return [
    {
      name: "INV-1 at most one primary per view",
      holds: (s) => splitBrain(s) === undefined,
      explain: (s) => {
        const { num, servers } = splitBrain(s)!;
        return `${servers[0]} and ${servers[1]} both believed they were primary of view ${num}`;
      },
    },
    {
      name: "INV-2 acknowledged writes survive",
      holds: (s) => lostWrite(ctx, s) === undefined,
      explain: (s) => {
        const { client, index, primary } = lostWrite(ctx, s)!;
        const op = showOp(ctx.scripts[clientIndex(client)]![index]!);
        return `${client}'s ${op} was acknowledged, but ${primary}, primary of view ${s.vs.view.num}, never applied it`;
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
  return [
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
}
