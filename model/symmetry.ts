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
import type { Client, ClientName, DuplicateTable, History, Message, NodeName, PendingOp, Server, ServerName, State, View, ViewService } from "./types.ts";

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

/** How a renaming renames each kind of component of a state. */
interface ComponentRenaming {
  readonly vs: (v: ViewService) => ViewService;
  readonly server: (s: Server) => Server;
  readonly client: (c: Client) => Client;
  readonly network: (n: State["network"]) => State["network"];
  readonly cuts: (c: State["cuts"]) => State["cuts"];
  readonly history: (h: History) => History;
}

const componentRenaming = (r: Renaming): ComponentRenaming => ({
  vs: (v) => ({ view: view(r, v.view), acked: v.acked, idle: v.idle.map((s) => serverName(r, s) as ServerName) }),
  server: (s) => ({ ...s, view: view(r, s.view), dedup: dedup(r, s.dedup), pending: pending(r, s.pending) }),
  client: (c) => ({ ...c, view: view(r, c.view) }),
  network: (n) => sortMessages(n.map((m) => message(r, m))),
  cuts: (c) => c.map((link) => renameEntry(r, link)).sort(),
  history: (h) => history(r, h),
});

/** The state renamed component by component, servers and clients moved to their new places. */
function renameWith(r: Renaming, rename: ComponentRenaming, state: State): State {
  return {
    vs: rename.vs(state.vs),
    servers: permute(state.servers, r.servers, rename.server),
    clients: permute(state.clients, r.clients, rename.client),
    network: rename.network(state.network),
    cuts: rename.cuts(state.cuts),
    budgets: state.budgets,
    history: rename.history(state.history),
  };
}

/**
 * The state with its nodes renamed, kept in the model's own canonical form
 * (messages, cut links and beliefs sorted as the model sorts them), so that it
 * is the very state the model reaches by the renamed steps.
 */
export function renameState(r: Renaming, state: State): State {
  return renameWith(r, componentRenaming(r), state);
}

// Building and hashing every renamed state is costly, so only the renamings
// that put the nodes in the least order of their signatures are tried. A
// signature holds what a node is without its name (role, view number,
// progress), so a renamed state's signatures are its own, moved: which
// renamings are least depends only on the class, and so does the least
// fingerprint among their states. Roles sort primary, backup, idle, other,
// so a state already named in that order is usually its own representative
// and costs no renaming at all.

// A signature is a number, not text: it is worked out for every node of
// every generated state, so building strings there cost more than all the
// renaming. Any number that depends only on what the node is, not on its
// name, keeps the argument above; two nodes that share a signature only
// make more renamings least, never a wrong one.

/** Primary 0, backup 1, the n-th idle server 2 + n, any other server after them. */
function serverRole(state: State, name: ServerName, servers: number): number {
  const { view, idle } = state.vs;
  if (view.primary === name) return 0;
  if (view.backup === name) return 1;
  const waiting = idle.indexOf(name);
  return waiting < 0 ? 2 + servers : 2 + waiting;
}

/** Packs small counts into one number, each in its own field of `size` values (larger counts share the top value). */
const pack = (into: number, value: number, size: number): number => into * size + Math.min(value, size - 1);

function serverSignature(state: State, s: Server, i: number, names: readonly ServerName[]): number {
  const name = names[i]!;
  const own = s.view.primary === name ? 0 : s.view.backup === name ? 1 : 2;
  let sig = serverRole(state, name, names.length);
  sig = pack(sig, +s.up, 2);
  sig = pack(sig, +s.backupSynced, 2);
  sig = pack(sig, +s.confirmed, 2);
  sig = pack(sig, +state.history.restarted[i]!, 2);
  sig = pack(sig, s.entered, 256);
  sig = pack(sig, s.view.num, 256);
  sig = pack(sig, own, 4);
  return pack(sig, s.pending === null ? 0 : s.pending.seq + 1, 256);
}

const clientSignature = (state: State, c: Client, i: number): number => pack(pack(c.done, c.view.num, 256), state.history.ops[i]!.length, 256);

