// A 64-bit fingerprint of a state's canonical encoding. The encoding is never
// built as a string: its tokens are fed straight into a hash with two 32-bit
// lanes (the public-domain cyrb53 mixing, widened to 64 bits), which is what
// makes it fast enough for millions of states.
//
// The encoding is canonical: object keys are taken in sorted order, and the
// elements of a Set (entries of a Map) are hashed one by one and fed in sorted
// order of their hashes, so insertion order never matters. Every token starts
// with a tag and every part is fed as a digest of its own tokens, so different
// plain values give different fingerprints up to collisions of 64-bit digests,
// which are as unlikely as a fingerprint collision.

export interface Fingerprint {
  readonly hi: number;
  readonly lo: number;
}

const TAG_NUMBER = 1, TAG_STRING = 2, TAG_TRUE = 3, TAG_FALSE = 4, TAG_NULL = 5, TAG_UNDEFINED = 6;
const TAG_ARRAY = 7, TAG_OBJECT = 8, TAG_SET = 9, TAG_MAP = 10, TAG_FLOAT = 11, TAG_KEY = 12, TAG_END = 13;
const TAG_LONG_STRING = 14, TAG_DIGEST = 15;

let h1 = 0;
let h2 = 0;

function mix(word: number): void {
  h1 = Math.imul(h1 ^ word, 2654435761);
  h2 = Math.imul(h2 ^ word, 1597334677);
}

// Field names and most string values come from a small vocabulary that
// repeats in every state, so each short string is hashed once to two 32-bit
// words (a 64-bit digest, as unlikely to collide as the fingerprint itself),
// cached, and fed as those two words. A long string is fed character by
// character, so the cache stays small. Either way, one string is always fed
// the same way.
const SHORT_STRING = 64;
const stringDigests = new Map<string, readonly [number, number]>();

function mixString(text: string): void {
  if (text.length > SHORT_STRING) {
    mix(TAG_LONG_STRING);
    mix(text.length);
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
    return;
  }
  let digest = stringDigests.get(text);
  if (digest === undefined) {
    let a = 0x811c9dc5 ^ text.length;
    let b = 0x01000193 ^ text.length;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      a = Math.imul(a ^ ch, 0x85ebca6b);
      b = Math.imul(b ^ ch, 0xc2b2ae35);
    }
    a = Math.imul(a ^ (a >>> 16), 0x7feb352d);
    b = Math.imul(b ^ (b >>> 15), 0x846ca68b);
    digest = [a ^ (b >>> 13), b ^ (a >>> 16)];
    stringDigests.set(text, digest);
  }
  mix(digest[0]);
  mix(digest[1]);
}

export function fingerprint(value: unknown): Fingerprint {
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  if (typeof value === "object" && value !== null) feedObject(value, true);
  else feed(value);
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  a ^= Math.imul(b ^ (b >>> 13), 3266489909);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return { hi: b >>> 0, lo: a >>> 0 };
}

export function sameFingerprint(a: unknown, b: unknown): boolean {
  const x = fingerprint(a);
  const y = fingerprint(b);
  return x.hi === y.hi && x.lo === y.lo;
}

function feed(value: unknown): void {
  switch (typeof value) {
    case "number":
      if ((value | 0) === value) {
        mix(TAG_NUMBER);
        mix(value);
      } else {
        mix(TAG_FLOAT);
        mixString(String(value));
      }
      return;
    case "string":
      mix(TAG_STRING);
      mixString(value);
      return;
    case "boolean":
      mix(value ? TAG_TRUE : TAG_FALSE);
      return;
    case "undefined":
      mix(TAG_UNDEFINED);
      return;
    case "object":
      if (value === null) mix(TAG_NULL);
      else feedObject(value);
      return;
    default:
      throw new Error(`fingerprint: cannot encode a ${typeof value}; states must be plain data`);
  }
}

