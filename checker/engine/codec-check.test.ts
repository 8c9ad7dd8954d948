import { describe, expect, it } from "vitest";
import { CODEC_CHECK_EVERY, CodecCheck } from "./codec-check.ts";
import type { StateCodec } from "./spec.ts";

/** Keeps numbers below 1000 and gives 0 back for the rest; counts what it decodes. */
function lossy(): StateCodec<number> & { decoded: number } {
  const codec = {
    decoded: 0,
    words: 1,
    encode: (n: number, into: Int32Array, at: number) => {
      into[at] = n < 1000 ? n : 0;
    },
    decode: (from: Int32Array, at: number) => {
      codec.decoded++;
      return from[at]!;
    },
    fingerprint: () => ({ hi: 0, lo: 0 }),
  };
  return codec;
}

describe("the check of a codec that gives the fingerprints", () => {
  it("looks at the first state and then one in CODEC_CHECK_EVERY, and stops at a state the codec does not give back", () => {
    const codec = lossy();
    const check = new CodecCheck("lossy", codec, false);
    for (let i = 0; i < 3 * CODEC_CHECK_EVERY; i++) check.sample(i, `state #${i}`);
    expect(codec.decoded).toBe(3);
    const late = new CodecCheck("lossy", lossy(), false);
    // The 2nd to 64th states are not looked at; the 65th is.
    late.sample(1, "state #0");
    for (let i = 1; i < CODEC_CHECK_EVERY; i++) late.sample(5000, `state #${i}`);
    expect(() => late.sample(5000, "state #64")).toThrow("spec lossy: its codec does not give back the state it encoded (state #64); its fingerprints cannot be trusted, so the search stops");
  });

  it("looks at every state when paranoid", () => {
    const codec = lossy();
    const check = new CodecCheck("lossy", codec, true);
    for (let i = 0; i < 10; i++) check.sample(i, "");
    expect(codec.decoded).toBe(10);
    expect(() => check.sample(1000, "state #10")).toThrow("(state #10)");
  });

  it("checks nothing for a codec that does not give the fingerprints, or no codec", () => {
    const { fingerprint: _, ...plain } = lossy();
    const check = new CodecCheck("plain", plain as StateCodec<number>, true);
    expect(() => check.sample(5000, "")).not.toThrow();
    expect(() => new CodecCheck<number>("none", undefined, true).sample(5000, "")).not.toThrow();
  });
});
