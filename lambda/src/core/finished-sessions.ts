/**
 * The sessions of one file already emitted, by session id: so a workout repeated anywhere
 * later in the file (an export concatenated with an older one, a session split across the
 * file) is recognised however far apart the two copies are.
 *
 * Exact at any distance, in bounded memory per distinct session: an open-addressing table
 * in one Uint32Array holds the whole 128-bit id (the id the sessions table stores, so this
 * is exactly as exact as the store), the first 64 bits of the content hash (two different
 * contents of one id collide with probability 2^-64), a 32-bit hash of the source's own
 * set numbers (so a late fragment whose sets renumber like the whole is still told apart)
 * and the session's first line. 32 bytes a slot, the table doubling when it is 3/4 full:
 * 43-86 bytes per session (8 MB for 100,000 sessions, 34 MB for a million), well below
 * what a Map of id strings needs (about 150 bytes each).
 */
const WORDS = 8; // id: 4, content hash prefix: 2, source numbering hash: 1, line: 1
const LINE = 7;
const MAX_LOAD = 0.75;

export interface FinishedSession {
  readonly sameContent: boolean;
  readonly line: number;
}

/** The value of one hex digit's char code (0-9, a-f, A-F). */
const nibble = (c: number): number => (c <= 57 ? c - 48 : (c | 32) - 87);

/** Eight hex digits from `at` as an unsigned 32-bit word, without slicing a string per word. */
const word = (hex: string, at: number): number => {
  let value = 0;
  for (let i = at; i < at + 8; i++) value = (value << 4) | nibble(hex.charCodeAt(i));
  return value >>> 0;
};

export class FinishedSessions {
  private slots: Uint32Array;
  private capacity: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = 1 << Math.ceil(Math.log2(Math.max(16, initialCapacity)));
    this.slots = new Uint32Array(this.capacity * WORDS);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table (for the documentation's figures and the memory tests). */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /**
   * Remembers a session id (32 hex digits) with its content hash (at least 16 hex digits),
   * the hash of its source set numbers and its line; returns what was remembered before under the same id, if anything (and then
   * keeps the earlier entry).
   */
  remember(id: string, contentHash: string, numbering: number, line: number): FinishedSession | undefined {
    const i0 = word(id, 0);
    const i1 = word(id, 8);
    const i2 = word(id, 16);
    const i3 = word(id, 24);
    const c0 = word(contentHash, 0);
    const c1 = word(contentHash, 8);
    const found = this.find(i0, i1, i2, i3);
    const s = this.slots;
    const n = numbering >>> 0;
    if (s[found + LINE] !== 0) {
      return {
        sameContent: s[found + 4] === c0 && s[found + 5] === c1 && s[found + 6] === n,
        line: s[found + LINE] as number,
      };
    }
    s[found] = i0;
    s[found + 1] = i1;
    s[found + 2] = i2;
    s[found + 3] = i3;
    s[found + 4] = c0;
    s[found + 5] = c1;
    s[found + 6] = n;
    // Line numbers start at 1, so 0 marks an empty slot.
    s[found + LINE] = Math.max(1, line);
    this.count++;
    if (this.count > this.capacity * MAX_LOAD) this.grow();
    return undefined;
  }

  /** The word offset of the slot holding this id, or of the empty slot where it would go. */
  private find(i0: number, i1: number, i2: number, i3: number): number {
    const s = this.slots;
    const mask = this.capacity - 1;
    // The id is a SHA-256 prefix: its first word is already uniformly spread.
    let slot = i0 & mask;
    for (;;) {
      const at = slot * WORDS;
      if (s[at + LINE] === 0) return at;
      if (s[at] === i0 && s[at + 1] === i1 && s[at + 2] === i2 && s[at + 3] === i3) return at;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Uint32Array(this.capacity * WORDS);
    for (let at = 0; at < old.length; at += WORDS) {
      if (old[at + LINE] === 0) continue;
      const to = this.find(
        old[at] as number,
        old[at + 1] as number,
        old[at + 2] as number,
        old[at + 3] as number,
      );
      // Word by word: a subarray per entry cost more than the copy (3.7% of a one-row-per-session file).
      for (let w = 0; w < WORDS; w++) this.slots[to + w] = old[at + w] as number;
    }
  }
}
