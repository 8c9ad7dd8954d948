// The set of visited fingerprints: open addressing with linear probing over
// one Uint32Array of (hi, lo) pairs, 8 bytes a slot and nothing else per
// state. The table is kept between half and three quarters full: it grows by
// half when an addition takes it past three quarters, so a distinct state
// costs between 10.7 and 16 bytes. Its size need not be a power of two: a
// fingerprint's home slot is its low word scaled to the size. The all-zero
// fingerprint marks an empty slot, so a real zero is nudged to 1.

const INITIAL_CAPACITY = 1 << 16;
const MAX_LOAD = 0.75;
const GROWTH = 1.5;

export interface SavedTable {
  readonly slots: Uint32Array;
  readonly count: number;
}

export class FingerprintTable {
  private slots: Uint32Array;
  private capacity: number;
  private count = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.capacity = Math.max(capacity, 16);
    this.slots = new Uint32Array(this.capacity * 2);
  }

  /** Its contents, for a checkpoint: a copy of the slots and the count. */
  saved(): SavedTable {
    return { slots: this.slots.slice(), count: this.count };
  }

  /** A table with the contents `saved()` gave. */
  static restore(saved: SavedTable): FingerprintTable {
    const table = new FingerprintTable(16);
    table.slots = saved.slots.slice();
    table.capacity = saved.slots.length / 2;
    table.count = saved.count;
    return table;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Adds the fingerprint; returns false if it was already present. */
  add(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    if (!insert(this.slots, this.capacity, hi, lo)) return false;
    this.count++;
    if (this.count > this.capacity * MAX_LOAD) this.grow();
    return true;
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const slots = this.slots;
    for (let i = homeSlot(lo, this.capacity); ; i = next(i, this.capacity)) {
      const h = slots[2 * i]!;
      const l = slots[2 * i + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity = Math.ceil(this.capacity * GROWTH);
    this.slots = new Uint32Array(this.capacity * 2);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0 || old[i + 1] !== 0) insert(this.slots, this.capacity, old[i]!, old[i + 1]!);
    }
  }
}

/**
 * A fingerprint's first slot: its low word, scrambled (Fibonacci hashing, so
 * that even words that are not uniform, like small counters, spread out) and
 * scaled to the table's size.
 */
export const homeSlot = (lo: number, capacity: number) => Math.floor(((Math.imul(lo, 0x9e3779b1) >>> 0) / 0x100000000) * capacity);
const next = (i: number, capacity: number) => (i + 1 === capacity ? 0 : i + 1);

/** Returns false if (hi, lo) is already there, else puts it in the first empty slot from its home. */
function insert(slots: Uint32Array, capacity: number, hi: number, lo: number): boolean {
  for (let i = homeSlot(lo, capacity); ; i = next(i, capacity)) {
    const h = slots[2 * i]!;
    const l = slots[2 * i + 1]!;
    if (h === 0 && l === 0) {
      slots[2 * i] = hi;
      slots[2 * i + 1] = lo;
      return true;
    }
    if (h === hi && l === lo) return false;
  }
}
