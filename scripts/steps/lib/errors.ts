/**
 * Errors raised by the workflow steps in scripts/steps. Each carries a stable `code` so
 * tests branch on it; the message tells the person reading the failed run what to do.
 */
export const STEP_ERROR_CODES = [
  'INVALID_INPUT',
  'WRONG_BRANCH',
  'CONFIRMATION_MISMATCH',
  'IMAGE_NOT_FOUND',
  'IMAGE_IS_INDEX',
  'IMAGE_MEDIA_TYPE',
  'IMAGE_NOT_SCANNED',
  'DIGEST_MISMATCH',
  'DELETE_FAILED',
  'SMOKE_TIMEOUT',
  'SMOKE_REPORT_INVALID',
  'SMOKE_REPORT_NOT_OK',
  'SMOKE_UPLOAD_UNIDENTIFIED',
  'OUTPUTS_INVALID',
  'REPORT_INVALID',
  'EMULATOR_FAILED',
  'TERRAFORM_FAILED',
  'OLDER_THAN_DEPLOYED',
  'NOT_DESCENDED_FROM_DEPLOYED',
  'SHALLOW_CHECKOUT',
  'GIT_FAILED',
  'IMAGE_MARK_FAILED',
  'ENVIRONMENT_UNPROTECTED',
  'GITHUB_API_FAILED',
  'DRIFT_DETECTED',
  'PLAN_CHANGED_SINCE_APPROVAL',
  'ATTESTATION_UNVERIFIED',
  'FUNCTION_NOT_FOUND',
  'RELEASE_ROLLED_BACK',
  'RELEASE_FAILED',
  'GOLD_RUN_FAILED',
] as const;

export type StepErrorCode = (typeof STEP_ERROR_CODES)[number];

export class StepError extends Error {
  override readonly name: string = 'StepError';

  constructor(
    readonly code: StepErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
