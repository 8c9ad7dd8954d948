// A 64-bit fingerprint of a state, computed in one streaming pass over the
// value: no string is built, no part of a state is cached, nothing is
// allocated per state. Two 32-bit lanes (murmur3's mixing step with different constants
// each) take the value's canonical encoding word by word.
//
// The encoding is canonical: an array is fed in order, with its length; a
// record, a Set and a Map are fed as the sum of the finalized hashes of their
// entries (elements), which does not depend on key or insertion order and
// needs no sorting. Every token starts with a tag and every string and array
// carries its length, so different plain values give different encodings, and
// different fingerprints up to a 64-bit collision.

export interface Fingerprint {
  readonly hi: number;
  readonly lo: number;
}

const TAG_INT = 1, TAG_FLOAT = 2, TAG_STRING = 3, TAG_TRUE = 4, TAG_FALSE = 5, TAG_NULL = 6, TAG_UNDEFINED = 7;
const TAG_ARRAY = 8, TAG_RECORD = 9, TAG_SET = 10, TAG_MAP = 11;

/** The two lanes of the hash being computed. */
let laneA = 0;
let laneB = 0;

function mixWord(word: number): void {
  let k = Math.imul(word, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  laneA ^= k;
  laneA = (Math.imul((laneA << 13) | (laneA >>> 19), 5) + 0xe6546b64) | 0;
  let j = Math.imul(word, 0x85ebca77);
  j = Math.imul((j << 13) | (j >>> 19), 0xc2b2ae3d);
  laneB ^= j;
  laneB = (Math.imul((laneB << 17) | (laneB >>> 15), 5) + 0x52dce729) | 0;
}

/** Murmur3's finalizer, with the multipliers of one lane: every input bit reaches every output bit. */
function finish(lane: number, m1: number, m2: number): number {
  let h = Math.imul(lane ^ (lane >>> 16), m1);
  h = Math.imul(h ^ (h >>> 13), m2);
  return h ^ (h >>> 16);
}

const finishA = () => finish(laneA, 0x85ebca6b, 0xc2b2ae35);
const finishB = () => finish(laneB, 0x2c1b3c6d, 0x297a2d39);

/** The two lanes, finalized and crossed into the 64 bits of a fingerprint. */
function finished(): Fingerprint {
  const a = finishA();
  const b = finishB();
  return { hi: (b ^ Math.imul(a, 0x9e3779b1)) >>> 0, lo: (a ^ Math.imul(b, 0x85ebca77)) >>> 0 };
}

export function fingerprint(value: unknown): Fingerprint {
  laneA = 0x9747b28c;
  laneB = 0x5bd1e995;
  feed(value);
  return finished();
}

const TAG_WORDS = 12;

/**
 * The fingerprint of `count` 32-bit words from `from` on: for a state a codec
 * has encoded (spec.ts), which is then hashed without walking the state.
 */
export function fingerprintWords(words: ArrayLike<number>, from: number, count: number): Fingerprint {
  laneA = 0x9747b28c;
  laneB = 0x5bd1e995;
  mixWord(TAG_WORDS);
  mixWord(count);
  for (let i = from; i < from + count; i++) mixWord(words[i]!);
  return finished();
}

export function sameFingerprint(a: unknown, b: unknown): boolean {
  const x = fingerprint(a);
  const y = fingerprint(b);
  return x.hi === y.hi && x.lo === y.lo;
}

// A float's two 32-bit words, read through one reused buffer.
const floatBits = new Float64Array(1);
const floatWords = new Uint32Array(floatBits.buffer);

function feed(value: unknown): void {
  switch (typeof value) {
    case "number":
      if ((value | 0) === value) {
        mixWord(TAG_INT);
        mixWord(value);
      } else {
        floatBits[0] = value;
        mixWord(TAG_FLOAT);
        mixWord(floatWords[0]!);
        mixWord(floatWords[1]!);
      }
      return;
    case "string":
      feedString(value);
      return;
    case "boolean":
      mixWord(value ? TAG_TRUE : TAG_FALSE);
      return;
    case "undefined":
      mixWord(TAG_UNDEFINED);
      return;
    case "object":
      if (value === null) mixWord(TAG_NULL);
      else if (Array.isArray(value)) feedArray(value);
      else if (value instanceof Set) feedUnordered(TAG_SET, value);
      else if (value instanceof Map) feedUnordered(TAG_MAP, value);
      else feedRecord(value as Record<string, unknown>);
      return;
    default:
      throw new Error(`fingerprint: cannot encode a ${typeof value}; states must be plain data`);
  }
}

/** Its length, then two UTF-16 code units per word. */
function feedString(text: string): void {
  mixWord(TAG_STRING);
  mixWord(text.length);
  let i = 0;
  for (; i + 1 < text.length; i += 2) mixWord(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  if (i < text.length) mixWord(text.charCodeAt(i));
}

function feedArray(items: readonly unknown[]): void {
  mixWord(TAG_ARRAY);
  mixWord(items.length);
  for (let i = 0; i < items.length; i++) feed(items[i]);
}

// The unordered parts: each entry is hashed on its own lanes and finalized,
// and the entries' hashes are added up, so their order never matters. The
// enclosing hash's lanes wait in locals meanwhile (the recursion is the stack).
let sumA = 0;
let sumB = 0;

/** Hash one entry (a Map entry, or a Set element) on fresh lanes and add it to the sums. */
function addEntry(key: unknown, value: unknown, hasValue: boolean): void {
  laneA = ENTRY_SEED_A;
  laneB = ENTRY_SEED_B;
  feed(key);
  if (hasValue) feed(value);
  addLanesToSums();
}

function addLanesToSums(): void {
  sumA = (sumA + finishA()) | 0;
  sumB = (sumB + finishB()) | 0;
}

const ENTRY_SEED_A = 0x27d4eb2f;
const ENTRY_SEED_B = 0x165667b1;

// Field names repeat in every state, so the lanes of a record entry after its
// name (before its value) are remembered per name: a field then costs a Map
// lookup instead of hashing its name again. Bounded, so records used as
// dictionaries with ever new keys cannot grow it without limit; past the
// bound, names are hashed each time, with the same result.
const NAME_LIMIT = 4096;
const nameSlots = new Map<string, number>();
const nameLanes = new Int32Array(2 * NAME_LIMIT);

function startField(name: string): void {
  const slot = nameSlots.get(name);
  if (slot !== undefined) {
    laneA = nameLanes[2 * slot]!;
    laneB = nameLanes[2 * slot + 1]!;
    return;
  }
  laneA = ENTRY_SEED_A;
  laneB = ENTRY_SEED_B;
  feedString(name);
  if (nameSlots.size < NAME_LIMIT) {
    nameLanes[2 * nameSlots.size] = laneA;
    nameLanes[2 * nameSlots.size + 1] = laneB;
    nameSlots.set(name, nameSlots.size);
  }
}

function feedRecord(record: Record<string, unknown>): void {
  const outerA = laneA, outerB = laneB, outerSumA = sumA, outerSumB = sumB;
  sumA = 0;
  sumB = 0;
  let count = 0;
  // Plain data: own enumerable fields only, in any order.
  for (const key in record) {
    const field = record[key];
    // An absent field and a field set to undefined are the same data.
    if (field === undefined) continue;
    startField(key);
    feed(field);
    addLanesToSums();
    count++;
  }
  closeUnordered(outerA, outerB, outerSumA, outerSumB, TAG_RECORD, count);
}

function feedUnordered(tag: number, container: ReadonlySet<unknown> | ReadonlyMap<unknown, unknown>): void {
  const outerA = laneA, outerB = laneB, outerSumA = sumA, outerSumB = sumB;
  sumA = 0;
  sumB = 0;
  if (tag === TAG_MAP) (container as ReadonlyMap<unknown, unknown>).forEach((value, key) => addEntry(key, value, true));
  else (container as ReadonlySet<unknown>).forEach((item) => addEntry(item, undefined, false));
  closeUnordered(outerA, outerB, outerSumA, outerSumB, tag, container.size);
}

/** Back on the enclosing hash's lanes and sums: feed it the tag, the entry count and the entries' sums. */
function closeUnordered(outerA: number, outerB: number, outerSumA: number, outerSumB: number, tag: number, count: number): void {
  const entriesA = sumA, entriesB = sumB;
  laneA = outerA;
  laneB = outerB;
  sumA = outerSumA;
  sumB = outerSumB;
  mixWord(tag);
  mixWord(count);
  mixWord(entriesA);
  mixWord(entriesB);
}

/**
 * The probability that two of `distinct` states share a fingerprint, so that
 * one of them was wrongly taken as already seen (the birthday bound over 2^64
 * values). TLC prints the same kind of estimate. With symmetry each state is
 * stored under the least of `images` fingerprints, so two classes collide if
 * any of images² pairs does.
 */
export function collisionProbability(distinct: number, images = 1): number {
  return (images * images * distinct * (distinct - 1)) / 2 / 2 ** 64;
}
