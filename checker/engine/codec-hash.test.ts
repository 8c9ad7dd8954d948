import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashedWords } from "./codec-hash.ts";
import { fingerprintWords } from "./fingerprint.ts";
import type { StateCodec } from "./spec.ts";

/** A pair of small numbers in two words. */
const pairCodec: StateCodec<readonly [number, number]> = {
  words: 2,
  encode: (s, into, at) => {
    into[at] = s[0];
    into[at + 1] = s[1];
  },
  decode: (from, at) => [from[at]!, from[at + 1]!],
};

describe("a codec hashed by its words", () => {
  it("keeps the codec, and fingerprints a state as the hash of its words: equal exactly for equal states", () => {
    const hashed = hashedWords(pairCodec);
    expect([hashed.words, hashed.encode, hashed.decode]).toEqual([pairCodec.words, pairCodec.encode, pairCodec.decode]);
    expect(hashed.fingerprint!([3, 4])).toEqual(fingerprintWords(Int32Array.from([3, 4]), 0, 2));
    fc.assert(
      fc.property(fc.tuple(fc.integer(), fc.integer()), fc.tuple(fc.integer(), fc.integer()), (a, b) => {
        const [x, y] = [hashed.fingerprint!(a), hashed.fingerprint!(b)];
        expect(x.hi === y.hi && x.lo === y.lo).toBe(a[0] === b[0] && a[1] === b[1]);
      }),
    );
  });
});
