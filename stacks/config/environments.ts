import { DEFAULT_MAX_REJECTED_SHARE } from '../../lambda/src/core/defaults.js';
import { DEFAULT_UNITS } from '../../lambda/src/core/formats/assumed-units.js';
import { ConfigError, issuesToProblems } from './errors.js';
import { bootstrapConfigSchema, environmentConfigSchema } from './schema.js';
import type { BootstrapConfig, EnvironmentConfig, FunctionSettings, GoldSettings, Target } from './types.js';
import { TARGETS } from './types.js';

/** Shared by every environment; S3 bucket names are global, so make this unique to your organisation. */
export const NAME_PREFIX = 'workout-pipeline';

/** POWERTOOLS_SERVICE_NAME of the function: the `service` field of every log line. */
export const SERVICE_NAME = 'workout-pipeline';

/** CloudWatch namespace of the function's EMF metrics (POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'WorkoutPipeline';

/** Tags every resource carries (plus `environment`), through the AWS provider's default_tags. */
const BASE_TAGS = {
  project: 'workout-pipeline',
  'managed-by': 'cdktf',
  repository: 'workout-pipeline',
} as const;

const FUNCTION_DEFAULTS = {
  memoryMb: 1024,
  timeoutSeconds: 300,
  // No reservation: a new account's Lambda concurrency quota is 10 and PutFunctionConcurrency
  // fails when it would leave fewer than 10 unreserved (100 on an account with the usual
  // 1,000), so any reservation fails the first apply there, with the function half created.
  // Reserve per environment (e.g. `reservedConcurrency: 5` on prod) once
  // `aws lambda get-account-settings` shows a ConcurrentExecutions quota of at least 100 plus
  // all reservations in the region (docs/deploying.md, "Lambda concurrency").
  reservedConcurrency: null,
  maxRetryAttempts: 2,
  maxEventAgeSeconds: 3600,
  logLevel: 'INFO',
  defaultTimezone: 'UTC',
  maxRejectedShare: DEFAULT_MAX_REJECTED_SHARE,
  defaultWeightUnit: DEFAULT_UNITS.weight,
  defaultDistanceUnit: DEFAULT_UNITS.distance,
} as const satisfies FunctionSettings;

/** Once a day at 04:30 UTC, after a day's uploads; GOLD_TIMEZONE decides what "today" is. */
const GOLD_DEFAULTS = {
  schedule: 'cron(30 4 * * ? *)',
  timezone: 'UTC',
  memoryMb: 512,
  timeoutSeconds: 300,
} as const satisfies GoldSettings;

const ALARM_DEFAULTS = {
  errors: 1,
  rejectedFiles: 3,
  throttles: 1,
  dlqDepth: 1,
  durationShareOfTimeout: 0.8,
  periodSeconds: 300,
  evaluationPeriods: 1,
} as const;

const LIFECYCLE_DEFAULTS = {
  ingestNoncurrentDays: 90,
  ingestInfrequentAccessDays: 30,
  processedNoncurrentDays: 30,
  rejectedExpirationDays: 90,
} as const;

/**
 * One entry per synth target. Changing a value here changes what the next deploy of that
 * environment does; `validateEnvironment` runs on every synth.
 */
