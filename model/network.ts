// The network: a multiset of messages in flight, and the set of cut links.
//
// Why a multiset covers the faults (see spec/network.md): any message in
// flight may be delivered next, which is reordering; Drop removes a copy
// without delivering it, which is loss; Duplicate adds a copy, which is
// duplication. Drop and Duplicate spend budgets, so the network stays finite.
// The multiset is a sorted array: two states with the same messages in flight
// are the same array, so the checker sees one state, not one per send order.

import { keyText } from "./message-key.ts";
import type { Message, NodeName } from "./types.ts";

// Messages are immutable, so each one's sort key is computed once.
// purity: memo (the answer for a message never changes)
const keys = new WeakMap<Message, string>();

export function messageKey(message: Message): string {
  let key = keys.get(message);
  if (key === undefined) {
    key = keyText(message);
    keys.set(message, key);
  }
  return key;
}

export function sameMessage(a: Message, b: Message): boolean {
  return a === b || messageKey(a) === messageKey(b);
}

/** Add one copy of a message, keeping the array sorted. */
export function addMessage(network: readonly Message[], message: Message): readonly Message[] {
  const key = messageKey(message);
  let at = 0;
  while (at < network.length && messageKey(network[at]!) < key) at++;
  const out = network.slice(0, at);
  out.push(message);
  for (let i = at; i < network.length; i++) out.push(network[i]!);
  return out;
}

/** The messages as the network keeps them: sorted, so equal multisets are equal arrays. */
export function sortMessages(messages: readonly Message[]): readonly Message[] {
  return messages.map((m) => [messageKey(m), m] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
}

/** Remove one copy of a message that is in flight. */
export function removeMessage(network: readonly Message[], message: Message): readonly Message[] {
  // A delivery names the very object in flight, so identity usually finds it without a key.
  const same = network.indexOf(message);
  const at = same >= 0 ? same : network.findIndex((m) => sameMessage(m, message));
  if (at < 0) throw new Error(`network: ${messageKey(message)} is not in flight`);
  return [...network.slice(0, at), ...network.slice(at + 1)];
}

/** The distinct messages in flight, once each: delivering either of two equal copies is the same step. */
export function distinctMessages(network: readonly Message[]): Message[] {
  return network.filter((m, i) => i === 0 || !sameMessage(network[i - 1]!, m));
}

export function inFlight(network: readonly Message[], matches: (m: Message) => boolean): boolean {
  return network.some(matches);
}

export function linkName(a: NodeName, b: NodeName): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function isCut(cuts: readonly string[], a: NodeName, b: NodeName): boolean {
  return cuts.length > 0 && cuts.includes(linkName(a, b));
}

export function addCuts(cuts: readonly string[], links: readonly string[]): readonly string[] {
  return [...new Set([...cuts, ...links])].sort();
}