/** For each renaming, which node ends up at each position: servers, then clients after them. */
function sources(r: Renaming): number[] {
  const from = new Array<number>(r.servers.length + r.clients.length);
  r.servers.forEach((to, i) => (from[to] = i));
  r.clients.forEach((to, i) => (from[r.servers.length + to] = r.servers.length + i));
  return from;
}

/** Is the signature list after renaming `a` before (-1), equal to (0) or after (1) the one after `b`? */
function compareAfter(signatures: Float64Array, a: readonly number[], b: readonly number[], moved: readonly number[]): number {
  for (const at of moved) {
    const x = signatures[a[at]!]!, y = signatures[b[at]!]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Where states are kept as shared components (model/codec.ts), a renamed
 * component can be the stored one: found by identity, not hashed again.
 */
export interface Components {
  canonical<T>(part: T): T;
}

/**
 * renameState, with each renamed component remembered per renaming. The
 * components of a state the search expands are stored ones, shared by many
 * states, so most of an image comes out of these tables; only what a step
 * just built is renamed afresh.
 */
function memoizedRenaming(r: Renaming, components: Components): (state: State) => State {
  const memo = <T extends object>(rename: (part: T) => T) => {
    // purity: memo (a component's renaming never changes)
    const known = new Map<T, T>();
    return (part: T): T => {
      // Keyed by the stored component equal to `part`, so a component a step just built finds its renaming too.
      const stored = components.canonical(part);
      let renamed = known.get(stored);
      if (renamed === undefined) known.set(stored, (renamed = components.canonical(rename(stored))));
      return renamed;
    };
  };
  const plain = componentRenaming(r);
  const remembered: ComponentRenaming = {
    vs: memo(plain.vs),
    server: memo(plain.server),
    client: memo(plain.client),
    network: memo(plain.network),
    cuts: memo(plain.cuts),
    history: memo(plain.history),
  };
  return (state) => renameWith(r, remembered, state);
}

/** The spec's `symmetries` hook, or none when this configuration has no renaming but the identity. */
export function symmetries(ctx: Context, components?: Components): ((state: State) => State[]) | undefined {
  const all = renamings(ctx);
  if (all.length === 1) return undefined;
  const from = all.map(sources);
  const identity = all.findIndex((r) => r.servers.every((to, i) => to === i) && r.clients.every((to, i) => to === i));
  const rename = all.map((r) => (components === undefined ? (state: State) => renameState(r, state) : memoizedRenaming(r, components)));
  const names = ctx.serverNames;
  const servers = names.length;
  // Scratch space, filled anew for each state: allocating a typed array per state cost more than filling it.
  // purity: memo (overwritten before every read)
  const signatures = new Float64Array(servers + ctx.clientNames.length);
  // Only the nodes some renaming moves can tell renamings apart (with "S1|VS"
  // cut, S2 and S3): the others are compared with themselves, so their
  // signatures are not worked out. The renamings form a group, so a moved
  // node only ever takes the place of another moved node.
  const moved = [...signatures.keys()].filter((at) => from.some((f) => f[at] !== at));
  return (state) => {
    for (const at of moved) {
      signatures[at] = at < servers ? serverSignature(state, state.servers[at]!, at, names) : clientSignature(state, state.clients[at - servers]!, at - servers);
    }
    // The least renamings: the first found, and how many tie with it (usually none).
    let least = 0;
    let ties = 0;
    for (let i = 1; i < all.length; i++) {
      const order = compareAfter(signatures, from[i]!, from[least]!, moved);
      if (order < 0) {
        least = i;
        ties = 0;
      }
      else if (order === 0) ties++;
    }
    if (ties === 0) return [least === identity ? state : rename[least]!(state)];
    const images: State[] = [];
    for (let i = least; i < all.length; i++) {
      if (compareAfter(signatures, from[i]!, from[least]!, moved) === 0) images.push(i === identity ? state : rename[i]!(state));
    }
    return images;
  };
}
