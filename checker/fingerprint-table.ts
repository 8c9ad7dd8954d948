// The set of visited fingerprints: open addressing with linear probing over
// one Uint32Array (hi, lo pairs). Only 8 bytes per slot, no per-state object.
// The all-zero fingerprint marks an empty slot, so a real zero is nudged to 1.

const INITIAL_CAPACITY = 1 << 16;
const MAX_LOAD = 0.5;

export class FingerprintTable {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    const size = nextPowerOfTwo(Math.max(capacity, 16));
    this.slots = new Uint32Array(size * 2);
    this.mask = size - 1;
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
    if ((this.count + 1) > (this.mask + 1) * MAX_LOAD) this.grow();
    const added = insert(this.slots, this.mask, hi, lo);
    if (added) this.count++;
    return added;
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    const slots = this.slots;
    let i = lo & this.mask;
    for (;;) {
      const h = slots[2 * i]!;
      const l = slots[2 * i + 1]!;
      if (h === 0 && l === 0) return false;
      if (h === hi && l === lo) return true;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = new Uint32Array(size * 2);
    this.mask = size - 1;
    for (let i = 0; i < old.length; i += 2) {
      const h = old[i]!;
      const l = old[i + 1]!;
      if (h !== 0 || l !== 0) insert(this.slots, this.mask, h, l);
    }
  }
}

function insert(slots: Uint32Array, mask: number, hi: number, lo: number): boolean {
  let i = lo & mask;
  for (;;) {
    const h = slots[2 * i]!;
    const l = slots[2 * i + 1]!;
    if (h === 0 && l === 0) {
      slots[2 * i] = hi;
      slots[2 * i + 1] = lo;
      return true;
    }
    if (h === hi && l === lo) return false;
    i = (i + 1) & mask;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
