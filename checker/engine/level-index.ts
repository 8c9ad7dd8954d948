// The state numbers of the level being built, by fingerprint. With path costs
// (path-costs.ts) a state found again while its level is being built may take
// a cheaper parent, and for that the search needs its number; states of
// earlier levels must keep theirs. So only the current level is indexed, and
// `startLevel` forgets the previous one at once: each slot carries the number
// of the level that wrote it, and a slot of another level counts as empty.

const MAX_LOAD = 0.5;

export class LevelIndex {
  private slots = new Uint32Array(2 * 1024);
  private ids = new Int32Array(1024);
  private levels = new Uint32Array(1024);
  private level = 1;
  private count = 0;

  get bytes(): number {
    return this.slots.byteLength + this.ids.byteLength + this.levels.byteLength;
  }

  /** Forget every entry: a new level starts. */
  startLevel(): void {
    this.level++;
    this.count = 0;
  }

  /** Record that the fingerprint belongs to state `id` of this level. */
  put(hi: number, lo: number, id: number): void {
    if (this.count + 1 > this.ids.length * MAX_LOAD) this.grow();
    this.store(hi, lo, id);
    this.count++;
  }

  /** The number of the state of this level with this fingerprint, or -1. */
  get(hi: number, lo: number): number {
    const mask = this.ids.length - 1;
    for (let i = lo & mask; this.levels[i] === this.level; i = (i + 1) & mask) {
      if (this.slots[2 * i] === hi && this.slots[2 * i + 1] === lo) return this.ids[i]!;
    }
    return -1;
  }

  private store(hi: number, lo: number, id: number): void {
    const mask = this.ids.length - 1;
    let i = lo & mask;
    while (this.levels[i] === this.level) i = (i + 1) & mask;
    this.slots[2 * i] = hi;
    this.slots[2 * i + 1] = lo;
    this.ids[i] = id;
    this.levels[i] = this.level;
  }

  private grow(): void {
    const { slots, ids, levels } = this;
    this.slots = new Uint32Array(slots.length * 2);
    this.ids = new Int32Array(ids.length * 2);
    this.levels = new Uint32Array(levels.length * 2);
    for (let i = 0; i < ids.length; i++) {
      if (levels[i] === this.level) this.store(slots[2 * i]!, slots[2 * i + 1]!, ids[i]!);
    }
  }
}
