import type { TextEncoding } from './detect-text.js';
import type { FileRejectionCode, RowIssue, RowIssueCode, SkipReason } from './errors.js';
import type { AssumedUnits } from './formats/assumed-units.js';
import type { FormatName } from './model.js';

/** What one file produced. `status: 'rejected'` means the file as a whole was refused. */
export interface ExportReport {
  readonly sourceName: string | null;
  /** null when the file was rejected before its format was known. */
  readonly format: FormatName | null;
  /** The sub-layout of the format, e.g. `semicolon/unit-column` for Strong. */
  readonly variant: string | null;
  readonly encoding: TextEncoding | null;
  /**
   * Units the file's values were read in although its header does not name them (the
   * caller stated them, or the defaults kg and km applied): a wrong one would make every
   * weight 2.2x off, so every report says which were assumed. Empty when none were.
   */
  readonly assumedUnits: AssumedUnits;
  /** Records after the header, blank lines included. */
  readonly rows: number;
  /** Sets in the emitted sessions. */
  readonly sets: number;
  /** Sessions emitted. */
  readonly sessions: number;
  /** Blank lines, rest-timer rows and zero-time activities: not data, not errors. */
  readonly skipped: number;
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  /** Rows identical to rows already kept (same set of the same session, or a repeated session). */
  readonly duplicates: number;
  /** Rejected rows, in file order; at most `maxRejectedListed` of them (see rejectedCount). */
  readonly rejected: readonly RowIssue[];
  readonly rejectedCount: number;
  readonly rejectedByCode: Readonly<Partial<Record<RowIssueCode, number>>>;
  readonly status: 'ok' | 'rejected';
  /** Set when status is 'rejected'. */
  readonly code?: FileRejectionCode;
  /** Set when status is 'rejected': a sentence for the person who uploaded the file. */
  readonly reason?: string;
}
