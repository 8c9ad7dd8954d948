// Collapse compression, as SPIN's COLLAPSE mode: a state is cut into a fixed
// number of components (a server, a client, the network...), each distinct
// component is stored once in a table, and the state becomes a short vector
// of table numbers. A frontier state then costs a few words however large
// its components are, and most steps change one or two components: the
// others are the very objects of the state they came from, found in the
// table by identity without being hashed again.
//
// The table numbers depend on the order components were first seen, so they
// mean something only in this process (`local`). The fingerprint does not
// use them: it hashes the components' own fingerprints, kept in the table,
// so it is a function of the state's content, as every parallel worker needs.

import { fingerprint, fingerprintWords } from "./fingerprint.ts";
import { GrowableArray } from "./growable-array.ts";
import { LevelIndex } from "./level-index.ts";
import type { StateCodec } from "./spec.ts";

/** How many objects found by content are remembered at most: a few levels' worth of steps, a few hundred kB. */
const RECENT_LIMIT = 8192;

export interface Components<S> {
  /** How many components every state has. */
  readonly count: number;
  /**
   * The i-th component of a state: any plain value. A step should keep the
   * components it does not change as the same objects, which is what makes
   * encoding them cheap.
   */
  readonly part: (state: S, i: number) => unknown;
  /** The state made of these components: `build` of the parts of `s` is `s`. The array is reused: keep its elements, not it. */
  readonly build: (parts: readonly unknown[]) => S;
}

/** Every distinct component seen, numbered in the order first seen, with its fingerprint. */
export class ComponentTable {
  private readonly items: unknown[] = [];
  /** Two words per component: its fingerprint's high and low halves. */
  readonly hashes = new GrowableArray(Int32Array);
  /**
   * The number of each stored component, by identity: the components of
   * decoded states are these very objects.
   */
  private readonly byObject = new Map<unknown, number>();
  /**
   * The numbers of objects lately found by content: a successor's new
   * components are hashed once, then found here when the state is encoded or
   * renamed. Emptied whenever it fills, so it holds no state for long
   * (remembering every object weakly instead cost more than it saved: 6.3 s
   * against 4.7 s on small).
   */
  private recent = new Map<unknown, number>();
  /** An index that is never told a new level starts keeps every entry: here, fingerprint to number. */
  private readonly byContent = new LevelIndex();

  get size(): number {
    return this.items.length;
  }

  item(id: number): unknown {
    return this.items[id];
  }

  /** The component's number, stored first if its content is new. */
  idOf(part: unknown): number {
    const known = this.byObject.get(part) ?? this.recent.get(part);
    if (known !== undefined) return known;
    const fp = fingerprint(part);
    const seen = this.byContent.get(fp.hi, fp.lo);
    if (seen >= 0) {
      if (this.recent.size >= RECENT_LIMIT) this.recent = new Map();
      this.recent.set(part, seen);
      return seen;
    }
    const id = this.items.length;
    this.items.push(part);
    this.hashes.push(fp.hi);
    this.hashes.push(fp.lo);
    this.byContent.put(fp.hi, fp.lo, id);
    this.byObject.set(part, id);
    return id;
  }

  /**
   * The stored component equal to `part`, stored first if it is new. A spec
   * that builds the same component again and again (a renamed server for
   * symmetry) can keep this one, which is then found by identity.
   */
  canonical<T>(part: T): T {
    return this.items[this.idOf(part)] as T;
  }
}

export function collapseCodec<S>(components: Components<S>): StateCodec<S> & { readonly table: ComponentTable } {
  const { count, part, build } = components;
  const table = new ComponentTable();
  // The search fingerprints a state and then, if it is new, encodes it: the
  // numbers worked out for the one are kept for the other.
  let lastState: S | undefined;
  const ids = new Int32Array(count);
  // The parts and numbers of the state decoded last, which the search is
  // expanding: a successor's component that is still the very same object
  // keeps its number without a table lookup.
  // Filled with an object no state has, so that nothing matches before the first decode.
  const parts = new Array<unknown>(count).fill({});
  const partIds = new Int32Array(count);
  const idsOf = (state: S): Int32Array => {
    if (state !== lastState) {
      lastState = undefined;
      for (let i = 0; i < count; i++) {
        const p = part(state, i);
        ids[i] = p === parts[i] ? partIds[i]! : table.idOf(p);
      }
      lastState = state;
    }
    return ids;
  };
  const hashes = new Int32Array(2 * count);
  return {
    table,
    words: count,
    local: true,
    encode: (state, into, at) => into.set(idsOf(state), at),
    decode: (from, at) => {
      for (let i = 0; i < count; i++) {
        partIds[i] = from[at + i]!;
        parts[i] = table.item(partIds[i]!);
      }
      return build(parts);
    },
    fingerprint: (state) => {
      const of = idsOf(state);
      for (let i = 0; i < count; i++) {
        hashes[2 * i] = table.hashes.get(2 * of[i]!);
        hashes[2 * i + 1] = table.hashes.get(2 * of[i]! + 1);
      }
      return fingerprintWords(hashes, 0, 2 * count);
    },
  };
}
