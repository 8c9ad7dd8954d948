// Symmetry: which renamings of nodes change nothing that matters, for the
// checker's symmetry reduction (checker/engine/symmetry.ts).
//
// Servers are interchangeable: no rule looks at a server's name, only at the
// role the view gives it (VS-5 recruits by arrival, not by name). Clients
// with the same script are interchangeable too. A renaming must also keep the
// configuration's partitionable links, so with "S1|VS" only S2 and S3 may
// swap. The start state need not be symmetric: a renaming only has to map
// every step to a step and keep every property's truth.

import { linkName, sortMessages } from "./network.ts";
import type { Context } from "./context.ts";
import type { Client, ClientName, DuplicateTable, History, Message, NodeName, PendingOp, Server, ServerName, State, View } from "./types.ts";

/** A renaming: position i goes to position servers[i] (clients[i]). */
export interface Renaming {
  readonly servers: readonly number[];
  readonly clients: readonly number[];
}

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, at) => [...p.slice(0, at), n - 1, ...p.slice(at)]));
}

/** Permutations of clients that only exchange clients with equal scripts. */
function clientPermutations(ctx: Context): number[][] {
  const script = ctx.scripts.map((s) => JSON.stringify(s));
  return permutations(script.length).filter((p) => p.every((to, from) => script[to] === script[from]));
}

const serverName = (r: Renaming, name: ServerName | ""): ServerName | "" => (name === "" ? "" : `S${r.servers[Number(name.slice(1)) - 1]! + 1}`);
const clientName = (r: Renaming, name: ClientName): ClientName => `C${r.clients[Number(name.slice(1)) - 1]! + 1}`;

function nodeName(r: Renaming, name: NodeName): NodeName {
  if (name === "VS") return name;
  return name.startsWith("S") ? (serverName(r, name as ServerName) as ServerName) : clientName(r, name as ClientName);
}

function renameEntry(r: Renaming, entry: string): string {
  const [a, b] = entry.split("|") as [NodeName, NodeName | undefined];
  return b === undefined ? nodeName(r, a) : linkName(nodeName(r, a), nodeName(r, b));
}

/** Every renaming of this configuration that keeps its partitionable links. */
export function renamings(ctx: Context): Renaming[] {
  const allowed = ctx.config.partitionable;
  const all = permutations(ctx.config.servers).flatMap((servers) => clientPermutations(ctx).map((clients) => ({ servers, clients })));
  const identity = { servers: [...ctx.serverNames.keys()], clients: [...ctx.clientNames.keys()] };
  const entries = new Set((allowed ?? []).map((entry) => renameEntry(identity, entry)));
  // A renaming is a bijection, so one that maps the set into itself keeps it.
  return all.filter((r) => [...entries].every((entry) => entries.has(renameEntry(r, entry))));
}

const view = (r: Renaming, v: View): View => ({ num: v.num, primary: serverName(r, v.primary), backup: serverName(r, v.backup) });

function dedup(r: Renaming, table: DuplicateTable): DuplicateTable {
  return Object.fromEntries(Object.entries(table).map(([client, entry]) => [clientName(r, client as ClientName), entry]));
}

const pending = (r: Renaming, op: PendingOp | null): PendingOp | null =>
  op && { ...op, client: clientName(r, op.client), backup: serverName(r, op.backup) as ServerName };

function message(r: Renaming, m: Message): Message {
  switch (m.kind) {
    case "Ping":
      return { ...m, from: serverName(r, m.from) as ServerName };
    case "ViewReply":
      return { ...m, to: nodeName(r, m.to) as ServerName | ClientName, view: view(r, m.view) };
    case "GetView":
      return { ...m, from: clientName(r, m.from) };
    case "Request":
      return { ...m, from: clientName(r, m.from), to: serverName(r, m.to) as ServerName };
    case "Reply":
      return { ...m, from: serverName(r, m.from) as ServerName, to: clientName(r, m.to) };
    case "Forward":
    case "ForwardReply":
      return { ...m, from: serverName(r, m.from) as ServerName, to: serverName(r, m.to) as ServerName, client: clientName(r, m.client) };
    case "Transfer":
      return { ...m, from: serverName(r, m.from) as ServerName, to: serverName(r, m.to) as ServerName, dedup: dedup(r, m.dedup) };
    case "TransferReply":
      return { ...m, from: serverName(r, m.from) as ServerName, to: serverName(r, m.to) as ServerName };
  }
}

