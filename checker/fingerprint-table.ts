// The set of visited fingerprints: open addressing with linear probing over
// one Uint32Array (hi, lo pairs), and beside it the number of the state each
// fingerprint belongs to. 12 bytes per slot, no per-state object. The
// all-zero fingerprint marks an empty slot, so a real zero is nudged to 1.

const INITIAL_CAPACITY = 1 << 16;
const MAX_LOAD = 0.5;

export class FingerprintTable {
  private slots: Uint32Array;
  private ids: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    const size = nextPowerOfTwo(Math.max(capacity, 16));
    this.slots = new Uint32Array(size * 2);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.slots.byteLength + this.ids.byteLength;
  }

  /** Adds the fingerprint; returns false if it was already present. */
  add(hi: number, lo: number): boolean {
    return this.addOrGet(hi, lo) < 0;
  }

  /**
   * Adds the fingerprint as the next state number and returns -1, or returns
   * the number of the state it already belongs to.
   */
  addOrGet(hi: number, lo: number): number {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.count + 1 > (this.mask + 1) * MAX_LOAD) this.grow();
    const existing = insert(this.slots, this.ids, this.mask, hi, lo, this.count);
    if (existing < 0) this.count++;
    return existing;
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
    const oldSlots = this.slots;
    const oldIds = this.ids;
    const size = (this.mask + 1) * 2;
    this.slots = new Uint32Array(size * 2);
    this.ids = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < oldIds.length; i++) {
      const h = oldSlots[2 * i]!;
      const l = oldSlots[2 * i + 1]!;
      if (h !== 0 || l !== 0) insert(this.slots, this.ids, this.mask, h, l, oldIds[i]!);
    }
  }
}

/** Returns -1 if (hi, lo) was inserted with `id`, else the id already stored for it. */
function insert(slots: Uint32Array, ids: Int32Array, mask: number, hi: number, lo: number, id: number): number {
  let i = lo & mask;
  for (;;) {
    const h = slots[2 * i]!;
    const l = slots[2 * i + 1]!;
    if (h === 0 && l === 0) {
      slots[2 * i] = hi;
      slots[2 * i + 1] = lo;
      ids[i] = id;
      return -1;
    }
    if (h === hi && l === lo) return ids[i]!;
    i = (i + 1) & mask;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
