// The network's sort key for a message: the message as text with its fields
// in alphabetical order, so that equal messages have equal keys and the
// network's order depends on content alone (every worker of a parallel search
// must sort the same messages the same way).
//
// A key is built once per message object, on the first step that sends it,
// so building it is on the search's hot path: each kind of message is written
// out by a template with its fields already in order, not by sorting the
// fields of every message. The templates give exactly the text of the general
// `stableText`, which stays as the reference and for the rare parts that are
// records of any shape (a transfer's store and duplicate table);
// message-key.test.ts compares the two on every message of the test
// configurations.

import type { Message, View } from "./types.ts";

/** A deterministic text of plain data: object keys sorted. */
export function stableText(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stableText).join(",")}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableText(v)}`).join(",")}}`;
}

const text = (s: string): string => JSON.stringify(s);

/** How many fields a record has: a template covers a record only if it has no field the template leaves out. */
function fieldCount(record: object): number {
  let count = 0;
  for (const _ in record) count++;
  return count;
}

/** The fields each kind of message has, besides an `orphan` or `acked` mark. */
const FIELDS: Readonly<Record<Message["kind"], number>> = { Ping: 4, ViewReply: 4, GetView: 3, Request: 5, Reply: 5, Forward: 7, ForwardReply: 7, Transfer: 6, TransferReply: 5 };

const viewText = (v: View): string | undefined =>
  fieldCount(v) === 3 ? `{"backup":${text(v.backup)},"num":${v.num},"primary":${text(v.primary)}}` : undefined;

// Operations come from the configuration's scripts and are shared by every
// message that carries them, so each one's text is worked out once.
// purity: memo (the text of an operation never changes)
const opTexts = new WeakMap<object, string>();
function opText(op: unknown): string {
  if (op === null || typeof op !== "object") return stableText(op);
  let known = opTexts.get(op);
  if (known === undefined) opTexts.set(op, (known = stableText(op)));
  return known;
}

/** `,"orphan":true` where the message has it; undefined for any other value, which the general text handles. */
function orphanText(m: Message): string | undefined {
  if (!("orphan" in m)) return "";
  return m.orphan === true ? `,"orphan":true` : undefined;
}

/** The key of `m`, equal to `stableText(m)`; undefined where a message has a field its template does not expect. */
function templateText(m: Message): string | undefined {
  switch (m.kind) {
    case "Ping": {
      const orphan = orphanText(m);
      return orphan === undefined ? undefined : `{"from":${text(m.from)},"kind":"Ping"${orphan},"to":"VS","viewnum":${m.viewnum}}`;
    }
    case "ViewReply": {
      const view = viewText(m.view);
      if (view === undefined || ("acked" in m && m.acked !== true)) return undefined;
      const acked = "acked" in m ? `"acked":true,` : "";
      return `{${acked}"from":"VS","kind":"ViewReply","to":${text(m.to)},"view":${view}}`;
    }
    case "GetView":
      return `{"from":${text(m.from)},"kind":"GetView","to":"VS"}`;
    case "Request":
      return `{"from":${text(m.from)},"kind":"Request","op":${opText(m.op)},"seq":${m.seq},"to":${text(m.to)}}`;
    case "Reply": {
      const r = m.reply;
      if (fieldCount(r) !== 2) return undefined;
      const reply = r.ok ? `{"ok":true,"value":${text(r.value)}}` : `{"error":${text(r.error)},"ok":false}`;
      return `{"from":${text(m.from)},"kind":"Reply","reply":${reply},"seq":${m.seq},"to":${text(m.to)}}`;
    }
    case "Forward": {
      const orphan = orphanText(m);
      if (orphan === undefined) return undefined;
      return `{"client":${text(m.client)},"from":${text(m.from)},"kind":"Forward","op":${opText(m.op)}${orphan},"seq":${m.seq},"to":${text(m.to)},"view":${m.view}}`;
    }
    case "ForwardReply":
      return `{"client":${text(m.client)},"from":${text(m.from)},"kind":"ForwardReply","ok":${m.ok},"seq":${m.seq},"to":${text(m.to)},"view":${m.view}}`;
    case "Transfer": {
      const orphan = orphanText(m);
      if (orphan === undefined) return undefined;
      return `{"dedup":${stableText(m.dedup)},"from":${text(m.from)},"kind":"Transfer"${orphan},"store":${stableText(m.store)},"to":${text(m.to)},"view":${m.view}}`;
    }
    case "TransferReply":
      return `{"from":${text(m.from)},"kind":"TransferReply","ok":${m.ok},"to":${text(m.to)},"view":${m.view}}`;
  }
}

/** A message's key: its fields in alphabetical order, as text. */
export function keyText(m: Message): string {
  const marks = ("orphan" in m ? 1 : 0) + ("acked" in m ? 1 : 0);
  const fits = fieldCount(m) === FIELDS[m.kind] + marks;
  return (fits ? templateText(m) : undefined) ?? stableText(m);
}
