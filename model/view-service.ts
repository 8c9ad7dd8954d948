// The view service: one node that keeps the current view and decides when to
// move to the next one. Each rule is a small function over its own state.

import { taking, type Context } from "./context.ts";
import { answer, send } from "./state-helpers.ts";
import type { ClientName, Message, ServerName, State, View, ViewService } from "./types.ts";
import { NO_VIEW } from "./types.ts";

export const INITIAL_VIEW_SERVICE: ViewService = { view: NO_VIEW, acked: false, idle: [] };

// In arrival order, not by name: no server is favoured for its name (VS-5).
const withIdle = (idle: readonly ServerName[], server: ServerName): readonly ServerName[] =>
  idle.includes(server) ? idle : [...idle, server];

const withoutIdle = (idle: readonly ServerName[], server: ServerName): readonly ServerName[] =>
  idle.includes(server) ? idle.filter((s) => s !== server) : idle;

// VS-3: never move from view X to X+1 before the primary of X acknowledged X.
function mayMove(ctx: Context, vs: ViewService): boolean {
  if (vs.acked || ctx.bug("vs-no-ack-wait")) return true;
  return taking(ctx, "VS-3 the view cannot move until the primary acknowledged", false);
}

function moveTo(vs: ViewService, primary: ServerName | "", backup: ServerName | "", idle: readonly ServerName[]): ViewService {
  const view: View = { num: vs.view.num + 1, primary, backup };
  return { view, acked: false, idle: withoutIdle(withoutIdle(idle, primary as ServerName), backup as ServerName) };
}

/**
 * The idle server that has waited longest, or none. VS-5b: a server that has just
 * pinged 0 is not chosen in the same step: it first learns the view as an idle
 * server, so that its next ping does not carry 0 and look like a restart.
 */
function firstIdle(ctx: Context, idle: readonly ServerName[], except: ServerName | "" = ""): ServerName | "" {
  if (except !== "" && idle[0] === except) ctx.took("VS-5b a server that just pinged 0 is not recruited in that step");
  return idle.find((s) => s !== except) ?? "";
}

// VS-5: the primary is gone (suspected, or it restarted). VS-4: only the backup may replace it.
function primaryGone(ctx: Context, vs: ViewService, gone: ServerName, restarted: boolean): ViewService {
  if (!mayMove(ctx, vs)) return vs;
  const idle = restarted ? withIdle(vs.idle, gone) : withoutIdle(vs.idle, gone);
  const { backup } = vs.view;
  if (backup === "") {
    if (ctx.bug("promote-idle") && idle.length > 0) {
      const [primary, ...rest] = idle;
      return moveTo(vs, primary!, firstIdle(ctx, rest), idle);
    }
    // VS-4b: no backup holds the data. A primary that restarted has lost it,
    // so the service moves to a view with no primary and stays stuck there.
    // A primary that is only suspected may still be alive: wait for it. The
    // wait changes nothing, so it is no step at all (actions.ts offers no
    // such Suspect), and rule coverage, which counts steps, has no branch for it.
    if (!restarted) return vs;
    if (ctx.bug("restarted-primary-stays")) return vs;
    return taking(ctx, "VS-4b with no backup, a restarted primary leaves no primary", moveTo(vs, "", "", idle));
  }
  // The backup takes over and an idle server, if any, becomes backup in the same change.
  return taking(ctx, "VS-4 the backup takes over from the primary", moveTo(vs, backup, firstIdle(ctx, idle, restarted ? gone : ""), idle));
}

// VS-5: the backup is gone (suspected, or it restarted); an idle server replaces it.
function backupGone(ctx: Context, vs: ViewService, gone: ServerName, restarted: boolean): ViewService {
  if (!mayMove(ctx, vs)) return vs;
  const idle = restarted ? withIdle(vs.idle, gone) : withoutIdle(vs.idle, gone);
  return taking(ctx, "VS-5 a gone backup is replaced", moveTo(vs, vs.view.primary, firstIdle(ctx, idle, restarted ? gone : ""), idle));
}

// VS-5: no backup, and an idle server exists: it becomes the backup.
function recruitBackup(ctx: Context, vs: ViewService, justPinged0: ServerName | ""): ViewService {
  const { view } = vs;
  if (view.primary === "" || view.backup !== "") return vs;
  const backup = firstIdle(ctx, vs.idle, justPinged0);
  if (backup === "" || !mayMove(ctx, vs)) return vs;
  return taking(ctx, "VS-5 an idle server is recruited as backup", moveTo(vs, view.primary, backup, vs.idle));
}

/** VS-2..VS-5: the view service's state after a ping from `from` carrying `viewnum`. */
export function afterPing(ctx: Context, vs: ViewService, from: ServerName, viewnum: number): ViewService {
  const { view } = vs;
  // VS-2: the first server to ping view 0 becomes the primary of view 1, with no backup.
  if (view.num === 0) return taking(ctx, "VS-2 the first server to ping becomes primary of view 1", { view: { num: 1, primary: from, backup: "" }, acked: false, idle: withoutIdle(vs.idle, from) });
  let next = vs;
  if (from === view.primary) {
    if (viewnum === view.num) next = vs.acked ? vs : taking(ctx, "VS-3 the primary acknowledges its view", { ...vs, acked: true });
    else if (viewnum === 0) next = primaryGone(ctx, vs, from, true);
  } else if (from === view.backup) {
    if (viewnum === 0) next = backupGone(ctx, vs, from, true);
  } else {
    next = { ...vs, idle: withIdle(vs.idle, from) };
    if (next.idle === vs.idle) next = vs;
  }
  return recruitBackup(ctx, next, viewnum === 0 ? from : "");
}

/** VS-6: the view service suspects `server` is dead (pings lost or late). */
export function afterSuspicion(ctx: Context, vs: ViewService, server: ServerName): ViewService {
  if (server === vs.view.primary) return primaryGone(ctx, vs, server, false);
  if (server === vs.view.backup) return backupGone(ctx, vs, server, false);
  if (vs.idle.includes(server)) return { ...vs, idle: withoutIdle(vs.idle, server) };
  return vs;
}

/** The configuration caps view numbers: a step that would pass the cap is not explored. */
export function withinViewCap(ctx: Context, vs: ViewService): boolean {
  return vs.view.num <= ctx.config.maxView;
}

type PingMessage = Extract<Message, { kind: "Ping" }>;
type GetViewMessage = Extract<Message, { kind: "GetView" }>;

const viewReply = (vs: ViewService, to: ServerName | ClientName): Message =>
  vs.acked && to.startsWith("S") ? { kind: "ViewReply", from: "VS", to, view: vs.view, acked: true } : { kind: "ViewReply", from: "VS", to, view: vs.view };

// VS-7: every ping gets a reply carrying the current view.
export function receivePing(ctx: Context, state: State, ping: PingMessage): State {
  const vs = afterPing(ctx, state.vs, ping.from, ping.viewnum);
  return answer({ ...state, vs }, ping, viewReply(vs, ping.from));
}

// VS-7: clients ask for the view without volunteering as a server.
export function receiveGetView(state: State, query: GetViewMessage): State {
  return send(state, viewReply(state.vs, query.from));
}

export function suspect(ctx: Context, state: State, server: ServerName): State {
  return { ...state, vs: afterSuspicion(ctx, state.vs, server) };
}