/** Element i of `items`, renamed, goes to position to[i]. */
function permute<T, U>(items: readonly T[], to: readonly number[], rename: (item: T) => U): U[] {
  const out = new Array<U>(items.length);
  items.forEach((item, i) => (out[to[i]!] = rename(item)));
  return out;
}

function history(r: Renaming, h: History): History {
  return {
    primaryBeliefs: h.primaryBeliefs.map((b) => b.replace(/S\d+$/, (name) => serverName(r, name as ServerName))).sort(),
    ops: permute(h.ops, r.clients, (ops) => ops.map((op) => ({ ...op, invokedAfter: permute(op.invokedAfter, r.clients, (n) => n) }))),
    restarted: permute(h.restarted, r.servers, (x) => x),
  };
}

/**
 * The state with its nodes renamed, kept in the model's own canonical form
 * (messages, cut links and beliefs sorted as the model sorts them), so that it
 * is the very state the model reaches by the renamed steps.
 */
export function renameState(r: Renaming, state: State): State {
  return {
    vs: { view: view(r, state.vs.view), acked: state.vs.acked, idle: state.vs.idle.map((s) => serverName(r, s) as ServerName) },
    servers: permute(state.servers, r.servers, (s) => ({ ...s, view: view(r, s.view), dedup: dedup(r, s.dedup), pending: pending(r, s.pending) })),
    clients: permute(state.clients, r.clients, (c) => ({ ...c, view: view(r, c.view) })),
    network: sortMessages(state.network.map((m) => message(r, m))),
    cuts: state.cuts.map((link) => renameEntry(r, link)).sort(),
    budgets: state.budgets,
    history: history(r, state.history),
  };
}

// Building and hashing every renamed state is costly, so only the renamings
// that put the nodes in the least order of their signatures are tried. A
// signature holds what a node is without its name (role, view number,
// progress), so a renamed state's signatures are its own, moved: which
// renamings are least depends only on the class, and so does the least
// fingerprint among their states. Roles sort primary, backup, idle, other,
// so a state already named in that order is usually its own representative
// and costs no renaming at all.

function serverRole(state: State, name: ServerName): string {
  const { view, idle } = state.vs;
  if (view.primary === name) return "0";
  if (view.backup === name) return "1";
  const waiting = idle.indexOf(name);
  return waiting < 0 ? "3" : `2${waiting}`;
}

function serverSignature(state: State, s: Server, i: number): string {
  const name: ServerName = `S${i + 1}`;
  const own = s.view.primary === name ? "P" : s.view.backup === name ? "B" : "-";
  return `${serverRole(state, name)}${+s.up}${+s.backupSynced}${+s.confirmed}${+state.history.restarted[i]!} ${s.entered} ${s.view.num}${own} ${s.pending?.seq ?? "-"}`;
}

const clientSignature = (state: State, c: Client, i: number): string => `${c.done} ${c.view.num} ${state.history.ops[i]!.length}`;

/** For each renaming, which node ends up at each position: servers, then clients after them. */
function sources(r: Renaming): number[] {
  const from = new Array<number>(r.servers.length + r.clients.length);
  r.servers.forEach((to, i) => (from[to] = i));
  r.clients.forEach((to, i) => (from[r.servers.length + to] = r.servers.length + i));
  return from;
}

/** Is the signature list after renaming `a` before (-1), equal to (0) or after (1) the one after `b`? */
function compareAfter(signatures: readonly string[], a: readonly number[], b: readonly number[]): number {
  for (let at = 0; at < a.length; at++) {
    const x = signatures[a[at]!]!, y = signatures[b[at]!]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The spec's `symmetries` hook, or none when this configuration has no renaming but the identity. */
export function symmetries(ctx: Context): ((state: State) => State[]) | undefined {
  const all = renamings(ctx);
  if (all.length === 1) return undefined;
  const from = all.map(sources);
  const identity = all.findIndex((r) => r.servers.every((to, i) => to === i) && r.clients.every((to, i) => to === i));
  return (state) => {
    const signatures = [...state.servers.map((s, i) => serverSignature(state, s, i)), ...state.clients.map((c, i) => clientSignature(state, c, i))];
    let least: number[] = [];
    for (let i = 0; i < all.length; i++) {
      const order = least.length === 0 ? -1 : compareAfter(signatures, from[i]!, from[least[0]!]!);
      if (order < 0) least = [i];
      else if (order === 0) least.push(i);
    }
    return least.map((i) => (i === identity ? state : renameState(all[i]!, state)));
  };
}
