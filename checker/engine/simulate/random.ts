// Seeded randomness for random walks. Every walk has its own generator,
// seeded from the run's seed and the walk's place in the run (its swarm
// member and its number), so a walk draws the same numbers whichever worker
// runs it and whatever ran before it: the same seed gives the same walks.
//
// The generator is sfc32 (Chris Doty-Humphrey's small fast counting
// generator): 128 bits of state, passes PractRand to terabytes, and needs
// only 32-bit integer operations, which JavaScript does exactly. (A linear
// congruential generator written with plain `*` loses its low bits past
// 2^53 and falls into short cycles; an early prototype did just that.)

/** Mixes any number of 32-bit integers into one well-spread 32-bit seed (murmur3's finalizer between words). */
export function mixSeed(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed | 0;
    // The first outputs of a fresh sfc32 still show its seed; run it a while.
    for (let i = 0; i < 12; i++) this.word();
  }

  /** A uniform 32-bit unsigned integer. */
  word(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.word() / 0x100000000;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("random: pick from nothing");
    return items[this.int(items.length)]!;
  }

  /** A number between lo and hi whose logarithm is uniform: as likely to be 10 times smaller as 10 times larger. */
  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}