export const ENVIRONMENTS = {
  dev: {
    target: 'dev',
    region: 'eu-west-1',
    prefix: NAME_PREFIX,
    function: { ...FUNCTION_DEFAULTS, logLevel: 'DEBUG' },
    gold: GOLD_DEFAULTS,
    eventSource: 's3-notification',
    logRetentionDays: 14,
    alarms: ALARM_DEFAULTS,
    subscriptions: { summary: [], operations: [] },
    lifecycle: {
      ...LIFECYCLE_DEFAULTS,
      ingestNoncurrentDays: 7,
      processedNoncurrentDays: 7,
      rejectedExpirationDays: 14,
    },
    forceDestroy: true,
    requireReviewers: false,
    // Moves at once and watches the alarms for one alarm period before staging may start.
    release: { strategy: 'all-at-once', bakeMinutes: 5 },
    tags: { ...BASE_TAGS, environment: 'dev' },
  },
  staging: {
    target: 'staging',
    region: 'eu-west-1',
    prefix: NAME_PREFIX,
    function: FUNCTION_DEFAULTS,
    gold: GOLD_DEFAULTS,
    eventSource: 's3-notification',
    logRetentionDays: 30,
    alarms: ALARM_DEFAULTS,
    subscriptions: { summary: [], operations: [] },
    lifecycle: {
      ...LIFECYCLE_DEFAULTS,
      ingestNoncurrentDays: 30,
      processedNoncurrentDays: 14,
      rejectedExpirationDays: 30,
    },
    forceDestroy: true,
    requireReviewers: false,
    // A quarter of invocations on the new version for two alarm periods, then all.
    release: { strategy: 'canary', canaryWeight: 0.25, bakeMinutes: 10 },
    tags: { ...BASE_TAGS, environment: 'staging' },
  },
  prod: {
    target: 'prod',
    region: 'eu-west-1',
    prefix: NAME_PREFIX,
    function: FUNCTION_DEFAULTS,
    gold: GOLD_DEFAULTS,
    eventSource: 's3-notification',
    logRetentionDays: 365,
    alarms: ALARM_DEFAULTS,
    subscriptions: { summary: [], operations: [] },
    lifecycle: LIFECYCLE_DEFAULTS,
    forceDestroy: false,
    // Deploys only through the GitHub Environment's required reviewers; the deploy job
    // checks them before any credential (docs/deploying.md, "Required reviewers").
    requireReviewers: true,
    // A tenth of invocations on the new version for four alarm periods, then all.
    release: { strategy: 'canary', canaryWeight: 0.1, bakeMinutes: 20 },
    tags: { ...BASE_TAGS, environment: 'prod' },
  },
  emulator: {
    target: 'emulator',
    // moto and LocalStack default to us-east-1.
    region: 'us-east-1',
    prefix: NAME_PREFIX,
    function: { ...FUNCTION_DEFAULTS, timeoutSeconds: 60, logLevel: 'DEBUG' },
    gold: GOLD_DEFAULTS,
    eventSource: 's3-notification',
    logRetentionDays: 1,
    alarms: ALARM_DEFAULTS,
    subscriptions: { summary: [], operations: [] },
    lifecycle: LIFECYCLE_DEFAULTS,
    forceDestroy: true,
    requireReviewers: false,
    // Nothing watches the emulator's alarms.
    release: { strategy: 'all-at-once', bakeMinutes: 0 },
    tags: { ...BASE_TAGS, environment: 'emulator' },
  },
} as const satisfies Record<Target, EnvironmentConfig>;

/** Shared, once-per-account resources: state bucket, ECR repository, GitHub OIDC roles. */
export const BOOTSTRAP = {
  region: 'eu-west-1',
  prefix: NAME_PREFIX,
  keepTaggedImages: 30,
  untaggedImageExpirationDays: 1,
  stateNoncurrentDays: 90,
  tags: { ...BASE_TAGS, environment: 'shared' },
} as const satisfies BootstrapConfig;

/** Validates one environment's configuration; throws ConfigError naming each bad field. */
export function validateEnvironment(config: unknown, label = 'environment'): EnvironmentConfig {
  const parsed = environmentConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new ConfigError(
      'INVALID_ENVIRONMENT_CONFIG',
      issuesToProblems(parsed.error.issues, label),
      parsed.error,
    );
  }
  return parsed.data;
}

/** Validates the bootstrap configuration; throws ConfigError naming each bad field. */
export function validateBootstrap(config: unknown): BootstrapConfig {
  const parsed = bootstrapConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new ConfigError(
      'INVALID_ENVIRONMENT_CONFIG',
      issuesToProblems(parsed.error.issues, 'bootstrap'),
      parsed.error,
    );
  }
  return parsed.data;
}

/** The validated configuration of one target. */
export function getEnvironment(target: Target): EnvironmentConfig {
  const config = validateEnvironment(ENVIRONMENTS[target], target);
  if (config.target !== target) {
    throw new ConfigError('INVALID_ENVIRONMENT_CONFIG', [
      { field: `${target}.target`, message: `must be '${target}', the key it is listed under` },
    ]);
  }
  return config;
}

export function isTarget(value: string): value is Target {
  return (TARGETS as readonly string[]).includes(value);
}
