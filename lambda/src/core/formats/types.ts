import type { RowIssue, SkipReason } from '../errors.js';
import type { FormatName, SessionFields, WorkoutSet } from '../model.js';
import type { UnitAssumptions } from './assumed-units.js';

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
  /** A note on an exercise rather than a set (Strong's `Note` rows); `set` is then null. */
  readonly exerciseNote?: { readonly exercise: string; readonly text: string };
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
  /**
   * 'file-order' for an app's export (a set's index is its position in the workout),
   * 'source' when the file carries the final index (canonical). See sessions.ts.
   */
  readonly setNumbering: 'file-order' | 'source';
  /** The sub-layout when the header is this format's, else undefined. */
  detect(header: HeaderInfo, units: UnitAssumptions): string | undefined;
  /** `units` gives the units of columns whose header does not name one (and records it). */
  createMapper(header: HeaderInfo, units: UnitAssumptions): RowMapper;
}

/**
 * The set index of a set the source gave no number (a Strong warm-up, every FitNotes row):
 * the grouper numbers it. -1, because 0 is a real number in 0-based exports.
 */
export const AUTO_SET_INDEX = -1;

export const skip = (reason: SkipReason): SkippedRow => ({ kind: 'skip', reason });
export const reject = (issue: RowIssue): RejectedRow => ({ kind: 'issue', issue });
