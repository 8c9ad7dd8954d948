// A replica server (pbservice): learns views from the view service, serves
// clients as primary, accepts forwards and state transfers as backup.

import type { Operation } from "./config.ts";
import { taking, type Context } from "./context.ts";
import { believePrimary } from "./history.ts";
import { answer, send, serverOf, updateServer, withServer } from "./state-helpers.ts";
import type { ClientName, Message, PendingOp, Server, ServerName, State, View } from "./types.ts";
import { NO_VIEW } from "./types.ts";

type Msg<K extends Message["kind"]> = Extract<Message, { kind: K }>;

export const INITIAL_SERVER: Server = {
  up: true,
  view: NO_VIEW,
  entered: 0,
  store: {},
  dedup: {},
  pending: null,
  backupSynced: false,
  confirmed: false,
};
const isPrimaryOf = (view: View, name: ServerName) => view.primary === name;
export const isPrimary = (s: Server, name: ServerName) => isPrimaryOf(s.view, name);
export const isBackup = (s: Server, name: ServerName) => s.view.backup === name;

/** PB-3, PB-10: a primary serves clients once it has entered its view and the view service confirmed it. */
export const servesClients = (ctx: Context, s: Server, name: ServerName) => isPrimary(s, name) && s.entered === s.view.num && (s.confirmed || ctx.bug("serve-unconfirmed"));

/** Apply one client operation to a server's store and duplicate table (PB-7 records the reply). */
export function apply(s: Server, client: ClientName, seq: number, op: Operation): { server: Server; value: string } {
  const old = s.store[op.key] ?? "";
  const value = op.kind === "Get" ? old : "";
  const store = op.kind === "Put" ? { ...s.store, [op.key]: op.value } : op.kind === "Append" ? { ...s.store, [op.key]: old + op.value } : s.store;
  return { server: { ...s, store, dedup: { ...s.dedup, [client]: { seq, value } } }, value };
}

/** PB-7: the remembered reply if this operation was already applied, or undefined. */
function duplicateOf(ctx: Context, s: Server, client: ClientName, seq: number): { seq: number; value: string } | undefined {
  if (ctx.bug("no-dedup")) return undefined;
  const seen = s.dedup[client];
  return seen !== undefined && seen.seq >= seq ? seen : undefined;
}

/** Apply unless already applied (PB-7); either way, the value to reply with. */
function applyOnce(ctx: Context, s: Server, client: ClientName, seq: number, op: Operation): { server: Server; value: string } {
  const seen = duplicateOf(ctx, s, client, seq);
  return seen !== undefined ? { server: s, value: seen.value } : apply(s, client, seq, op);
}

const reply = (from: ServerName, to: ClientName, seq: number, value: string): Message => ({
  kind: "Reply",
  from,
  to,
  seq,
  reply: { ok: true, value },
});

/** Install the server's new state and send the client the value it gets. */
function replyWith(state: State, name: ServerName, client: ClientName, seq: number, applied: { server: Server; value: string }): State {
  return send(withServer(state, name, applied.server), reply(name, client, seq, applied.value));
}

const wrongServer = (from: ServerName, to: ClientName, seq: number): Message => ({
  kind: "Reply",
  from,
  to,
  seq,
  reply: { ok: false, error: "wrong-server" },
});

// PB-1: learn a view from a view-service reply.
export function receiveViewReply(ctx: Context, state: State, name: ServerName, m: Msg<"ViewReply">): State {
  const s = serverOf(state, name);
  // PB-1: ignore a reply older than the view this server knows.
  if (m.view.num < s.view.num) return taking(ctx, "PB-1 a reply older than the known view is ignored", state);
  if (m.view.num === s.view.num) return taking(ctx, "PB-1 a reply with the known view confirms it", withServer(state, name, confirm(ctx, s, name, m.acked)));
  // PB-9: a server that has entered no view since it started holds no data. By
  // VS-4 the primary of a view above 1 was in the view before, so such a view
  // naming this server primary is news from before a crash: ignore it.
  if (isPrimaryOf(m.view, name) && s.entered === 0 && m.view.num > 1 && !ctx.bug("restart-takes-primary")) {
    return taking(ctx, "PB-9 a restarted server ignores a view naming it primary", state);
  }
  ctx.took("PB-1 a newer view is learned");
  const keepPending = ctx.bug("keep-stale-forward");
  const fresh: Server = { ...s, view: m.view, confirmed: false, backupSynced: false, pending: keepPending ? s.pending : null };
  const learned = confirm(ctx, enterOnLearning(ctx, fresh, name), name, m.acked);
  const next = keepPending ? withServer(state, name, learned) : abandonPending(ctx, withServer(state, name, learned), name, s.pending);
  return isPrimaryOf(m.view, name) ? believePrimary(next, name, m.view.num) : next;
}

