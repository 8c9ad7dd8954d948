// Symmetry reduction, as TLC's SYMMETRY and Murphi's scalarsets: states that
// differ only by a renaming the spec declares harmless are stored once.
//
// A spec lists a state's images under its symmetries, all in one encoding:
// under every symmetry, or under a choice of them that depends only on the
// class (spec.ts). The state is stored under the smallest of their
// fingerprints, which is then the same for every state of the class. The
// engine still expands the state it reached, never an image: recorded action
// indices then replay from the initial state (expanding the representative
// instead is the trap that made Stateright revert its BFS symmetry).
//
// Traces stay shortest: equivalent states lie at the same depth, so merging
// them cannot lengthen a path. The price is a fingerprint per image.

import { fingerprint, type Fingerprint } from "./fingerprint.ts";
import type { CheckOptions } from "./check-result.ts";
import type { Spec } from "./spec.ts";

/** The spec as the search should use it: without its symmetries when they are switched off. */
export function withSymmetryOption<S, A>(spec: Spec<S, A>, options: Pick<CheckOptions, "symmetry">): Spec<S, A> {
  return options.symmetry === false && spec.symmetries !== undefined ? { ...spec, symmetries: undefined } : spec;
}

/** The fingerprints states are stored under, and how many images the most symmetric state had. */
export class StoredFingerprints<S> {
  /** The collision estimate grows with its square: two classes collide if any two of their images do. */
  mostImages = 1;

  /** How a state is hashed: by the spec's codec where it gives a fingerprint, else by walking it. */
  private readonly hash: (state: S) => Fingerprint;
  private readonly symmetries: ((state: S) => Iterable<unknown>) | undefined;

  constructor(spec: Pick<Spec<S, unknown>, "symmetries" | "codec">) {
    this.symmetries = spec.symmetries;
    this.hash = spec.codec?.fingerprint ?? fingerprint;
  }

  /** The state's own fingerprint, or the smallest over its images. */
  of(state: S): Fingerprint {
    if (this.symmetries === undefined) return this.hash(state);
    let best: Fingerprint | undefined;
    let images = 0;
    for (const image of this.symmetries(state)) {
      images++;
      const fp = this.hash(image as S);
      if (best === undefined || fp.hi < best.hi || (fp.hi === best.hi && fp.lo < best.lo)) best = fp;
    }
    if (best === undefined) throw new Error("symmetries: a state must have at least one image (itself)");
    if (images > this.mostImages) this.mostImages = images;
    return best;
  }
}
