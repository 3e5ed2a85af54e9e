import { z } from 'zod';
import { EVENT_SOURCES, SUBSCRIPTION_PROTOCOLS, TARGETS } from './types.js';

/**
 * Longest bake a deploy job can wait through: its 60-minute timeout (deploy-environment.yml)
 * leaves room for plan, apply and the canary's smoke uploads.
 */
export const MAX_BAKE_MINUTES = 30;

/** Values CloudWatch Logs accepts for retention_in_days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const prefix = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/,
    'must be 3-30 characters of lowercase letters, digits and hyphens (it becomes part of S3 bucket names)',
  );
const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as eu-west-1');
const tags = z
  .record(
    z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\w .:/=+\-@]+$/, 'tag keys use letters, digits, spaces and _.:/=+-@'),
    z.string().max(256),
  )
  .refine((t) => Object.keys(t).length <= 40, 'at most 40 tags (AWS allows 50, resources add their own)')
  .refine(
    (t) => !Object.keys(t).some((k) => k.toLowerCase().startsWith('aws:')),
    'tag keys must not start with aws:',
  );

const subscription = z
  .object({ protocol: z.enum(SUBSCRIPTION_PROTOCOLS), endpoint: z.string().min(1) })
  .superRefine((s, ctx) => {
    const ok =
      s.protocol === 'email'
        ? /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.endpoint)
        : s.protocol === 'sms'
          ? /^\+[1-9]\d{6,14}$/.test(s.endpoint)
          : /^https:\/\/[^\s]+$/.test(s.endpoint);
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['endpoint'],
        message: `is not a valid ${s.protocol} endpoint (${
          s.protocol === 'email'
            ? 'an email address'
            : s.protocol === 'sms'
              ? 'an E.164 number like +4915112345678'
              : 'an https:// URL'
        })`,
      });
    }
  });

const bakeMinutes = z
  .number()
  .int('must be a whole number of minutes')
  .min(0, 'must be 0 (no bake) or more minutes')
  .max(MAX_BAKE_MINUTES, `must be at most ${MAX_BAKE_MINUTES} minutes (the deploy job's timeout)`);

const release = z.discriminatedUnion('strategy', [
  z.object({ strategy: z.literal('all-at-once'), bakeMinutes }).strict(),
  z
    .object({
      strategy: z.literal('canary'),
      canaryWeight: z
        .number()
        .gt(0, 'must be more than 0 (a share of invocations, 0 < w < 1)')
        .lt(1, 'must be less than 1 (1 is all-at-once)'),
      bakeMinutes,
    })
    .strict(),
]);

export const environmentConfigSchema = z
  .object({
    target: z.enum(TARGETS),
    region,
    prefix,
    function: z.object({
      memoryMb: z.number().int().min(128).max(10240),
      timeoutSeconds: z.number().int().min(1).max(900),
      reservedConcurrency: z
        .number({
          error:
            "must be null (no reservation: the function uses the account's unreserved pool) or a whole number of executions reserved for it",
        })
        .int('must be a whole number of executions, or null for no reservation')
        .min(1, 'must be at least 1: 0 would throttle every upload (use null for no reservation)')
        .max(1000, 'must be at most 1000')
        .nullable(),
      maxRetryAttempts: z.number().int().min(0).max(2),
      maxEventAgeSeconds: z.number().int().min(60).max(21600),
      logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
      defaultTimezone: z
        .string()
        .regex(/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, 'must be an IANA time zone'),
      maxRejectedShare: z.number().gt(0).max(1),
      defaultWeightUnit: z.enum(['kg', 'lbs']),
      defaultDistanceUnit: z.enum(['m', 'km', 'mi', 'yd', 'ft']),
    }),
    gold: z
      .object({
        schedule: z
          .string()
          .regex(
            /^cron\((\S+ ){5}\S+\)$/,
            'must be an EventBridge Scheduler cron expression with six fields, such as cron(30 4 * * ? *)',
          ),
        timezone: z.string().regex(/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, 'must be an IANA time zone'),
        memoryMb: z.number().int().min(128).max(10240),
        timeoutSeconds: z.number().int().min(1).max(900),
      })
      .strict(),
    eventSource: z.enum(EVENT_SOURCES),
    logRetentionDays: z.number().refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
      message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
    }),
    alarms: z.object({
      errors: z.number().int().min(1),
      throttles: z.number().int().min(1),
      rejectedFiles: z.number().int().min(1),
      dlqDepth: z.number().int().min(1),
      durationShareOfTimeout: z.number().gt(0).lt(1),
      periodSeconds: z.number().int().min(60).multipleOf(60),
      evaluationPeriods: z.number().int().min(1).max(10),
    }),
    subscriptions: z.object({ summary: z.array(subscription), operations: z.array(subscription) }),
    lifecycle: z.object({
      ingestNoncurrentDays: z.number().int().min(1),
      ingestInfrequentAccessDays: z.number().int().min(30, 'S3 needs at least 30 days before STANDARD_IA'),
      processedNoncurrentDays: z.number().int().min(1),
      rejectedExpirationDays: z.number().int().min(1),
    }),
    release,
    forceDestroy: z.boolean(),
    requireReviewers: z.boolean(),
    tags,
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.target === 'emulator' && c.requireReviewers) {
      ctx.addIssue({
        code: 'custom',
        path: ['requireReviewers'],
        message:
          'the emulator has no GitHub Environment to require reviewers on; set requireReviewers: false',
      });
    }
    if (c.target === 'prod' && c.forceDestroy) {
      ctx.addIssue({
        code: 'custom',
        path: ['forceDestroy'],
        message: 'prod buckets must never be force-destroyed; set forceDestroy: false',
      });
    }
    // Stands in for checkov's CKV_AWS_338 (skipped globally because dev keeps logs briefly).
    if (c.target === 'prod' && c.logRetentionDays < 365) {
      ctx.addIssue({
        code: 'custom',
        path: ['logRetentionDays'],
        message: 'prod keeps logs for at least 365 days',
      });
    }
    // `<prefix>-<target>-processed` is the longest bucket name; S3 allows 63 characters.
    if (`${c.prefix}-${c.target}-processed`.length > 63) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefix'],
        message: 'is too long: bucket names would exceed 63 characters',
      });
    }
    // A canary that bakes shorter than the alarms take to evaluate can never be stopped by one.
    const alarmMinutes = (c.alarms.periodSeconds * c.alarms.evaluationPeriods) / 60;
    if (c.release.strategy === 'canary' && c.release.bakeMinutes < alarmMinutes) {
      ctx.addIssue({
        code: 'custom',
        path: ['release', 'bakeMinutes'],
        message: `must be at least ${alarmMinutes} (the alarms' period times evaluation periods), or no alarm can end the canary`,
      });
    }
    if (c.target !== 'emulator' && c.alarms.durationShareOfTimeout * c.function.timeoutSeconds < 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarms', 'durationShareOfTimeout'],
        message: 'gives a duration threshold under one second; raise it or the timeout',
      });
    }
  });

export const bootstrapConfigSchema = z
  .object({
    region,
    prefix,
    keepTaggedImages: z.number().int().min(1).max(1000),
    untaggedImageExpirationDays: z.number().int().min(1),
    stateNoncurrentDays: z.number().int().min(1),
    tags,
  })
  .strict();
