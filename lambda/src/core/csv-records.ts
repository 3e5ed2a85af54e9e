/**
 * Splits decoded CSV text into records, exactly as csv-parse 7 does with the options the
 * engine used to give it (`bom`, `relax_quotes`, `relax_column_count`, `skip_empty_lines:
 * false`, `max_record_size`, a one-character delimiter, `"` as quote and escape, the record
 * delimiter discovered from the first line break outside quotes), but on a string instead of
 * bytes: fields are slices of the decoded chunk, not one `Buffer#toString` each, and no
 * per-byte method calls. It is 5-10 times faster than csv-parse, which was the largest cost
 * of the whole core. tests/unit/core/csv-records.test.ts compares the two on generated
 * and arbitrary input, errors included.
 *
 * Where csv-parse's rules are odd they are kept on purpose (a quote closing a field but
 * followed by other text keeps both quotes; a NUL after a closing quote ends the quote),
 * because they decide the fields and so the session ids of existing data.
 */
/** csv-parse's error codes and messages, so MALFORMED_FILE reasons read as before. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly code: 'CSV_QUOTE_NOT_CLOSED' | 'CSV_MAX_RECORD_SIZE',
    message: string,
  ) {
    super(message);
  }
}

export type RecordSink = (fields: string[], lineBreaks: number) => void;

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BOM = 0xfeff;

/** The record delimiter: not yet seen, `\n`, `\r\n` or `\r`. */
const RD_UNKNOWN = 0;
const RD_LF = 1;
const RD_CRLF = 2;
const RD_CR = 3;
type RecordDelimiter = typeof RD_UNKNOWN | typeof RD_LF | typeof RD_CRLF | typeof RD_CR;

/** UTF-8 length of one UTF-16 code unit (a surrogate pair is 4 bytes, 2 + 2). */
const utf8Units = (c: number): number => (c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3);

const indexOrEnd = (s: string, char: string, from: number): number => {
  const at = s.indexOf(char, from);
  return at < 0 ? s.length : at;
};

/** Returned by a record scan that needs more text than the chunk holds. */
const MORE = -1;

export class CsvRecords {
  private readonly delimiter: number;
  private readonly delimiterChar: string;
  /** Positions of the next `"` and CR in the text being parsed (see plainLine). */
  private quoteAt = -1;
  private crAt = -1;
  /** A record spanning at most this many characters cannot exceed maxRecordSize bytes. */
  private readonly safeSpan: number;
  private rd: RecordDelimiter = RD_UNKNOWN;
  private rest = '';
  /** Text appended to `rest` since it was last scanned. */
  private unscanned = 0;
  private started = false;
  /** csv-parse's `info.lines` events (CR and LF characters read) in completed records. */
  private events = 0;

  constructor(
    delimiter: string,
    private readonly maxRecordSize: number,
    private readonly onRecord: RecordSink,
  ) {
    if (delimiter.length !== 1) throw new RangeError('the delimiter must be one character');
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterChar = delimiter;
    // csv-parse checks the size before each byte it appends, and a character is at most 3
    // bytes (a surrogate pair 2 + 2), so within this span no check can fail.
    this.safeSpan = Math.floor((maxRecordSize + 1) / 3) - 1;
  }

  /** Parses the records completed by this text; the rest waits for the next call. */
  push(text: string): void {
    this.parse(text, false);
  }

  /** Parses what is left; throws CsvSyntaxError for an unclosed quote. */
  end(): void {
    this.parse('', true);
  }

  private parse(text: string, end: boolean): void {
    // An unfinished record is scanned again from its start once the text after it has at
    // least doubled, so a long record costs linear time even in small chunks.
    if (!end && this.rest !== '' && this.unscanned + text.length < this.rest.length - this.unscanned) {
      this.rest += text;
      this.unscanned += text.length;
      return;
    }
    this.unscanned = 0;
    let s = this.rest === '' ? text : this.rest + text;
    if (!this.started) {
      // csv-parse `bom: true` waits for 3 bytes before it looks; a lone U+FEFF is 3 bytes.
      if (s === '' && !end) return;
      this.started = true;
      if (s.charCodeAt(0) === BOM) s = s.slice(1);
    }
    const len = s.length;
    let pos = 0;
    this.quoteAt = -1;
    this.crAt = -1;
    while (pos < len) {
      const next = this.plainLine(s, pos);
      if (next !== MORE) {
        pos = next;
        continue;
      }
      const scanned = this.record(s, pos, end);
      if (scanned === MORE) break;
      pos = scanned;
    }
    this.rest = pos < len ? s.slice(pos) : '';
  }

