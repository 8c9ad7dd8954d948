// Fingerprint → state number, for the liveness graph: its edges name states
// by number. Open addressing with linear probing over one Uint32Array of
// (hi, lo, number + 1) triples, 12 bytes a slot; kept at most three quarters
// full, as the visited set of the safety search is.

import { homeSlot } from "../fingerprint-table.ts";

const MAX_LOAD = 0.75;

export class FingerprintIds {
  private slots: Uint32Array;
  private capacity: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    this.capacity = Math.max(16, capacity);
    this.slots = new Uint32Array(this.capacity * 3);
  }

  get size(): number {
    return this.count;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }

  /** The state's number, or -1 if it has none yet. */
  get(hi: number, lo: number): number {
    const slot = this.find(hi, lo === 0 && hi === 0 ? 1 : lo);
    return this.slots[3 * slot + 2]! - 1;
  }

  /** Numbers the fingerprint with the next number, unless it has one; returns its number and whether it is new. */
  add(hi: number, lo: number): { id: number; added: boolean } {
    if (hi === 0 && lo === 0) lo = 1;
    const slot = this.find(hi, lo);
    if (this.slots[3 * slot + 2] !== 0) return { id: this.slots[3 * slot + 2]! - 1, added: false };
    const id = this.count++;
    this.slots[3 * slot] = hi;
    this.slots[3 * slot + 1] = lo;
    this.slots[3 * slot + 2] = id + 1;
    if (this.count > this.capacity * MAX_LOAD) this.grow();
    return { id, added: true };
  }

  /** The slot holding (hi, lo), or the empty slot where it would go. */
  private find(hi: number, lo: number): number {
    for (let i = homeSlot(lo, this.capacity); ; i = i + 1 === this.capacity ? 0 : i + 1) {
      if (this.slots[3 * i + 2] === 0 || (this.slots[3 * i] === hi && this.slots[3 * i + 1] === lo)) return i;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity = Math.ceil(this.capacity * 1.5);
    this.slots = new Uint32Array(this.capacity * 3);
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] === 0) continue;
      const slot = this.find(old[i]!, old[i + 1]!);
      this.slots.set(old.subarray(i, i + 3), 3 * slot);
    }
  }
}
