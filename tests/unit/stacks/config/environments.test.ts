import { describe, expect, it } from 'vitest';
import {
  BOOTSTRAP,
  ConfigError,
  ENVIRONMENTS,
  getEnvironment,
  validateBootstrap,
  validateEnvironment,
} from '../../../../stacks/config/index.js';
import { TARGETS } from '../../../../stacks/config/types.js';

function expectConfigError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('environment configuration', () => {
  it.each(TARGETS)('accepts the committed configuration of %s', (target) => {
    expect(getEnvironment(target).target).toBe(target);
  });

  it('accepts the committed bootstrap configuration', () => {
    expect(validateBootstrap(BOOTSTRAP).prefix).toBe(BOOTSTRAP.prefix);
  });

  it('never lets prod force-destroy its buckets', () => {
    // Prepare
    const bad = { ...ENVIRONMENTS.prod, forceDestroy: true };
    // Act
    const error = expectConfigError(() => validateEnvironment(bad, 'prod'));
    // Assess
    expect(error.code).toBe('INVALID_ENVIRONMENT_CONFIG');
    expect(error.fields).toEqual(['prod.forceDestroy']);
    expect(error.message).toContain('prod.forceDestroy');
  });

  it('requires reviewers as a boolean, and never for the emulator (no GitHub Environment)', () => {
    expect(validateEnvironment(ENVIRONMENTS.prod, 'prod').requireReviewers).toBe(true);
    const missing: Record<string, unknown> = { ...ENVIRONMENTS.prod };
    delete missing.requireReviewers;
    expect(expectConfigError(() => validateEnvironment(missing, 'prod')).fields).toEqual([
      'prod.requireReviewers',
    ]);
    const emulator = { ...ENVIRONMENTS.emulator, requireReviewers: true };
    expect(expectConfigError(() => validateEnvironment(emulator, 'emulator')).fields).toEqual([
      'emulator.requireReviewers',
    ]);
  });

  it('names the nested field of an out-of-range value', () => {
    const bad = { ...ENVIRONMENTS.dev, function: { ...ENVIRONMENTS.dev.function, timeoutSeconds: 901 } };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).fields).toEqual([
      'dev.function.timeoutSeconds',
    ]);
  });

  it('accepts no reservation (null) or a whole number of reserved executions', () => {
    const withReservation = (reservedConcurrency: unknown) => ({
      ...ENVIRONMENTS.prod,
      function: { ...ENVIRONMENTS.prod.function, reservedConcurrency },
    });
    expect(validateEnvironment(withReservation(null), 'prod').function.reservedConcurrency).toBeNull();
    expect(validateEnvironment(withReservation(5), 'prod').function.reservedConcurrency).toBe(5);
  });

  it.each([
    ['0, which throttles everything', 0, /0 would throttle every upload \(use null for no reservation\)/],
    ['a fraction', 1.5, /whole number of executions, or null for no reservation/],
    ['a string', '5', /must be null \(no reservation/],
    ['a missing value', undefined, /must be null \(no reservation/],
    ['more than 1000', 1001, /at most 1000/],
  ])('rejects %s as the reserved concurrency, naming the field', (_label, value, message) => {
    const bad = {
      ...ENVIRONMENTS.prod,
      function: { ...ENVIRONMENTS.prod.function, reservedConcurrency: value },
    };
    const error = expectConfigError(() => validateEnvironment(bad, 'prod'));
    expect(error.fields).toEqual(['prod.function.reservedConcurrency']);
    expect(error.message).toMatch(message);
  });

  it('wires every committed environment with the direct S3 notification, and knows only the two wirings it builds', () => {
    for (const target of TARGETS) expect(getEnvironment(target).eventSource).toBe('s3-notification');
    expect(validateEnvironment({ ...ENVIRONMENTS.dev, eventSource: 'eventbridge' }).eventSource).toBe(
      'eventbridge',
    );
    const error = expectConfigError(() =>
      validateEnvironment({ ...ENVIRONMENTS.dev, eventSource: 'sqs' }, 'dev'),
    );
    expect(error.fields).toEqual(['dev.eventSource']);
  });

  it('releases dev all at once with a short bake, staging and prod as canaries, prod baking longest', () => {
    // Prepare
    const [dev, staging, prod] = (['dev', 'staging', 'prod'] as const).map((t) => getEnvironment(t).release);
    // Assess
    expect(dev).toEqual({ strategy: 'all-at-once', bakeMinutes: expect.any(Number) });
    expect(staging?.strategy).toBe('canary');
    expect(prod?.strategy).toBe('canary');
    expect(prod?.bakeMinutes).toBeGreaterThan(staging?.bakeMinutes ?? Number.POSITIVE_INFINITY);
    expect(staging?.bakeMinutes).toBeGreaterThan(dev?.bakeMinutes ?? Number.POSITIVE_INFINITY);
  });

  it.each([0, 1, -0.1, 1.5])(
    'rejects canary weight %s (it must be a share strictly between 0 and 1)',
    (weight) => {
      // Prepare
      const bad = {
        ...ENVIRONMENTS.prod,
        release: { strategy: 'canary', canaryWeight: weight, bakeMinutes: 30 },
      };
      // Act
      const error = expectConfigError(() => validateEnvironment(bad, 'prod'));
      // Assess
      expect(error.fields).toEqual(['prod.release.canaryWeight']);
    },
  );

  it('rejects a canary weight on an all-at-once release, and a canary without one', () => {
    const extra = {
      ...ENVIRONMENTS.dev,
      release: { strategy: 'all-at-once', canaryWeight: 0.1, bakeMinutes: 5 },
    };
    expect(expectConfigError(() => validateEnvironment(extra, 'dev')).message).toContain('dev.release');
    const missing = { ...ENVIRONMENTS.prod, release: { strategy: 'canary', bakeMinutes: 30 } };
    expect(expectConfigError(() => validateEnvironment(missing, 'prod')).fields).toEqual([
      'prod.release.canaryWeight',
    ]);
  });

  it.each([-1, 2.5, 31])('rejects bake minutes %s (a whole number from 0 to 30)', (minutes) => {
    const bad = { ...ENVIRONMENTS.dev, release: { strategy: 'all-at-once', bakeMinutes: minutes } };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).fields).toEqual([
      'dev.release.bakeMinutes',
    ]);
  });

  it('accepts no bake for all-at-once, but a canary must bake at least as long as its alarms evaluate', () => {
    // Prepare
    const none = { ...ENVIRONMENTS.dev, release: { strategy: 'all-at-once', bakeMinutes: 0 } };
    const short = {
      ...ENVIRONMENTS.prod,
      release: { strategy: 'canary', canaryWeight: 0.1, bakeMinutes: 4 },
    };
    // Act
    const error = expectConfigError(() => validateEnvironment(short, 'prod'));
    // Assess
    expect(validateEnvironment(none, 'dev').release.bakeMinutes).toBe(0);
    expect(error.fields).toEqual(['prod.release.bakeMinutes']);
    expect(error.message).toContain('at least 5');
  });

  it('rejects a release strategy it does not know', () => {
    const bad = { ...ENVIRONMENTS.dev, release: { strategy: 'blue-green', bakeMinutes: 5 } };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).message).toContain('dev.release');
  });

  it('rejects a log retention CloudWatch does not offer', () => {
    const bad = { ...ENVIRONMENTS.staging, logRetentionDays: 10 };
    const error = expectConfigError(() => validateEnvironment(bad, 'staging'));
    expect(error.fields).toEqual(['staging.logRetentionDays']);
    expect(error.message).toMatch(/must be one of 1, 3, 5/);
  });

  it('rejects a subscription endpoint that does not fit its protocol', () => {
    const bad = {
      ...ENVIRONMENTS.dev,
      subscriptions: { summary: [{ protocol: 'sms', endpoint: 'call me' }], operations: [] },
    };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).fields).toEqual([
      'dev.subscriptions.summary.0.endpoint',
    ]);
  });

  it('accepts email, SMS and HTTPS subscriptions', () => {
    const ok = {
      ...ENVIRONMENTS.dev,
      subscriptions: {
        summary: [{ protocol: 'email', endpoint: 'coach@example.com' }],
        operations: [
          { protocol: 'sms', endpoint: '+4915112345678' },
          { protocol: 'https', endpoint: 'https://hooks.example.com/alarm' },
        ],
      },
    };
    expect(validateEnvironment(ok).subscriptions.operations).toHaveLength(2);
  });

  it('rejects a prefix that cannot be part of a bucket name', () => {
    const bad = { ...ENVIRONMENTS.dev, prefix: 'Workout_Pipeline' };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).fields).toEqual(['dev.prefix']);
  });

  it('rejects unknown fields so a typo cannot silently fall back to a default', () => {
    const bad = { ...ENVIRONMENTS.dev, forceDestory: false };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).message).toMatch(/forceDestory/);
  });

  it('rejects AWS-reserved tag keys', () => {
    const bad = { ...ENVIRONMENTS.dev, tags: { 'aws:owner': 'me' } };
    expect(expectConfigError(() => validateEnvironment(bad, 'dev')).fields).toEqual(['dev.tags']);
  });

  it('reports every bad field at once', () => {
    const bad = { ...ENVIRONMENTS.prod, forceDestroy: true, region: 'mars-1' };
    expect(expectConfigError(() => validateEnvironment(bad, 'prod')).fields.toSorted()).toEqual(
      ['prod.forceDestroy', 'prod.region'].sort(),
    );
  });

  it('names the bootstrap field that is wrong', () => {
    const bad = { ...BOOTSTRAP, keepTaggedImages: 0 };
    expect(expectConfigError(() => validateBootstrap(bad)).fields).toEqual(['bootstrap.keepTaggedImages']);
  });
});
