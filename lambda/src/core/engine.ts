import { CsvRecords } from './csv-records.js';
import { detectDelimiter, firstLine, sniffEncoding, splitHeader, type TextEncoding } from './detect-text.js';
import { FileRejectedError, type RowIssue, type RowIssueCode, type SkipReason } from './errors.js';
import { UnitAssumptions, type UnitDefaults } from './formats/assumed-units.js';
import { detectCsvFormat } from './formats/index.js';
import { mapJsonLine } from './formats/jsonl.js';
import type { RowMapper, RowResult } from './formats/types.js';
import type { FormatName, Session } from './model.js';
import type { ExportReport } from './report.js';
import { SessionGrouper } from './sessions.js';

/**
 * The synchronous engine behind {@link processExport}: feed it byte chunks with `push`, then
 * call `end` once; each call returns the sessions completed so far. No I/O, no clock.
 */
export interface EngineOptions {
  readonly athlete: string;
  /** IANA timezone of the local times in the file. */
  readonly timezone: string;
  /**
   * Reject the whole file when more than this share (0..1) of its data rows are rejected.
   * Callers pass DEFAULT_MAX_REJECTED_SHARE (defaults.ts) unless configured otherwise.
   */
  readonly maxRejectedShare: number;
  readonly sourceName?: string;
  /** Sessions kept open for rows that are not adjacent. @default 1000 */
  readonly openSessionLimit?: number;
  /** Rejected rows listed in the report (all are counted). @default 10000 */
  readonly maxRejectedListed?: number;
  /** Called for every rejected row, e.g. to stream a rejects file. */
  readonly onRejected?: (issue: RowIssue) => void;
  /**
   * The units of values whose column does not name one (Strong's unitless `Weight`, every
   * localized Strong export). The report lists each one a file needed. @default kg, km
   */
  readonly units?: UnitDefaults;
}

/** Enough bytes to see the header of any export. */
const SNIFF_BYTES = 64 * 1024;
/** A record longer than this is not a workout row; it is a broken or binary file. */
const MAX_RECORD_CHARS = 1024 * 1024;

const isBlank = (fields: readonly string[]): boolean => {
  for (const field of fields) if (field !== '' && field.trim() !== '') return false;
  return true;
};

