/**
 * Infrastructure configuration types. Pure data: no cdktf, no AWS SDK, no process.env,
 * so the local end-to-end run can import the same names the stacks deploy.
 */

/** Environments that have an AWS account footprint, a remote state and a GitHub Environment. */
export const DEPLOY_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type DeployEnvironment = (typeof DEPLOY_ENVIRONMENTS)[number];

/** Every synth target: the deploy environments plus the AWS emulator used by integration tests. */
export const TARGETS = [...DEPLOY_ENVIRONMENTS, 'emulator'] as const;
export type Target = (typeof TARGETS)[number];

export const SUBSCRIPTION_PROTOCOLS = ['email', 'sms', 'https'] as const;
export type SubscriptionProtocol = (typeof SUBSCRIPTION_PROTOCOLS)[number];

/**
 * How the ingest bucket's uploads reach the function. `s3-notification`: the bucket's own
 * notification invokes it directly (no other consumer of the bucket's events).
 * `eventbridge`: the bucket sends its events to EventBridge, and a rule on the default bus
 * invokes the function for objects created under uploads/ (for buckets whose events other
 * consumers read too). Either way Lambda invokes asynchronously, with the same retries and
 * DLQ. The function also reads S3 notifications delivered through an SQS queue, which the
 * stacks do not build.
 */
