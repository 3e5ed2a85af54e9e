/**
 * What one upload came to: written as the report JSON, summarised in the SNS message, and
 * returned as the function's (idempotent) result. Plain data, built by the ingest service.
 */
import type { RowIssue } from './errors.js';

/**
 * `superseded`: the upload is an older version of its object key than one already applied,
 * so it changed nothing (or stopped when the newer one arrived).
 */
export const UPLOAD_STATUSES = ['ok', 'rejected', 'superseded'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export interface UploadCounts {
  /** Data rows read (header excluded). */
  readonly rows: number;
  readonly sessions: number;
  readonly newSessions: number;
  readonly updatedSessions: number;
  readonly unchangedSessions: number;
  /** Sessions whose content is one they had before: left as stored (change-detection.ts). */
  readonly staleSessions: number;
  /** Sets in all sessions of the file. */
  readonly sets: number;
  readonly skippedRows: number;
  readonly duplicateRows: number;
  readonly rejectedRows: number;
}

export type UnitOrigin = 'object metadata' | 'default';

/** A unit the file's values were read in although its header names none. */
export interface AssumedUnit {
  readonly quantity: 'weight' | 'distance';
  readonly unit: string;
  /** Where the unit came from: the upload's metadata, or the function's DEFAULT_*_UNIT. */
  readonly from: UnitOrigin;
}

export interface SessionBrief {
  readonly sessionStart: string;
  readonly name: string;
  readonly sets: number;
}

export interface UploadReport {
  readonly uploadId: string;
  readonly athlete: string;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId: string | null;
    readonly eTag: string;
  };
  readonly status: UploadStatus;
  /** For a rejected file: a stable code and a sentence a person can act on. */
  readonly rejection: { readonly code: string; readonly message: string } | null;
  /** For a superseded upload: the later version of the same key that was applied. */
  readonly supersededBy: { readonly uploadId: string; readonly versionId: string | null } | null;
  readonly format: string | null;
  readonly variant: string | null;
  readonly timezone: string;
  /** Units assumed for columns that name none; empty when the file names every unit. */
  readonly assumedUnits: readonly AssumedUnit[];
  readonly counts: UploadCounts;
  /** New sessions by date and name (capped; `counts.newSessions` has the full number). */
  readonly newSessions: readonly SessionBrief[];
  /** Rejected rows with line, code and reason (capped; the rejects CSV has them all). */
  readonly rejectedRows: readonly RowIssue[];
  readonly outputs: {
    readonly report: string;
    readonly silver: string | null;
    readonly rejects: string | null;
  };
  readonly processedAt: string;
  /**
   * The Lambda version that wrote the report (AWS_LAMBDA_FUNCTION_VERSION: `$LATEST` or a
   * published version's number), or null outside Lambda. The release step reads it to know
   * which version processed its smoke upload behind the `live` alias.
   */
  readonly functionVersion: string | null;
}

export const REPORT_LIST_LIMIT = 1_000;

export const emptyCounts = (): UploadCounts => ({
  rows: 0,
  sessions: 0,
  newSessions: 0,
  updatedSessions: 0,
  unchangedSessions: 0,
  staleSessions: 0,
  sets: 0,
  skippedRows: 0,
  duplicateRows: 0,
  rejectedRows: 0,
});

/** The header line of a rejects file. */
export const REJECTS_CSV_HEADER = 'line,code,reason\r\n';

/** One rejected line as a rejects-file row (RFC 4180 quoting, CRLF). */
export function rejectsCsvRow(issue: RowIssue): string {
  const reason = /[",\r\n]/.test(issue.message) ? `"${issue.message.replace(/"/g, '""')}"` : issue.message;
  return `${issue.line},${issue.code},${reason}\r\n`;
}

/** The rejects file: one row per rejected line, quoted as RFC 4180 CSV. */
export function rejectsCsv(issues: readonly RowIssue[]): string {
  return REJECTS_CSV_HEADER + issues.map(rejectsCsvRow).join('');
}
