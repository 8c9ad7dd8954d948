// The states of one BFS level waiting to be expanded, with their numbers.
// Whole JavaScript states cost hundreds of bytes each (TwoPhase-7: about 300 B
// on its widest level), so a spec that gives a codec has its states kept as
// a few 32-bit words instead, and decoded when they are expanded. A codec is
// spec code, so it is checked, not trusted: each state keeps its fingerprint,
// and a decoded state whose fingerprint differs is reported as a bug.

import { GrowableArray } from "./growable-array.ts";
import type { StateCodec } from "./spec.ts";

export interface Frontier<S> {
  readonly length: number;
  push(state: S, id: number, hi: number, lo: number): void;
  /** The i-th state pushed, as the spec's own value. */
  state(i: number): S;
  id(i: number): number;
  /** The stored fingerprint of the i-th state, to check a decoded state against. */
  matches(i: number, hi: number, lo: number): boolean;
  /** The bytes an encoded frontier holds; undefined for objects, whose size the engine cannot see. */
  readonly bytes: number | undefined;
  /** The states from the `from`-th on, for a checkpoint. */
  saved(from: number): SavedFrontier<S>;
}

export type SavedFrontier<S> =
  | { readonly kind: "objects"; readonly states: readonly S[]; readonly ids: readonly number[] }
  | { readonly kind: "encoded"; readonly words: Int32Array; readonly count: number };

export function newFrontier<S>(codec: StateCodec<S> | undefined): Frontier<S> {
  return codec === undefined ? new ObjectFrontier<S>() : new EncodedFrontier<S>(codec);
}

/**
 * A frontier holding what `saved` gave, for a spec with the same codec, or
 * still without one. A `local` codec's frontier was saved as states, and is
 * encoded again here (with `fingerprint`, the fingerprint each is stored under).
 */
export function restoreFrontier<S>(codec: StateCodec<S> | undefined, saved: SavedFrontier<S>, fingerprint?: (state: S) => { hi: number; lo: number }): Frontier<S> {
  const savesStates = codec === undefined || codec.local === true;
  if ((saved.kind === "objects") !== savesStates) throw new Error("checkpoint: the frontier was saved with a different codec");
  if (saved.kind === "objects" && codec === undefined) {
    const frontier = new ObjectFrontier<S>();
    saved.states.forEach((state, i) => frontier.push(state, saved.ids[i]!));
    return frontier;
  }
  if (saved.kind === "objects") {
    const frontier = new EncodedFrontier<S>(codec!);
    saved.states.forEach((state, i) => {
      const fp = fingerprint!(state);
      frontier.push(state, saved.ids[i]!, fp.hi, fp.lo);
    });
    return frontier;
  }
  return EncodedFrontier.restore(codec!, saved.words, saved.count);
}

class ObjectFrontier<S> implements Frontier<S> {
  private readonly states: S[] = [];
  private readonly ids: number[] = [];

  get length(): number {
    return this.states.length;
  }

  push(state: S, id: number): void {
    this.states.push(state);
    this.ids.push(id);
  }

  state(i: number): S {
    return this.states[i]!;
  }

  id(i: number): number {
    return this.ids[i]!;
  }

  matches(): boolean {
    return true;
  }

  saved(from: number): SavedFrontier<S> {
    return { kind: "objects", states: this.states.slice(from), ids: this.ids.slice(from) };
  }

  get bytes(): undefined {
    return undefined;
  }
}

/** Per state: its id, its fingerprint's two words, then the codec's words. */
class EncodedFrontier<S> implements Frontier<S> {
  private readonly stride: number;

  constructor(
    private readonly codec: StateCodec<S>,
    private data = new GrowableArray(Int32Array, 1024 * (3 + codec.words)),
    private count = 0,
  ) {
    this.stride = 3 + codec.words;
  }

  static restore<S>(codec: StateCodec<S>, words: Int32Array, count: number): EncodedFrontier<S> {
    return new EncodedFrontier(codec, GrowableArray.of(Int32Array, words), count);
  }

  saved(from: number): SavedFrontier<S> {
    if (this.codec.local === true) {
      // Its words are numbers in this process's tables: the states themselves are saved.
      const states: S[] = [];
      const ids: number[] = [];
      for (let i = from; i < this.count; i++) {
        states.push(this.state(i));
        ids.push(this.id(i));
      }
      return { kind: "objects", states, ids };
    }
    return { kind: "encoded", words: (this.data.view as Int32Array).slice(from * this.stride, this.count * this.stride), count: this.count - from };
  }

  get length(): number {
    return this.count;
  }

  push(state: S, id: number, hi: number, lo: number): void {
    const at = this.data.reserve(this.stride);
    const words = this.data.view;
    words[at] = id;
    words[at + 1] = hi;
    words[at + 2] = lo;
    this.codec.encode(state, words as Int32Array, at + 3);
    this.count++;
  }

  state(i: number): S {
    return this.codec.decode(this.data.view as Int32Array, i * this.stride + 3);
  }

  id(i: number): number {
    return this.data.get(i * this.stride);
  }

  matches(i: number, hi: number, lo: number): boolean {
    const at = i * this.stride;
    return this.data.get(at + 1) === (hi | 0) && this.data.get(at + 2) === (lo | 0);
  }

  get bytes(): number {
    return this.data.bytes;
  }
}
