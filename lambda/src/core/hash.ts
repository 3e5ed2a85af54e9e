import * as crypto from 'node:crypto';

/** One-shot SHA-256 (Node >= 20.12 has `crypto.hash`, 2-3x faster on short input). */
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;
const sha256Hex = (data: string | Uint8Array): string =>
  oneShot === undefined
    ? crypto.createHash('sha256').update(data).digest('hex')
    : oneShot('sha256', data, 'hex');

const COLON = 0x3a;
const TEXT_MARK = 0x73; // s
const NUMBER_MARK = 0x23; // #
/** A number below this with no fraction is written digit by digit, without its string. */
const SMALL_INTEGER = 1e9;

/**
 * The input of a SHA-256 over a list of parts, written as UTF-8 bytes into one reused buffer.
 * Each part is length-prefixed so ('ab','c') and ('a','bc') differ: a text is
 * `${length + 1}:s${text}` (length in UTF-16 code units, as JavaScript counts it), a number
 * `${digits.length + 1}:#${digits}` (digits as JavaScript writes the number: its shortest
 * round-trip form), a missing value `1:` and a NUL. Nothing machine-specific (locale, object
 * key order) enters the digest. The digest is exactly that of the joined string, with
 * lone surrogates as U+FFFD as Node hashes a string (tests/unit/core/fast-paths.test.ts
 * checks it against that definition). Writing bytes rather than joining strings saves a
 * string per part and the copy into UTF-8 per session: 20-100 strings for each session.
 *
 * `keep()` marks the bytes written so far as a prefix every digest starts with (the
 * parts that are the same for every session of a file).
 */
export class PartWriter {
  private bytes = new Uint8Array(1024);
  private at = 0;
  private prefix = 0;
  private readonly encoder = new TextEncoder();

  /** Keeps what has been written as the start of every later digest. */
  keep(): this {
    this.prefix = this.at;
    return this;
  }

  /** The digest of the prefix and the parts written since the last digest, as hex. */
  digest(): string {
    const hex = sha256Hex(this.bytes.subarray(0, this.at));
    this.at = this.prefix;
    return hex;
  }

  text(part: string | null): this {
    if (part === null) return this.missing();
    const length = part.length;
    // Length digits (at most 16), `:s`, and at most 3 UTF-8 bytes per UTF-16 code unit.
    this.reserve(18 + 3 * length);
    const b = this.bytes;
    let at = writeInteger(b, this.at, length + 1);
    b[at++] = COLON;
    b[at++] = TEXT_MARK;
    for (let i = 0; i < length; i++) {
      const c = part.charCodeAt(i);
      if (c >= 0x80) {
        // The rest as TextEncoder writes it: UTF-8, with a lone surrogate as U+FFFD.
        at += this.encoder.encodeInto(i === 0 ? part : part.slice(i), b.subarray(at)).written;
        break;
      }
      b[at++] = c;
    }
    this.at = at;
    return this;
  }

  number(part: number | null): this {
    if (part === null) return this.missing();
    this.reserve(40);
    const b = this.bytes;
    let at = this.at;
    if (Number.isInteger(part) && part >= 0 && part < SMALL_INTEGER) {
      at = writeInteger(b, at, digitCount(part) + 1);
      b[at++] = COLON;
      b[at++] = NUMBER_MARK;
      this.at = writeInteger(b, at, part);
      return this;
    }
    // At most 25 characters: JavaScript's shortest round-trip form of a double.
    const digits = `${part}`;
    at = writeInteger(b, at, digits.length + 1);
    b[at++] = COLON;
    b[at++] = NUMBER_MARK;
    for (let i = 0; i < digits.length; i++) b[at++] = digits.charCodeAt(i);
    this.at = at;
    return this;
  }

  private missing(): this {
    this.reserve(3);
    const b = this.bytes;
    const at = this.at;
    b[at] = 0x31; // 1
    b[at + 1] = COLON;
    b[at + 2] = 0;
    this.at = at + 3;
    return this;
  }

  private reserve(more: number): void {
    if (this.at + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + more));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }
}

/** Writes a non-negative integer's decimal digits at `at`; returns the end (callers reserve room). */
const writeInteger = (b: Uint8Array, at: number, n: number): number => {
  if (n < 10) {
    b[at] = 48 + n;
    return at + 1;
  }
  const end = at + digitCount(n);
  let rest = n;
  for (let i = end - 1; i >= at; i--) {
    const next = Math.floor(rest / 10);
    b[i] = 48 + rest - next * 10;
    rest = next;
  }
  return end;
};

/** Decimal digits of a non-negative integer (1 for 0). */
const digitCount = (n: number): number => {
  let digits = 1;
  for (let limit = 10; n >= limit && digits < 16; limit *= 10) digits++;
  return digits;
};

/** SHA-256 over a list of parts, encoded as {@link PartWriter} encodes them. */
export const hashParts = (parts: readonly (string | number | null)[]): string => {
  const writer = new PartWriter();
  for (const part of parts) {
    if (typeof part === 'number') writer.number(part);
    else writer.text(part);
  }
  return writer.digest();
};
