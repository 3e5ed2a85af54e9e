/**
 * The sessions of one file already emitted, by session id: so a workout repeated anywhere
 * later in the file (an export concatenated with an older one, a session split across the
 * file) is recognised however far apart the two copies are.
 *
 * Exact at any distance, in bounded memory per distinct session. Each slot, 28 bytes,
 * holds the whole 128-bit id (the id the sessions table stores, so this is exactly as
 * exact as the store), the first 64 bits of the content hash with the 32-bit hash of the
 * source's own set numbers mixed into them (so a late fragment whose sets renumber like the
 * whole is still told apart), and the session's first line.
 *
 * Memory stays close to what the slots need, and never jumps: the ids are spread over 64
 * open-addressing tables, and a table grows by a quarter when it is 4/5 full, so slots are
 * 64-80% used (35-44 bytes per session; measured: 4 MB for 100,000 sessions, 38 MB for a
 * million) and a growth holds a sixty-fourth of the memory twice for a moment. One table doubling
 * at 3/4 (before 2026-12-04) used 43-86 bytes per session and, while it doubled, the old
 * table too: 96 MB for a moment at a million sessions.
 */
const WORDS = 7; // id: 4, content hash prefix with the numbering mixed in: 2, line: 1
const LINE = 6;
const TABLES = 64;
const MAX_LOAD = 0.8;
const GROWTH = 1.25;

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

/**
 * The home slot of an id in a table of `capacity` slots: the id's first word scaled to the
 * capacity (21 bits of it times a capacity below 2^31 is exact in a double). The id is a
 * SHA-256 prefix, so its words are uniformly spread; the table is chosen by the word's low
 * bits, the slot by its high ones.
 */
const homeSlot = (i0: number, capacity: number): number => Math.floor(((i0 >>> 11) * capacity) / 2097152);

export class FinishedSessions {
  private readonly tables: Uint32Array[] = [];
  private readonly counts: number[] = [];
  private count = 0;

  /** `initialSlots`: the slots each of the 64 tables starts with. */
  constructor(initialSlots = 16) {
    for (let t = 0; t < TABLES; t++) {
      this.tables.push(new Uint32Array(Math.max(4, initialSlots) * WORDS));
      this.counts.push(0);
    }
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the tables (for the documentation's figures and the memory tests). */
  get bytes(): number {
    let bytes = 0;
    for (const table of this.tables) bytes += table.byteLength;
    return bytes;
  }

  /**
   * Remembers a session id (32 hex digits) with its content hash (at least 16 hex digits),
   * the hash of its source set numbers and its line; returns what was remembered before
   * under the same id, if anything (and then keeps the earlier entry).
   */
  remember(id: string, contentHash: string, numbering: number, line: number): FinishedSession | undefined {
    const i0 = word(id, 0);
    const i1 = word(id, 8);
    const i2 = word(id, 16);
    const i3 = word(id, 24);
    const c0 = word(contentHash, 0);
    // Multiplying by an odd constant is a bijection of 32-bit words, so two numberings of one
    // content always differ here; two contents of one id collide with probability 2^-64.
    const c1 = (word(contentHash, 8) ^ Math.imul(numbering, 0x9e3779b1)) >>> 0;
    const t = i0 & (TABLES - 1);
    const s = this.tables[t] as Uint32Array;
    const found = find(s, i0, i1, i2, i3);
    if (s[found + LINE] !== 0) {
      return { sameContent: s[found + 4] === c0 && s[found + 5] === c1, line: s[found + LINE] as number };
    }
    s[found] = i0;
    s[found + 1] = i1;
    s[found + 2] = i2;
    s[found + 3] = i3;
    s[found + 4] = c0;
    s[found + 5] = c1;
    // Line numbers start at 1, so 0 marks an empty slot.
    s[found + LINE] = Math.max(1, line);
    this.count++;
    const count = (this.counts[t] as number) + 1;
    this.counts[t] = count;
    if (count > (s.length / WORDS) * MAX_LOAD) this.tables[t] = grown(s);
    return undefined;
  }
}

/** The word offset of the slot holding this id, or of the empty slot where it would go. */
const find = (s: Uint32Array, i0: number, i1: number, i2: number, i3: number): number => {
  const capacity = s.length / WORDS;
  let slot = homeSlot(i0, capacity);
  for (;;) {
    const at = slot * WORDS;
    if (s[at + LINE] === 0) return at;
    if (s[at] === i0 && s[at + 1] === i1 && s[at + 2] === i2 && s[at + 3] === i3) return at;
    slot = slot + 1 === capacity ? 0 : slot + 1;
  }
};

/** A table a quarter larger holding the same entries. */
const grown = (old: Uint32Array): Uint32Array => {
  const capacity = old.length / WORDS;
  const next = new Uint32Array(Math.max(capacity + 4, Math.ceil(capacity * GROWTH)) * WORDS);
  for (let at = 0; at < old.length; at += WORDS) {
    if (old[at + LINE] === 0) continue;
    const to = find(
      next,
      old[at] as number,
      old[at + 1] as number,
      old[at + 2] as number,
      old[at + 3] as number,
    );
    // Word by word: a subarray per entry cost more than the copy (3.7% of a one-row-per-session file).
    for (let w = 0; w < WORDS; w++) next[to + w] = old[at + w] as number;
  }
  return next;
};
