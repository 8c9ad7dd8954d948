// A codec that gives the fingerprints (spec.ts) is spec code the search
// trusts: one that loses part of a state would merge states that differ,
// silently. So a sample of the states it sees is encoded, decoded and
// compared with the original by walking both; a difference is a bug in the
// codec and stops the search, never a result.

import { sameFingerprint } from "./fingerprint.ts";
import type { StateCodec } from "./spec.ts";

/**
 * One state in this many is checked. On the protocol one check costs about
 * as much as hashing twenty states by their codec, so this is about 1% of a
 * search (npm run bench); `paranoid` checks every state.
 */
export const CODEC_CHECK_EVERY = 64;

export class CodecCheck<S> {
  private readonly scratch: Int32Array;
  private seen = 0;

  constructor(
    private readonly specName: string,
    private readonly codec: StateCodec<S> | undefined,
    private readonly paranoid: boolean,
  ) {
    this.scratch = new Int32Array(codec?.words ?? 0);
  }

  /** Checks `state` if it is its turn; throws if the codec does not give it back. */
  sample(state: S, what: string): void {
    const codec = this.codec;
    if (codec?.fingerprint === undefined || (!this.paranoid && this.seen++ % CODEC_CHECK_EVERY !== 0)) return;
    codec.encode(state, this.scratch, 0);
    if (!sameFingerprint(codec.decode(this.scratch, 0), state)) {
      throw new Error(`spec ${this.specName}: its codec does not give back the state it encoded (${what}); its fingerprints cannot be trusted, so the search stops`);
    }
  }
}