  /**
   * The common case without a character scan in JavaScript: a whole line with no quote and
   * no stray CR is exactly its fields split on the delimiter (what `record` would produce),
   * found with native indexOf and split. The next quote and CR are searched once and kept
   * (`quoteAt`, `crAt`), so a file without quotes is searched for them once per chunk, and
   * one that quotes every line loses one indexOf per line. MORE means "not such a line":
   * `record` decides.
   */
  private plainLine(s: string, start: number): number {
    const rd = this.rd;
    if (rd !== RD_LF && rd !== RD_CRLF) return MORE;
    const lf = s.indexOf('\n', start);
    if (lf < 0 || lf - start > this.safeSpan) return MORE;
    const stop = rd === RD_LF ? lf : lf - 1;
    if (stop < start) return MORE;
    if (this.quoteAt < start) this.quoteAt = indexOrEnd(s, '"', start);
    if (this.crAt < start) this.crAt = indexOrEnd(s, '\r', start);
    // LF files: no CR in the line. CRLF files: the first CR is the one before this LF.
    if (rd === RD_LF ? this.crAt < lf : this.crAt !== stop) return MORE;
    const pieces = s.slice(start, stop).split(this.delimiterChar);
    const fields = this.quoteAt < stop ? this.unquote(pieces) : pieces;
    if (fields === undefined) return MORE;
    this.events++;
    this.onRecord(fields, 0);
    return lf + 1;
  }

  /**
   * The fields of a line with quotes, from its pieces split on the delimiter, when every
   * quoted field is simply `"..."`: opened at the field's start, closed right before a
   * delimiter or the line's end, with no quote inside (MapMyFitness's `"Jan. 1, 2015"`, Hevy's
   * quoted titles). A delimiter inside quotes joins pieces again. Anything else (an escaped
   * `""`, text after a closing quote, a quote left open past the line) is undefined:
   * `record` reads it character by character, as csv-parse does.
   */
  private unquote(pieces: string[]): string[] | undefined {
    let fields: string[] | undefined;
    for (let i = 0; i < pieces.length; i++) {
      let piece = pieces[i] as string;
      if (piece.charCodeAt(0) !== QUOTE) {
        fields?.push(piece);
        continue;
      }
      fields ??= pieces.slice(0, i);
      let close = piece.indexOf('"', 1);
      while (close < 0) {
        i++;
        if (i >= pieces.length) return undefined;
        piece = `${piece}${this.delimiterChar}${pieces[i]}`;
        close = piece.indexOf('"', 1);
      }
      if (close !== piece.length - 1) return undefined;
      fields.push(piece.slice(1, close));
    }
    return fields ?? pieces;
  }

  /** Scans one record from `start`; emits it and returns where the next one starts. */
  // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: the hot loop, one function so its state stays in locals
  private record(s: string, start: number, end: boolean): number {
    const len = s.length;
    const delimiter = this.delimiter;
    const limit = start + this.safeSpan;
    const fields: string[] = [];
    let acc = '';
    let run = start;
    let quoting = false;
    let wasQuoting = false;
    let crlf = 0;
    let lf = 0;
    for (let pos = start; pos < len; pos++) {
      if (pos > limit) return this.exactRecord(s, start, end);
      const c = s.charCodeAt(pos);
      if (c === QUOTE) {
        if (quoting) {
          if (pos + 1 >= len && !end) return MORE;
          const next = s.charCodeAt(pos + 1);
          if (next === QUOTE) {
            // An escaped quote: drop the first, keep the second.
            acc += s.slice(run, pos);
            run = pos + 1;
            pos++;
            continue;
          }
          const rd = this.recordDelimiterAt(s, pos + 1, end);
          if (rd === MORE) return MORE;
          quoting = false;
          wasQuoting = true;
          if (pos + 1 >= len || next === 0 || next === delimiter || rd > 0) {
            acc += s.slice(run, pos);
            run = pos + 1;
          } else {
            // relax_quotes: text after the closing quote keeps both quotes in the field.
            acc = `"${acc}${s.slice(run, pos)}`;
            run = pos;
          }
        } else if (acc.length === 0 && pos === run) {
          quoting = true;
          run = pos + 1;
        }
      } else if (c === delimiter) {
        if (!quoting) {
          fields.push(acc === '' ? s.slice(run, pos) : acc + s.slice(run, pos));
          acc = '';
          run = pos + 1;
          wasQuoting = false;
        }
      } else if (c === LF || c === CR) {
        if (!quoting) {
          const rd = this.recordDelimiterAt(s, pos, end);
          if (rd === MORE) return MORE;
          if (rd > 0) {
            fields.push(acc === '' ? s.slice(run, pos) : acc + s.slice(run, pos));
            this.events += crlf + 1;
            this.onRecord(fields, lf);
            return pos + rd;
          }
        }
        crlf++;
        if (c === LF) lf++;
      }
    }
    if (!end) return MORE;
    if (quoting) {
      const last = s.charCodeAt(len - 1);
      throw this.quoteNotClosed(crlf - (last === LF || last === CR ? 1 : 0));
    }
    if (wasQuoting || fields.length > 0 || acc.length > 0 || run < len) {
      fields.push(acc + s.slice(run, len));
      this.events += crlf;
      this.onRecord(fields, lf);
    }
    return len;
  }

