/**
 * Runtime configuration, read once at cold start from the environment the stack sets
 * (stacks/ names the same variables). A wrong value fails the cold start with the
 * variable's name, rather than surfacing later as an AWS error.
 */
// zod/mini: the same validation as zod with a fraction of its size in the bundle.

import * as z from 'zod/mini';
import { isValidTimezone } from './core/dates.js';
import { DEFAULT_MAX_REJECTED_SHARE } from './core/defaults.js';
import type { UnitDefaults } from './core/formats/assumed-units.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from './core/invocation-budget.js';
import { DISTANCE_UNITS, WEIGHT_UNITS } from './core/units.js';
import { ConfigError } from './errors.js';

export interface Config {
  readonly processedBucket: string;
  readonly sessionsTable: string;
  readonly idempotencyTable: string;
  /** The weeks gold must recompute, marked by uploads (docs/gold.md). */
  readonly goldMarksTable: string;
  readonly summaryTopicArn: string;
  /** IANA timezone for exports whose object carries no `timezone` metadata. */
  readonly defaultTimezone: string;
  /** The gold schedule's timezone: a scheduled run computes for today there. */
  readonly goldTimezone: string;
  /** A file with a larger share of rejected rows is rejected as a whole. */
  readonly maxRejectedShare: number;
  /** Units of values whose column names none (Strong's unitless Weight, Garmin's Distance). */
  readonly defaultUnits: UnitDefaults;
  /** Larger uploads are rejected: more than one invocation can finish (invocation-budget.ts). */
  readonly maxUploadBytes: number;
  /** How long a processed upload is remembered for redelivered events. */
  readonly idempotencyTtlSeconds: number;
  /** AWS connections that take longer to open fail (and the SDK retries them). */
  readonly connectTimeoutMs: number;
  /** A socket silent this long (a stalled S3 body) fails the call, so Lambda retries. */
  readonly idleTimeoutMs: number;
  /** CloudWatch namespace of the per-upload metrics. */
  readonly metricsNamespace: string;
  /** dev, staging, prod...: the metrics' `environment` dimension, when the stack sets it. */
  readonly environmentName: string | undefined;
}

const nonEmpty = z.string({ error: 'must be set' }).check(z.trim(), z.minLength(1, 'must be set'));

const between0and1 = 'must be between 0 and 1';

const millis = (fallback: number) =>
  z._default(
    z.coerce
      .number({ error: 'must be a whole number of milliseconds' })
      .check(z.int('must be a whole number of milliseconds'), z.positive('must be positive')),
    fallback,
  );

const schema = z.object({
  PROCESSED_BUCKET: nonEmpty,
  SESSIONS_TABLE: nonEmpty,
  IDEMPOTENCY_TABLE: nonEmpty,
  GOLD_MARKS_TABLE: nonEmpty,
  SUMMARY_TOPIC_ARN: z
    .string({ error: 'must be set' })
    .check(z.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, 'must be an SNS topic ARN')),
  DEFAULT_TIMEZONE: z._default(
    z.string().check(z.refine(isValidTimezone, 'must be an IANA timezone such as Europe/Berlin')),
    'UTC',
  ),
  GOLD_TIMEZONE: z.optional(
    z.string().check(z.refine(isValidTimezone, 'must be an IANA timezone such as Europe/Berlin')),
  ),
  MAX_REJECTED_SHARE: z._default(
    z.coerce.number({ error: between0and1 }).check(z.gte(0, between0and1), z.lte(1, between0and1)),
    DEFAULT_MAX_REJECTED_SHARE,
  ),
  DEFAULT_WEIGHT_UNIT: z._default(
    z.enum(WEIGHT_UNITS, { error: `must be one of ${WEIGHT_UNITS.join(', ')}` }),
    'kg',
  ),
  DEFAULT_DISTANCE_UNIT: z._default(
    z.enum(DISTANCE_UNITS, { error: `must be one of ${DISTANCE_UNITS.join(', ')}` }),
    'km',
  ),
  MAX_UPLOAD_BYTES: z._default(
    z.coerce
      .number({ error: 'must be a whole number of bytes' })
      .check(z.int('must be a whole number of bytes'), z.positive('must be positive')),
    DEFAULT_MAX_UPLOAD_BYTES,
  ),
  IDEMPOTENCY_TTL_SECONDS: z._default(
    z.coerce
      .number({ error: 'must be a whole number of seconds' })
      .check(z.int('must be a whole number of seconds'), z.positive('must be positive')),
    7 * 24 * 3600,
  ),
  HTTP_CONNECT_TIMEOUT_MS: millis(3_000),
  // Long enough for S3 or DynamoDB to answer under load, short against a 300 s Lambda timeout.
  HTTP_IDLE_TIMEOUT_MS: millis(30_000),
  POWERTOOLS_METRICS_NAMESPACE: z._default(nonEmpty, 'WorkoutPipeline'),
  // A dimension value: a short fixed name, never something per upload.
  ENVIRONMENT_NAME: z.optional(
    z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lower-case name such as prod')),
  ),
});

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const value = env[name];
      return `${name} ${issue.message}${value === undefined ? '' : ` (got '${value}')`}`;
    });
    throw new ConfigError(`Invalid function configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    processedBucket: e.PROCESSED_BUCKET,
    sessionsTable: e.SESSIONS_TABLE,
    idempotencyTable: e.IDEMPOTENCY_TABLE,
    goldMarksTable: e.GOLD_MARKS_TABLE,
    summaryTopicArn: e.SUMMARY_TOPIC_ARN,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    goldTimezone: e.GOLD_TIMEZONE ?? e.DEFAULT_TIMEZONE,
    maxRejectedShare: e.MAX_REJECTED_SHARE,
    defaultUnits: { weight: e.DEFAULT_WEIGHT_UNIT, distance: e.DEFAULT_DISTANCE_UNIT },
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS,
    connectTimeoutMs: e.HTTP_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_MS,
    metricsNamespace: e.POWERTOOLS_METRICS_NAMESPACE,
    environmentName: e.ENVIRONMENT_NAME,
  };
}
