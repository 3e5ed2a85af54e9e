/**
 * Row problems are data ({@link RowIssue}); whole-file problems are one exception class,
 * {@link FileRejectedError}, with a stable {@link FileRejectionCode}. Tests check codes; the
 * messages are written for the person who uploaded the file.
 */
export const FILE_REJECTION_CODES = [
  'EMPTY_FILE',
  'NOT_TEXT',
  'UNKNOWN_FORMAT',
  'MALFORMED_FILE',
  'NO_DATA_ROWS',
  'TOO_MANY_REJECTED_ROWS',
] as const;
export type FileRejectionCode = (typeof FILE_REJECTION_CODES)[number];

export const ROW_ISSUE_CODES = [
  'MISSING_VALUE',
  'INVALID_NUMBER',
  'NOT_WHOLE_NUMBER',
  'NEGATIVE_VALUE',
  'OUT_OF_RANGE',
  'INVALID_DATE',
  'INVALID_DURATION',
  'INVALID_UNIT',
  'INVALID_SET_TYPE',
  'INVALID_RECORD',
  'WRONG_FIELD_COUNT',
  'CONFLICTING_SET',
  'CONFLICTING_SESSION',
  'SPLIT_SESSION',
] as const;
export type RowIssueCode = (typeof ROW_ISSUE_CODES)[number];

/** Rows that are not data and not errors; an exercise note's text goes onto its sets. */
export const SKIP_REASONS = ['blank', 'rest-timer', 'zero-time', 'exercise-note'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface RowIssue {
  readonly line: number;
  readonly code: RowIssueCode;
  /** Starts with `line N: `, so it reads well on its own in a rejects file. */
  readonly message: string;
}

export type Checked<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issue: RowIssue };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

export const rowIssue = (
  line: number,
  code: RowIssueCode,
  detail: string,
): { ok: false; issue: RowIssue } => ({
  ok: false,
  issue: { line, code, message: `line ${line}: ${detail}` },
});

export class FileRejectedError extends Error {
  override readonly name = 'FileRejectedError';
  readonly code: FileRejectionCode;
  /** Line the problem was found on, when there is one. */
  readonly line: number | undefined;

  constructor(code: FileRejectionCode, message: string, options: { line?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.line = options.line;
  }
}

export const isFileRejectedError = (error: unknown): error is FileRejectedError =>
  error instanceof FileRejectedError;
