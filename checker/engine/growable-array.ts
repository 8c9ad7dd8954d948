// A typed array that grows by half when full: per-state bookkeeping (parent
// index, action index) and encoded frontiers without a JavaScript object per
// state. Growing by half rather than doubling keeps the unused tail, and the
// moment when old and new copies are both alive, smaller.

type TypedArrayConstructor = Int32ArrayConstructor | Uint16ArrayConstructor;

export class GrowableArray {
  private data: Int32Array | Uint16Array;
  private length = 0;

  constructor(private readonly kind: TypedArrayConstructor, capacity = 1 << 16) {
    this.data = new kind(capacity);
  }

  /** A growable array holding a copy of `values`, as `used()` gave them. */
  static of(kind: TypedArrayConstructor, values: Int32Array | Uint16Array): GrowableArray {
    const array = new GrowableArray(kind, Math.max(values.length, 16));
    array.data.set(values);
    array.length = values.length;
    return array;
  }

  /** A copy of the values pushed so far. */
  used(): Int32Array | Uint16Array {
    return this.data.slice(0, this.length);
  }

  /** The values pushed so far, as a view of the array (no copy: it keeps the unused tail, at most a third of it). */
  trimmed(): Int32Array | Uint16Array {
    return this.data.subarray(0, this.length);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.growTo(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Makes room for `count` more values and returns where they start; write them through `view`. */
  reserve(count: number): number {
    if (this.length + count > this.data.length) this.growTo(this.length + count);
    const at = this.length;
    this.length += count;
    return at;
  }

  /** The underlying array, valid until the next push or reserve. */
  get view(): Int32Array | Uint16Array {
    return this.data;
  }

  private growTo(needed: number): void {
    const bigger = new this.kind(Math.max(needed, Math.ceil(this.data.length * 1.5)));
    bigger.set(this.data);
    this.data = bigger;
  }

  set(index: number, value: number): void {
    if (index < 0 || index >= this.length) throw new Error(`GrowableArray: index ${index} out of range`);
    this.data[index] = value;
  }

  get(index: number): number {
    if (index < 0 || index >= this.length) throw new Error(`GrowableArray: index ${index} out of range`);
    return this.data[index]!;
  }

  /** How many values have been pushed. */
  get size(): number {
    return this.length;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}
