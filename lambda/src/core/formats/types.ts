import type { RowIssue, SkipReason } from '../errors.js';
import type { FormatName, SessionFields, WorkoutSet } from '../model.js';

/**
 * One row of an export, mapped to the canonical model. `key` groups rows into a session;
 * rows of one session return the same `session` object (formats cache it), so grouping
 * allocates per row only what it keeps.
 */
export interface MappedRow {
  readonly kind: 'row';
  readonly key: string;
  readonly session: SessionFields;
  /** The row's set; null for a cardio activity or a session-only row. */
  readonly set: WorkoutSet | null;
  /** Further sets carried by the same record (JSON Lines holds a whole session per line). */
  readonly moreSets?: readonly WorkoutSet[];
}

export interface SkippedRow {
  readonly kind: 'skip';
  readonly reason: SkipReason;
}

export interface RejectedRow {
  readonly kind: 'issue';
  readonly issue: RowIssue;
}

export type RowResult = MappedRow | SkippedRow | RejectedRow;

/** Maps one parsed record (fields in header order) to the canonical model. */
export type RowMapper = (fields: readonly string[], line: number) => RowResult;

export interface HeaderInfo {
  /** Header names as written (BOM and surrounding spaces removed). */
  readonly names: readonly string[];
  /** The field delimiter the file uses. */
  readonly delimiter: string;
}

export interface CsvFormat {
  readonly name: Exclude<FormatName, 'jsonl'>;
  /** Shown in the UNKNOWN_FORMAT message. */
  readonly label: string;
  /** One row per session: a session is complete as soon as its row is read. */
  readonly oneRowPerSession: boolean;
  /** The sub-layout when the header is this format's, else undefined. */
  detect(header: HeaderInfo): string | undefined;
  createMapper(header: HeaderInfo): RowMapper;
}

/** A set index of 0 asks the grouper to number the set by its order within the exercise. */
export const AUTO_SET_INDEX = 0;

export const skip = (reason: SkipReason): SkippedRow => ({ kind: 'skip', reason });
export const reject = (issue: RowIssue): RejectedRow => ({ kind: 'issue', issue });
