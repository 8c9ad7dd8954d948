// A codec whose words are a function of the state alone (no table, no
// process-local numbering) may be trusted for hashing: the fingerprint of a
// state is the hash of its words, with no walk over the state.

import { fingerprintWords } from "./fingerprint.ts";
import type { StateCodec } from "./spec.ts";

/** The codec with a `fingerprint` that hashes its words. */
export function hashedWords<S>(codec: StateCodec<S>): StateCodec<S> {
  const scratch = new Int32Array(codec.words);
  return {
    ...codec,
    fingerprint: (state) => {
      codec.encode(state, scratch, 0);
      return fingerprintWords(scratch, 0, codec.words);
    },
  };
}
