/**
 * Errors of the Lambda around the core. Whole-file input problems are the core's
 * FileRejectedError (permanent: reported, never retried). Everything here is about the
 * function's own configuration and its event; AWS failures are left as the SDK throws them
 * so Lambda's async retries and the on-failure destination handle them.
 */
export const LAMBDA_ERROR_CODES = ['INVALID_CONFIG', 'INVALID_EVENT', 'INVALID_METADATA'] as const;
export type LambdaErrorCode = (typeof LAMBDA_ERROR_CODES)[number];

export class LambdaError extends Error {
  override readonly name: string = 'LambdaError';

  constructor(
    readonly code: LambdaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The function's environment is wrong: fail at cold start, naming the variable. */
export class ConfigError extends LambdaError {
  override readonly name = 'ConfigError';
  constructor(message: string) {
    super('INVALID_CONFIG', message);
  }
}

/**
 * Part of the event cannot be read (an S3 key that is not valid URL encoding). Retrying
 * cannot help: events.ts drops that record with this message instead of failing.
 */
export class EventError extends LambdaError {
  override readonly name = 'EventError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_EVENT', message, options);
  }
}
