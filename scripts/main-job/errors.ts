/**
 * Errors of the local main job (`npm start`). Each has a stable `code` and a message that
 * says what to do next; the entry prints the message and exits 1. A file the pipeline
 * rejects (unknown format, too many bad rows) is a result, never one of these.
 */
export const MAIN_JOB_ERROR_CODES = [
  'USAGE',
  'FILE_NOT_FOUND',
  'UNSUPPORTED_FILE_NAME',
  'OUTPUT_NOT_WRITABLE',
  'NO_SAMPLES',
  'PYTHON_MISSING',
  'EMULATOR_INSTALL_FAILED',
  'EMULATOR_UNUSABLE',
  'EVENT_NOT_DELIVERED',
  'UPLOAD_NOT_PROCESSED',
] as const;

export type MainJobErrorCode = (typeof MAIN_JOB_ERROR_CODES)[number];

export class MainJobError extends Error {
  override readonly name: string = 'MainJobError';

  constructor(
    readonly code: MainJobErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