// PB-4b: an operation forwarded in an older view is abandoned when a new view
// arrives: the backup it went to may no longer be the backup, and the state
// sent to a new backup would lack it. The client gets an error and retries.
function abandonPending(ctx: Context, state: State, name: ServerName, pending: PendingOp | null): State {
  if (pending === null) return state;
  return taking(ctx, "PB-4b a pending forward is abandoned in a new view", send(state, wrongServer(name, pending.client, pending.seq)));
}

// PB-2, PB-3: which view a server has fully entered as soon as it learns a new one.
function enterOnLearning(ctx: Context, s: Server, name: ServerName): Server {
  const { view } = s;
  if (isPrimary(s, name)) {
    // PB-3: with a backup, the primary enters only once the backup confirmed the transfer.
    const mustTransfer = view.backup !== "" && !ctx.bug("ack-before-transfer") && !ctx.bug("no-state-transfer");
    return mustTransfer ? taking(ctx, "PB-3 a primary with a backup waits for the transfer", s) : { ...s, entered: view.num };
  }
  // PB-3: a backup enters its view when the state transfer arrives.
  if (isBackup(s, name)) return ctx.bug("no-state-transfer") ? { ...s, entered: view.num, store: {}, dedup: {} } : taking(ctx, "PB-3 a backup waits for the transfer", s);
  return { ...s, entered: view.num };
}

// PB-10: the primary's store may be the only copy, so it serves nobody until the
// view service has confirmed it acknowledged the view: only then will a
// restart of this server be seen as one (VS-5), instead of leaving it primary.
function confirm(ctx: Context, s: Server, name: ServerName, acked: true | undefined): Server {
  if (!acked || s.confirmed || !isPrimary(s, name) || s.entered !== s.view.num) return s;
  return taking(ctx, "PB-10 the view service confirms the primary", { ...s, confirmed: true });
}

// PB-2: a ping carries the number of the view the server has fully entered.
export function pingMessage(state: State, name: ServerName): Msg<"Ping"> {
  return { kind: "Ping", from: name, to: "VS", viewnum: serverOf(state, name).entered };
}

// PB-3: the primary sends its complete state (store and duplicate table) to the backup of its view.
export function transferMessage(state: State, name: ServerName): Msg<"Transfer"> {
  const s = serverOf(state, name);
  return { kind: "Transfer", from: name, to: s.view.backup as ServerName, view: s.view.num, store: s.store, dedup: s.dedup };
}

/** PB-3: does this primary still owe its backup a state transfer? */
export function owesTransfer(ctx: Context, s: Server, name: ServerName): boolean {
  return isPrimary(s, name) && s.view.backup !== "" && !s.backupSynced && !ctx.bug("no-state-transfer");
}

// PB-5: accept only from the primary of this server's own current view, carrying that view's number.
function acceptsFromPrimary(ctx: Context, s: Server, name: ServerName, from: ServerName, view: number): boolean {
  if (ctx.bug("no-view-check")) return true;
  return s.view.num === view && s.view.primary === from && isBackup(s, name);
}

export function receiveTransfer(ctx: Context, state: State, name: ServerName, m: Msg<"Transfer">): State {
  const s = serverOf(state, name);
  const ok = acceptsFromPrimary(ctx, s, name, m.from, m.view);
  const next = !ok
    ? taking(ctx, "PB-5 a transfer from a stale primary is rejected", state)
    : alreadyTransferred(ctx, s)
      ? taking(ctx, "PB-3b a late copy of the transfer is confirmed but not applied", state)
      : taking(ctx, "PB-3 the backup accepts the transfer", withServer(state, name, { ...s, store: m.store, dedup: m.dedup, entered: s.view.num }));
  return answer(next, m, { kind: "TransferReply", from: name, to: m.from, view: m.view, ok });
}

// PB-3b: once a backup has entered its view, it may already hold forwarded
// operations, so a late copy of the transfer (duplicated, or resent after its
// reply was lost) is confirmed again but does not replace the backup's state.
function alreadyTransferred(ctx: Context, s: Server): boolean {
  return s.entered === s.view.num && !ctx.bug("transfer-twice");
}

