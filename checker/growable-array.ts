// A typed array that doubles when full: per-state bookkeeping (parent index,
// action index) without a JavaScript object per state.

type TypedArrayConstructor = Int32ArrayConstructor | Uint16ArrayConstructor;

export class GrowableArray {
  private data: Int32Array | Uint16Array;
  private length = 0;

  constructor(private readonly kind: TypedArrayConstructor, capacity = 1 << 16) {
    this.data = new kind(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new this.kind(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  set(index: number, value: number): void {
    if (index < 0 || index >= this.length) throw new Error(`GrowableArray: index ${index} out of range`);
    this.data[index] = value;
  }

  get(index: number): number {
    if (index < 0 || index >= this.length) throw new Error(`GrowableArray: index ${index} out of range`);
    return this.data[index]!;
  }

  get bytes(): number {
    return this.data.byteLength;
  }
}