const concat = (chunks: readonly Uint8Array[], length: number): Uint8Array => {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

export class ExportEngine {
  private readonly out: Session[] = [];
  private readonly grouperOptions;
  private grouper: SessionGrouper | undefined;
  private head: Uint8Array[] = [];
  private headLength = 0;
  private mode: 'sniff' | 'csv' | 'jsonl' | 'done' = 'sniff';
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private records: CsvRecords | undefined;
  private mapper: RowMapper | undefined;
  private jsonRest = '';
  private nextLine = 1;
  /** Fields a row must have: the header's, up to its last named column. */
  private minFields = 0;
  /** Fields the header has; a row may go past it only with empty cells. */
  private headerFields = 0;
  /** The width of rows that end in empty cells past the header, set by the first data row. */
  private paddedWidth: number | undefined;
  private widthSeen = false;

  private format: FormatName | null = null;
  private variant: string | null = null;
  private encoding: TextEncoding | null = null;
  private rows = 0;
  private sets = 0;
  private sessions = 0;
  private skipped = 0;
  private readonly skippedByReason: Partial<Record<SkipReason, number>> = {};
  private duplicates = 0;
  private readonly rejected: RowIssue[] = [];
  private rejectedCount = 0;
  private readonly rejectedByCode: Partial<Record<RowIssueCode, number>> = {};
  private failure: FileRejectedError | undefined;
  private readonly maxListed: number;
  private readonly units: UnitAssumptions;

  constructor(private readonly options: EngineOptions) {
    this.maxListed = options.maxRejectedListed ?? 10_000;
    this.units = new UnitAssumptions(options.units);
    this.grouperOptions = {
      athlete: options.athlete,
      timezone: options.timezone,
      openLimit: options.openSessionLimit ?? 1000,
      emit: (session: Session) => {
        this.sessions++;
        this.sets += session.sets.length;
        this.out.push(session);
      },
      reject: (issue: RowIssue) => this.reject(issue),
      duplicate: (rows: number) => {
        this.duplicates += rows;
      },
      skip: (reason: SkipReason) => this.skip(reason),
    };
  }

  /** True once the file has been rejected as a whole; further input is ignored. */
  get finished(): boolean {
    return this.mode === 'done';
  }

  push(chunk: Uint8Array): Session[] {
    return this.guard(() => {
      if (this.mode === 'sniff') {
        this.head.push(chunk);
        this.headLength += chunk.length;
        if (this.headLength >= SNIFF_BYTES || (this.headLength >= 4096 && chunk.includes(0x0a))) this.start();
      } else this.feed(chunk);
    });
  }

  end(): Session[] {
    return this.guard(() => {
      if (this.mode === 'sniff') {
        if (this.headLength === 0) throw new FileRejectedError('EMPTY_FILE', 'the file is empty (0 bytes)');
        this.start();
      }
      this.feed(undefined);
      this.grouper?.finish();
      if (this.mode !== 'done') {
        this.mode = 'done';
        this.checkHasData();
        this.checkRejectedShare();
      }
    });
  }

  report(): ExportReport {
    const base = {
      sourceName: this.options.sourceName ?? null,
      format: this.format,
      variant: this.variant,
      encoding: this.encoding,
      assumedUnits: this.units.assumed,
      rows: this.rows,
      sets: this.sets,
      sessions: this.sessions,
      skipped: this.skipped,
      skippedByReason: { ...this.skippedByReason },
      duplicates: this.duplicates,
      rejected: [...this.rejected],
      rejectedCount: this.rejectedCount,
      rejectedByCode: { ...this.rejectedByCode },
    };
    return this.failure === undefined
      ? { ...base, status: 'ok' }
      : { ...base, status: 'rejected', code: this.failure.code, reason: this.failure.message };
  }

  private guard(work: () => void): Session[] {
    if (this.mode !== 'done' || this.out.length > 0) {
      try {
        if (this.mode !== 'done') work();
      } catch (error) {
        if (!(error instanceof FileRejectedError)) throw error;
        this.failure = error;
        this.mode = 'done';
      }
    }
    return this.out.splice(0);
  }

  private start(): void {
    const head = concat(this.head, this.headLength);
    this.head = [];
    this.encoding = sniffEncoding(head.subarray(0, 8192));
    // csv-parse (`bom: true`) used to get UTF-8 bytes as they are, or the transcoded text
    // with its byte-order mark already gone; CsvRecords drops one U+FEFF like it did.
    this.decoder = new TextDecoder(this.encoding, { ignoreBOM: this.encoding === 'utf-8' });
    const text = new TextDecoder(this.encoding).decode(head);
    const header = firstLine(text.replace(/^[\s\uFEFF]*\n/, ''));
    if (/^\s*\{/.test(header)) {
      this.mode = 'jsonl';
      this.format = 'jsonl';
      this.variant = 'v1';
      this.decoder = new TextDecoder(this.encoding);
      this.grouper = new SessionGrouper({
        ...this.grouperOptions,
        oneRowPerSession: true,
        numbering: 'source',
      });
    } else {
      const delimiter = detectDelimiter(header);
      // Detect now from the raw header line so an unknown file stops before any parsing;
      // the mapper is built from the header record csv-parse returns (exact quoting).
      detectCsvFormat(
        { names: splitHeader(header, delimiter), delimiter },
        new UnitAssumptions(this.options.units),
      );
      this.mode = 'csv';
      this.records = new CsvRecords(delimiter, MAX_RECORD_CHARS, (fields, lineBreaks) =>
        this.onRecord(fields, lineBreaks, delimiter),
      );
    }
    this.feed(head);
  }

  private feed(chunk: Uint8Array | undefined): void {
    if (this.mode === 'csv') this.feedCsv(chunk);
    else if (this.mode === 'jsonl') this.feedJsonl(chunk);
  }

  private feedCsv(chunk: Uint8Array | undefined): void {
    const decoder = this.decoder ?? new TextDecoder();
    try {
      if (chunk === undefined) {
        const text = decoder.decode();
        if (text !== '') this.records?.push(text);
        this.records?.end();
      } else {
        this.records?.push(decoder.decode(chunk, { stream: true }));
      }
    } catch (error) {
      if (error instanceof FileRejectedError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new FileRejectedError(
        'MALFORMED_FILE',
        `the file is not valid CSV near line ${this.nextLine}: ${message}`,
        {
          line: this.nextLine,
          cause: error,
        },
      );
    }
  }

  private onRecord(fields: string[], lineBreaks: number, delimiter: string): void {
    const line = this.nextLine;
    this.nextLine = line + 1 + lineBreaks;
    if (this.mapper === undefined) {
      if (isBlank(fields)) return;
      const header = { names: fields.map((f) => f.trim()), delimiter };
      const { format, variant } = detectCsvFormat(header, this.units);
      this.headerFields = fields.length;
      this.minFields = fields.length;
      while (this.minFields > 0 && header.names[this.minFields - 1] === '') this.minFields--;
      this.format = format.name;
      this.variant = variant;
      this.mapper = format.createMapper(header, this.units);
      this.grouper = new SessionGrouper({
        ...this.grouperOptions,
        oneRowPerSession: format.oneRowPerSession,
        numbering: format.setNumbering,
      });
      return;
    }
    this.rows++;
    if (isBlank(fields)) this.skip('blank');
    else if (!this.fitsWidth(fields)) this.reject(this.wrongFieldCount(fields.length, line));
    else this.take(this.mapper(fields, line), line);
  }

  /**
   * Besides the header's own width, two widths are a file's layout rather than a broken row:
   * rows without the header's trailing empty columns, and rows that all end in the same
   * number of empty cells past the header (as a spreadsheet that re-saved the file writes
   * them; the first data row sets that width, so a row shifted by an unquoted delimiter,
   * one field wider than its neighbours, is still caught).
   */
  private fitsWidth(fields: readonly string[]): boolean {
    const first = !this.widthSeen;
    this.widthSeen = true;
    if (fields.length === this.headerFields) return true;
    if (fields.length < this.headerFields) return fields.length >= this.minFields;
    // Only the first data row can set the padded width: a later wider row is a shifted one
    // even when its extra cell is empty (`Press (Each Side, Dumbbells),...,` in FitNotes).
    if (first && isBlank(fields.slice(this.headerFields))) this.paddedWidth = fields.length;
    if (fields.length === this.paddedWidth) return true;
    // A header that itself ends in empty columns was padded by a spreadsheet, which pads
    // its rows to the widest one: empty cells past it are padding too.
    return this.minFields < this.headerFields && isBlank(fields.slice(this.headerFields));
  }

  /**
   * A row with fewer fields than the header (a truncated last line) or more (an unquoted
   * delimiter inside a name) would be mapped to the wrong columns: `Squat (Barbe` as an
   * exercise, weights read as reps. It is rejected whole instead.
   */
  private wrongFieldCount(count: number, line: number): RowIssue {
    const hint =
      count < this.minFields
        ? 'the line may be cut short'
        : 'a value may contain the delimiter without quotes around it';
    return {
      line,
      code: 'WRONG_FIELD_COUNT',
      message: `line ${line}: has ${count} fields, the header has ${this.headerFields}; ${hint}`,
    };
  }

  private feedJsonl(chunk: Uint8Array | undefined): void {
    const decoder = this.decoder ?? new TextDecoder();
    const text =
      this.jsonRest + (chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true }));
    const lines = text.split('\n');
    this.jsonRest = chunk === undefined ? '' : (lines.pop() ?? '');
    if (this.jsonRest.length > MAX_RECORD_CHARS) {
      throw new FileRejectedError(
        'MALFORMED_FILE',
        `line ${this.nextLine} is longer than ${MAX_RECORD_CHARS} characters`,
        {
          line: this.nextLine,
        },
      );
    }
    if (chunk === undefined && lines.at(-1) === '') lines.pop();
    for (const raw of lines) {
      const line = this.nextLine++;
      const record = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
      this.rows++;
      if (record.trim() === '') this.skip('blank');
      else this.take(mapJsonLine(record, line), line);
    }
  }

  private take(result: RowResult, line: number): void {
    if (result.kind === 'row') this.grouper?.add(result, line);
    else if (result.kind === 'skip') this.skip(result.reason);
    else this.reject(result.issue);
  }

  private skip(reason: SkipReason): void {
    this.skipped++;
    this.skippedByReason[reason] = (this.skippedByReason[reason] ?? 0) + 1;
  }

  private reject(issue: RowIssue): void {
    this.rejectedCount++;
    this.rejectedByCode[issue.code] = (this.rejectedByCode[issue.code] ?? 0) + 1;
    if (this.rejected.length < this.maxListed) this.rejected.push(issue);
    this.options.onRejected?.(issue);
  }

  /** A file without a single workout row is refused with that reason, not passed as "0 new". */
  private checkHasData(): void {
    if (this.format === null) return;
    const dataRows = this.rows - this.skipped;
    if (dataRows > 0) return;
    const skipped = Object.entries(this.skippedByReason)
      .map(([reason, n]) => `${n} ${reason}`)
      .join(', ');
    this.failure = new FileRejectedError(
      'NO_DATA_ROWS',
      this.rows === 0
        ? `the file has a header (line 1) but no rows after it; export again with the workouts included`
        : `the file has no workout rows: all ${this.rows} rows after the header were skipped (${skipped})`,
    );
  }

  private checkRejectedShare(): void {
    const dataRows = this.rows - this.skipped;
    if (this.rejectedCount === 0 || dataRows <= 0) return;
    const share = this.rejectedCount / dataRows;
    if (share > this.options.maxRejectedShare) {
      const pct = (n: number) => `${Math.round(n * 1000) / 10}%`;
      this.failure = new FileRejectedError(
        'TOO_MANY_REJECTED_ROWS',
        `${this.rejectedCount} of ${dataRows} rows (${pct(share)}) were rejected, more than the ${pct(this.options.maxRejectedShare)} allowed; see the rejected rows for what to fix`,
      );
    }
  }
}