// An array or object that contains other arrays or objects is fed to its
// parent as a 64-bit digest of its own contents (a Merkle hash). States are
// immutable and a successor shares most of its parts with its parent, so such
// a digest is computed once and cached: fingerprinting a successor then costs
// about as much as the parts that changed. A flat part (only numbers, strings
// and the like) is cheaper to feed in place than to look up, so it is.
// Whether a part is fed in place or as a digest depends only on its value.
const digests = new WeakMap<object, readonly [number, number]>();

function isFlat(value: object, keys: readonly string[] | undefined): boolean {
  if (keys === undefined) {
    if (!Array.isArray(value)) return false;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null) return false;
    }
    return true;
  }
  const record = value as Record<string, unknown>;
  for (let i = 0; i < keys.length; i++) {
    const item = record[keys[i]!];
    if (typeof item === "object" && item !== null) return false;
  }
  return true;
}

/** The sorted keys of a plain record, or undefined for an array, Set or Map. */
function recordKeys(value: object): string[] | undefined {
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) return undefined;
  const keys = Object.keys(value);
  if (!isSorted(keys)) keys.sort();
  return keys;
}

function feedObject(value: object, isRoot = false): void {
  const keys = recordKeys(value);
  if (isFlat(value, keys)) {
    feedContents(value, keys);
    return;
  }
  let digest = isRoot ? undefined : digests.get(value);
  if (digest === undefined) {
    const outer1 = h1;
    const outer2 = h2;
    h1 = 0x27d4eb2f;
    h2 = 0x165667b1;
    feedContents(value, keys);
    digest = [h1, h2];
    // The root is fingerprinted once per state: caching it would only cost.
    if (!isRoot) digests.set(value, digest);
    h1 = outer1;
    h2 = outer2;
  }
  mix(TAG_DIGEST);
  mix(digest[0]);
  mix(digest[1]);
}

function feedContents(value: object, keys: readonly string[] | undefined): void {
  if (keys !== undefined) feedRecord(value as Record<string, unknown>, keys);
  else if (Array.isArray(value)) feedArray(value);
  else if (value instanceof Set) feedUnordered(TAG_SET, value);
  else feedUnordered(TAG_MAP, value as ReadonlyMap<unknown, unknown>);
}

function feedArray(value: readonly unknown[]): void {
  mix(TAG_ARRAY);
  mix(value.length);
  for (let i = 0; i < value.length; i++) feed(value[i]);
}

function feedRecord(record: Record<string, unknown>, keys: readonly string[]): void {
  mix(TAG_OBJECT);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const field = record[key];
    // An absent field and a field set to undefined are the same data.
    if (field === undefined) continue;
    mix(TAG_KEY);
    mixString(key);
    feed(field);
  }
  mix(TAG_END);
}

// A Set or Map: each element (entry) is hashed on its own and the element
// hashes are fed in sorted order, so insertion order never matters.
function feedUnordered(tag: number, container: ReadonlySet<unknown> | ReadonlyMap<unknown, unknown>): void {
  const hashes: number[] = [];
  for (const item of container) {
    h1 = 0x9e3779b9;
    h2 = 0x85ebca6b;
    if (tag === TAG_MAP) {
      const [k, v] = item as [unknown, unknown];
      feed(k);
      feed(v);
    } else {
      feed(item);
    }
    // 52 bits, so the hash is an exact JavaScript number and sorts numerically.
    hashes.push((h1 >>> 0) * 0x100000 + ((h2 >>> 12) & 0xfffff));
  }
  hashes.sort((x, y) => x - y);
  h1 = 0x27d4eb2f;
  h2 = 0x165667b1;
  mix(tag);
  mix(hashes.length);
  for (const h of hashes) {
    mix(Math.floor(h / 0x100000));
    mix(h & 0xfffff);
  }
}

function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1]! > keys[i]!) return false;
  return true;
}

/**
 * The probability that two of `distinct` states share a fingerprint, so that
 * one of them was wrongly taken as already seen (the birthday bound over 2^64
 * values). TLC prints the same kind of estimate.
 */
export function collisionProbability(distinct: number): number {
  return (distinct * (distinct - 1)) / 2 / 2 ** 64;
}