  /**
   * Length of the record delimiter at `pos` (0 when there is none), discovering it on the
   * first line break as csv-parse does; MORE when the text ends too early to tell.
   */
  private recordDelimiterAt(s: string, pos: number, end: boolean): number {
    if (pos >= s.length) return end ? 0 : MORE;
    const c = s.charCodeAt(pos);
    if (c !== CR && c !== LF) return 0;
    if (this.rd === RD_UNKNOWN && !this.discover(s, pos, end)) return MORE;
    if (this.rd === RD_LF) return c === LF ? 1 : 0;
    if (this.rd === RD_CR || c !== CR) return c === CR ? 1 : 0;
    if (pos + 1 >= s.length) return end ? 0 : MORE;
    return s.charCodeAt(pos + 1) === LF ? 2 : 0;
  }

  /** Sets the record delimiter from the line break at `pos`; false when it needs more text. */
  private discover(s: string, pos: number, end: boolean): boolean {
    if (s.charCodeAt(pos) === LF) this.rd = RD_LF;
    else if (pos + 1 >= s.length && !end) return false;
    else this.rd = s.charCodeAt(pos + 1) === LF ? RD_CRLF : RD_CR;
    return true;
  }

  /**
   * The same scan, counting bytes the way csv-parse does (completed fields by their string
   * length, the current field by its UTF-8 bytes) to fail exactly where it fails on a record
   * longer than maxRecordSize. Only records longer than a third of that limit come here.
   */
  // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: a literal port of csv-parse's loop, kept in one piece to compare
  private exactRecord(s: string, start: number, end: boolean): number {
    const len = s.length;
    const delimiter = this.delimiter;
    const fields: string[] = [];
    let field = '';
    let fieldBytes = 0;
    let recordLength = 0;
    let quoting = false;
    let wasQuoting = false;
    let crlf = 0;
    let lf = 0;
    const append = (pos: number): void => {
      const c = s.charCodeAt(pos);
      const units = utf8Units(c);
      // The check csv-parse makes before the last byte of this character.
      if (recordLength + fieldBytes + units - 1 > this.maxRecordSize) throw this.tooLong(crlf);
      field += s[pos];
      fieldBytes += units;
      if (c === LF || c === CR) {
        crlf++;
        if (c === LF) lf++;
      }
    };
    const endField = (): void => {
      fields.push(field);
      recordLength += field.length;
      field = '';
      fieldBytes = 0;
      wasQuoting = false;
    };
    for (let pos = start; pos < len; pos++) {
      const c = s.charCodeAt(pos);
      if (quoting) {
        if (c !== QUOTE) {
          append(pos);
          continue;
        }
        if (pos + 1 >= len && !end) return MORE;
        const next = s.charCodeAt(pos + 1);
        if (next === QUOTE) {
          pos++;
          append(pos);
          continue;
        }
        const rd = this.recordDelimiterAt(s, pos + 1, end);
        if (rd === MORE) return MORE;
        quoting = false;
        wasQuoting = true;
        if (pos + 1 >= len || next === 0 || next === delimiter || rd > 0) continue;
        field = `"${field}`;
        fieldBytes++;
        append(pos);
        continue;
      }
      if (c === QUOTE && fieldBytes === 0) {
        quoting = true;
        continue;
      }
      if (c === LF || c === CR) {
        const rd = this.recordDelimiterAt(s, pos, end);
        if (rd === MORE) return MORE;
        if (rd > 0) {
          endField();
          this.events += crlf + 1;
          this.onRecord(fields, lf);
          return pos + rd;
        }
      } else if (c === delimiter) {
        endField();
        continue;
      }
      append(pos);
    }
    if (!end) return MORE;
    if (quoting) {
      const last = s.charCodeAt(len - 1);
      throw this.quoteNotClosed(crlf - (last === LF || last === CR ? 1 : 0));
    }
    if (wasQuoting || fields.length > 0 || fieldBytes > 0) {
      endField();
      this.events += crlf;
      this.onRecord(fields, lf);
    }
    return len;
  }

  private quoteNotClosed(eventsInRecord: number): CsvSyntaxError {
    return new CsvSyntaxError(
      'CSV_QUOTE_NOT_CLOSED',
      `Quote Not Closed: the parsing is finished with an opening quote at line ${1 + this.events + eventsInRecord}`,
    );
  }

  private tooLong(eventsInRecord: number): CsvSyntaxError {
    return new CsvSyntaxError(
      'CSV_MAX_RECORD_SIZE',
      `Max Record Size: record exceed the maximum number of tolerated bytes of ${this.maxRecordSize} at line ${1 + this.events + eventsInRecord}`,
    );
  }
}