export function receiveTransferReply(ctx: Context, state: State, name: ServerName, m: Msg<"TransferReply">): State {
  const s = serverOf(state, name);
  if (!m.ok || m.view !== s.view.num || m.from !== s.view.backup || !isPrimary(s, name)) return taking(ctx, "PB-3 a stale transfer reply is ignored", state);
  // PB-3: the backup confirmed the transfer; now the primary enters the view.
  return taking(ctx, "PB-3 the transfer is confirmed: the primary enters its view", withServer(state, name, { ...s, backupSynced: true, entered: s.view.num }));
}

export function receiveForward(ctx: Context, state: State, name: ServerName, m: Msg<"Forward">): State {
  const s = serverOf(state, name);
  // PB-5, and a backup holds the primary's state only once it has entered the view (PB-3).
  const ok = acceptsFromPrimary(ctx, s, name, m.from, m.view) && (s.entered === s.view.num || ctx.bug("no-view-check"));
  const next = ok
    ? taking(ctx, "PB-5 the backup applies a forward", withServer(state, name, applyOnce(ctx, s, m.client, m.seq, m.op).server))
    : taking(ctx, "PB-5 a forward from a stale primary, or before the transfer, is rejected", state);
  return answer(next, m, { kind: "ForwardReply", from: name, to: m.from, view: m.view, client: m.client, seq: m.seq, ok });
}

// PB-4: the backup answered; only now does the primary apply the operation and reply.
export function receiveForwardReply(ctx: Context, state: State, name: ServerName, m: Msg<"ForwardReply">): State {
  const s = serverOf(state, name);
  const p = s.pending;
  if (p === null || p.client !== m.client || p.seq !== m.seq || p.backup !== m.from || p.view !== m.view) {
    return taking(ctx, "PB-4 a stale forward reply is ignored", state);
  }
  if (!m.ok) return taking(ctx, "PB-4 the backup refused: the client is told to retry", send(withServer(state, name, { ...s, pending: null }), wrongServer(name, m.client, m.seq)));
  ctx.took("PB-4 the backup acknowledged: the primary applies and replies");
  return replyWith(state, name, m.client, m.seq, applyOnce(ctx, { ...s, pending: null }, m.client, m.seq, p.op));
}

/** A primary busy with a forwarded operation handles one client request at a time. */
export const isBusy = (s: Server) => s.pending !== null;

export function receiveRequest(ctx: Context, state: State, name: ServerName, m: Msg<"Request">): State {
  const s = serverOf(state, name);
  const { from: client, seq, op } = m;
  if (!servesClients(ctx, s, name)) {
    if (isBackup(s, name) && (ctx.bug("backup-serves-clients") || (ctx.bug("read-from-backup") && op.kind === "Get"))) {
      return replyWith(state, name, client, seq, applyOnce(ctx, s, client, seq, op));
    }
    // PB-6: only the primary of its current view answers clients.
    return taking(ctx, "PB-6 a server that does not serve clients refuses a request", send(state, wrongServer(name, client, seq)));
  }
  // PB-7: a duplicate gets the remembered reply; an older one needs no answer.
  const seen = duplicateOf(ctx, s, client, seq);
  if (seen !== undefined) {
    return seen.seq === seq
      ? taking(ctx, "PB-7 a duplicate request gets the remembered reply", send(state, reply(name, client, seq, seen.value)))
      : taking(ctx, "PB-7 an older duplicate request is ignored", state);
  }
  // PB-4: with no backup, execute directly. (local-reads: Gets skip the backup.)
  if (s.view.backup === "" || (ctx.bug("local-reads") && op.kind === "Get")) {
    return taking(ctx, "PB-4 with no backup, the primary executes at once", replyWith(state, name, client, seq, apply(s, client, seq, op)));
  }
  // PB-4: forward to the backup and wait for its answer.
  ctx.took("PB-4 the primary forwards to the backup");
  const forwarded = send(state, { kind: "Forward", from: name, to: s.view.backup, view: s.view.num, client, seq, op });
  if (ctx.bug("no-backup-ack")) return replyWith(forwarded, name, client, seq, apply(s, client, seq, op));
  return updateServer(forwarded, name, (srv) => ({ ...srv, pending: { client, seq, op, view: s.view.num, backup: s.view.backup as ServerName } }));
}
