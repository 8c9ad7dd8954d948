// The one place that speaks to the broker (NATS, through its own client): a
// connection made from a URL the user gave, with errors a user can act on,
// and messages of any size, cut into chunks the broker accepts.
//
// NATS hands one connection's messages to a subscriber in the order they
// were published; the chunks of a message are therefore put together again
// simply by appending, per sender, until the last one.

import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";

/** Well under NATS's default limit of 1 MiB per message. */
const CHUNK_BYTES = 512 * 1024;
/** Sender (u32) and whether this is the message's last chunk (u8). */
const HEADER_BYTES = 5;

export interface BrokerAddress {
  /** The URL without its credentials, for messages: they may be printed, the password must not. */
  readonly shown: string;
  readonly server: string;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
}

/** nats://[user:password@|token@]host[:port]; undefined with the reason if it is not one. */
export function parseBrokerUrl(text: string): { ok: true; address: BrokerAddress } | { ok: false; why: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, why: `"${text}" is not a URL; give one such as nats://127.0.0.1:4222` };
  }
  if (url.protocol !== "nats:") return { ok: false, why: `${url.protocol}// is not a broker this splitbrain speaks; give nats://host:port (a NATS server)` };
  if (url.hostname === "") return { ok: false, why: `"${text}" names no host; give one such as nats://127.0.0.1:4222` };
  const port = url.port === "" ? "4222" : url.port;
  const server = `${url.hostname}:${port}`;
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const credentials = user === "" ? {} : pass === "" ? { token: user } : { user, pass };
  return { ok: true, address: { shown: `nats://${user === "" ? "" : "***@"}${server}`, server, ...credentials } };
}

export class BrokerUnreachable extends Error {}

/**
 * A connection. `keepTrying` (a worker waiting for jobs) reconnects for as
 * long as it takes; otherwise (a search under way) a lost connection is
 * final, since messages may have been lost with it.
 */
export async function openLink(address: BrokerAddress, name: string, keepTrying: boolean): Promise<NatsConnection> {
  try {
    return await connect({
      servers: address.server,
      name,
      ...(address.user !== undefined && { user: address.user, pass: address.pass }),
      ...(address.token !== undefined && { token: address.token }),
      reconnect: keepTrying,
      maxReconnectAttempts: keepTrying ? -1 : 0,
      reconnectTimeWait: 500,
      pingInterval: 2000,
      maxPingOut: 2,
      timeout: 3000,
    });
  } catch (error) {
    const text = (error as Error).message;
    const why = /authoriz|authentic|permission/i.test(text)
      ? "the broker refused the credentials (give them in the URL: nats://user:password@host:port)"
      : /ECONNREFUSED|refused/i.test(text)
        ? "nothing listens there (is nats-server running?)"
        : /ENOTFOUND|EAI_AGAIN/i.test(text)
          ? "no such host"
          : /timeout|TIMEOUT/i.test(text)
            ? "no answer in 3 s (a firewall, or not a NATS server)"
            : text;
    throw new BrokerUnreachable(`no broker at ${address.shown}: ${why}`);
  }
}

/** Publishes `bytes` as one message from `sender`, in as many chunks as it takes. */
export function publishFramed(link: NatsConnection, subject: string, sender: number, bytes: Uint8Array): void {
  for (let at = 0; at === 0 || at < bytes.length; at += CHUNK_BYTES) {
    const end = Math.min(bytes.length, at + CHUNK_BYTES);
    // A fresh buffer for each chunk: the client keeps it until it is written out.
    const chunk = new Uint8Array(HEADER_BYTES + end - at);
    new DataView(chunk.buffer).setUint32(0, sender, true);
    chunk[4] = end === bytes.length ? 1 : 0;
    chunk.set(bytes.subarray(at, end), HEADER_BYTES);
    link.publish(subject, chunk);
  }
}

/** Calls `handler` with each whole message published with publishFramed to `subject`, and its sender. */
export function subscribeFramed(link: NatsConnection, subject: string, handler: (sender: number, bytes: Uint8Array) => void): Subscription {
  const partial = new Map<number, Uint8Array[]>();
  return link.subscribe(subject, {
    callback: (error, message) => {
      if (error !== null) return;
      const data = message.data;
      const sender = new DataView(data.buffer, data.byteOffset).getUint32(0, true);
      const body = data.subarray(HEADER_BYTES);
      const last = data[4] === 1;
      const before = partial.get(sender);
      if (before === undefined && last) return handler(sender, body);
      const parts = before ?? [];
      parts.push(body);
      if (!last) return void partial.set(sender, parts);
      partial.delete(sender);
      handler(sender, Buffer.concat(parts));
    },
  });
}

/** Resolves when the connection is lost or closed, with what happened. */
export async function whenLost(link: NatsConnection): Promise<string> {
  for await (const status of link.status()) {
    if (status.type === "disconnect" || status.type === "staleConnection") return "the connection to the broker was lost";
    if (status.type === "error") return `the broker reported an error (${status.error.message})`;
  }
  return "the connection to the broker was closed";
}