export const EVENT_SOURCES = ['s3-notification', 'eventbridge'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export interface Subscription {
  readonly protocol: SubscriptionProtocol;
  /** Email address, E.164 phone number or https:// URL, matching `protocol`. */
  readonly endpoint: string;
}

export interface FunctionSettings {
  /** @default 1024 */
  readonly memoryMb: number;
  /** @default 300 */
  readonly timeoutSeconds: number;
  /**
   * Executions reserved for the function (Lambda's PutFunctionConcurrency), which also caps its
   * parallel uploads; `null`: no reservation, the function draws from the account's unreserved
   * pool, shared with every other function of the account in the region. Lambda refuses a
   * reservation that leaves the pool below its minimum: the whole quota on a new account
   * (10: "decreases account's UnreservedConcurrentExecution below its minimum value of
   * [10]"), 100 on an account with the usual 1,000. So `null` is every environment's
   * default; reserve once the account's quota is at least 100 plus all reservations in the
   * region (docs/deploying.md, "Lambda concurrency").
   */
  readonly reservedConcurrency: number | null;
  /** Lambda async retries before the on-failure destination (0..2). @default 2 */
  readonly maxRetryAttempts: number;
  /** Lambda drops async events older than this (60..21600). @default 3600 */
  readonly maxEventAgeSeconds: number;
  /** POWERTOOLS_LOG_LEVEL. */
  readonly logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** DEFAULT_TIMEZONE: used when an upload's object metadata carries none. */
  readonly defaultTimezone: string;
  /** MAX_REJECTED_SHARE: above this share of rejected rows the whole file is rejected. */
  readonly maxRejectedShare: number;
  /**
   * DEFAULT_WEIGHT_UNIT / DEFAULT_DISTANCE_UNIT: the units of columns whose header names
   * none (Strong's unitless Weight and Distance, Garmin's Distance), when the upload's
   * metadata (x-amz-meta-weight-unit / -distance-unit) names none. Every report says which
   * were assumed. @default kg, km
   */
  readonly defaultWeightUnit: 'kg' | 'lbs';
  readonly defaultDistanceUnit: 'm' | 'km' | 'mi' | 'yd' | 'ft';
}

/** The daily gold run (docs/gold.md): a second function of the same image, on a schedule. */
export interface GoldSettings {
  /**
   * EventBridge Scheduler expression of the run, `cron(minutes hours day-of-month month
   * day-of-week year)` in `timezone`, e.g. `cron(30 4 * * ? *)` for 04:30 every day.
   */
  readonly schedule: string;
  /** IANA timezone the schedule runs in; a run computes for today there. */
  readonly timezone: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export interface AlarmThresholds {
  /** Function errors per period that raise the alarm. */
  readonly errors: number;
  /** Throttled invocations per period that raise the alarm. */
  readonly throttles: number;
  /**
   * Uploads rejected as a whole per period that raise the alarm. One is a person's bad file
   * (they get the summary); several at once usually mean an app changed its export format.
   */
  readonly rejectedFiles: number;
  /** Visible DLQ messages that raise the alarm (1 = any failed upload). */
  readonly dlqDepth: number;
  /** Share of the timeout (0..1) that the maximum duration may reach before alarming. */
  readonly durationShareOfTimeout: number;
  /** @default 300 */
  readonly periodSeconds: number;
  /** @default 1 */
  readonly evaluationPeriods: number;
}

export interface LifecycleSettings {
  /** Days before old (non-current) versions of raw uploads expire. */
  readonly ingestNoncurrentDays: number;
  /** Days before raw uploads move to STANDARD_IA (exports are read once). */
  readonly ingestInfrequentAccessDays: number;
  /** Days before non-current versions of processed objects expire. */
  readonly processedNoncurrentDays: number;
  /** Days before rejected-row files expire. */
  readonly rejectedExpirationDays: number;
}

/**
 * How a deploy moves the function's `live` alias to the version it published
 * (scripts/steps/release). `all-at-once`: the alias moves to the new version, the smoke test
 * runs through it, then the alarms are watched for `bakeMinutes`. `canary`: the alias sends
 * `canaryWeight` of invocations to the new version, the smoke test runs until one of its
 * uploads is processed by the new version, the alarms are watched for `bakeMinutes`, and
 * only then does the alias move all the way. A failed smoke test or an alarm in ALARM moves
 * the alias back to the version it had, and fails the deploy.
 */
export const RELEASE_STRATEGIES = ['all-at-once', 'canary'] as const;
export type ReleaseStrategy = (typeof RELEASE_STRATEGIES)[number];

export type ReleaseSettings =
  | {
      readonly strategy: 'all-at-once';
      /** Minutes the alarms are watched after the move (0: none). */
      readonly bakeMinutes: number;
    }
  | {
      readonly strategy: 'canary';
      /** Share (0 < w < 1) of invocations the new version gets during the bake. */
      readonly canaryWeight: number;
      /** Minutes the alarms are watched at the canary weight, before the full move. */
      readonly bakeMinutes: number;
    };

export interface Subscriptions {
  /** Receives the one-per-upload summary. */
  readonly summary: readonly Subscription[];
  /** Receives CloudWatch alarm notifications. */
  readonly operations: readonly Subscription[];
}

export interface EnvironmentConfig {
  readonly target: Target;
  /** AWS region of every resource of this environment. */
  readonly region: string;
  /**
   * First part of every resource name (`<prefix>-<target>-<kind>`). S3 bucket names are
   * global across all AWS accounts: pick a prefix that is unique to your organisation.
   */
  readonly prefix: string;
  readonly function: FunctionSettings;
  readonly gold: GoldSettings;
  /** How uploads reach the function. @default 's3-notification' (every committed environment) */
  readonly eventSource: EventSource;
  /** CloudWatch Logs retention of the function's log group, in days. */
  readonly logRetentionDays: number;
  readonly alarms: AlarmThresholds;
  readonly subscriptions: Subscriptions;
  readonly lifecycle: LifecycleSettings;
  /** How a deploy shifts traffic to the new function version, and how long it bakes. */
  readonly release: ReleaseSettings;
  /** Let `destroy` delete non-empty buckets. Never true for prod (validated). */
  readonly forceDestroy: boolean;
  /**
   * The deploy refuses to run unless the GitHub Environment of this name has required
   * reviewers (scripts/steps/environment-protection, before any AWS credential): a private
   * repository without the paid plan gets no reviewers, and its prod must not deploy
   * unreviewed without anyone noticing. Never true for the emulator, which has no GitHub
   * Environment (validated).
   */
  readonly requireReviewers: boolean;
  /** Applied to every resource through the provider's default_tags. */
  readonly tags: Readonly<Record<string, string>>;
}

export interface BootstrapConfig {
  readonly region: string;
  readonly prefix: string;
  /** SHA-tagged images kept in ECR; older ones expire. */
  readonly keepTaggedImages: number;
  /** Days after which untagged images (superseded manifests) expire. */
  readonly untaggedImageExpirationDays: number;
  /** Days before non-current versions of state files expire. */
  readonly stateNoncurrentDays: number;
  readonly tags: Readonly<Record<string, string>>;
}
