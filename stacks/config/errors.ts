/** Stable codes so tests and callers branch on the kind of problem, not on message text. */
export const CONFIG_ERROR_CODES = ['INVALID_ENVIRONMENT_CONFIG', 'INVALID_SYNTH_INPUT'] as const;
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/** One synth-time error listing every offending field as `path: problem`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code: ConfigErrorCode;
  /** Dotted paths of the offending fields, e.g. `prod.forceDestroy` or `LAMBDA_IMAGE_URI`. */
  readonly fields: readonly string[];

  constructor(
    code: ConfigErrorCode,
    problems: readonly { field: string; message: string }[],
    cause?: unknown,
  ) {
    super(
      `${code === 'INVALID_SYNTH_INPUT' ? 'Invalid synth input' : 'Invalid environment configuration'}:\n${problems
        .map((p) => `  - ${p.field}: ${p.message}`)
        .join('\n')}`,
      { cause },
    );
    this.code = code;
    this.fields = problems.map((p) => p.field);
  }
}

/** Turns zod issues into `field: message` pairs, prefixed with where the data came from. */
export function issuesToProblems(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix?: string,
): { field: string; message: string }[] {
  return issues.map((issue) => ({
    field:
      [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.') || '(root)',
    message: issue.message,
  }));
}
