/**
 * Errors raised by the local tooling (emulator harness, main job, workflow steps).
 * Each carries a stable `code` so callers and tests branch on it, and a message that
 * tells a person what to do next.
 */
export const TOOLING_ERROR_CODES = [
  'EMULATOR_NOT_INSTALLED',
  'EMULATOR_START_FAILED',
  'EMULATOR_NOT_READY',
  'INVALID_ENDPOINT',
] as const;

export type ToolingErrorCode = (typeof TOOLING_ERROR_CODES)[number];

export class ToolingError extends Error {
  override readonly name: string = 'ToolingError';

  constructor(
    readonly code: ToolingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
