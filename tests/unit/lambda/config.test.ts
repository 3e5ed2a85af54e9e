import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambda/src/config.js';

const valid = {
  PROCESSED_BUCKET: 'wp-dev-processed',
  SESSIONS_TABLE: 'wp-dev-sessions',
  IDEMPOTENCY_TABLE: 'wp-dev-idempotency',
  GOLD_MARKS_TABLE: 'wp-dev-gold-marks',
  SUMMARY_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:wp-dev-summary',
};

describe('function configuration at cold start', () => {
  it('reads the stack-set variables with defaults for the optional ones', () => {
    expect(loadConfig(valid)).toEqual({
      processedBucket: 'wp-dev-processed',
      sessionsTable: 'wp-dev-sessions',
      idempotencyTable: 'wp-dev-idempotency',
      goldMarksTable: 'wp-dev-gold-marks',
      summaryTopicArn: 'arn:aws:sns:eu-west-1:123456789012:wp-dev-summary',
      defaultTimezone: 'UTC',
      goldTimezone: 'UTC',
      maxRejectedShare: 0.5,
      defaultUnits: { weight: 'kg', distance: 'km' },
      maxUploadBytes: 156 * 1024 * 1024,
      idempotencyTtlSeconds: 604_800,
      connectTimeoutMs: 3_000,
      idleTimeoutMs: 30_000,
      metricsNamespace: 'WorkoutPipeline',
      environmentName: undefined,
    });
  });

  it('takes the units of unitless columns from the environment, and names a bad one', () => {
    // Act
    const config = loadConfig({ ...valid, DEFAULT_WEIGHT_UNIT: 'lbs', DEFAULT_DISTANCE_UNIT: 'mi' });
    const attempt = () => loadConfig({ ...valid, DEFAULT_WEIGHT_UNIT: 'stone' });

    // Assess
    expect(config.defaultUnits).toEqual({ weight: 'lbs', distance: 'mi' });
    expect(attempt).toThrow(/DEFAULT_WEIGHT_UNIT must be one of kg, lbs \(got 'stone'\)/);
  });

  it('takes the largest upload from MAX_UPLOAD_BYTES, refusing anything but whole positive bytes', () => {
    expect(loadConfig({ ...valid, MAX_UPLOAD_BYTES: '1048576' }).maxUploadBytes).toBe(1_048_576);
    expect(() => loadConfig({ ...valid, MAX_UPLOAD_BYTES: '2.5' })).toThrow(
      /MAX_UPLOAD_BYTES must be a whole number of bytes \(got '2.5'\)/,
    );
    expect(() => loadConfig({ ...valid, MAX_UPLOAD_BYTES: '0' })).toThrow(
      /MAX_UPLOAD_BYTES must be positive/,
    );
  });

  it('names every missing variable in one message', () => {
    expect(() => loadConfig({ SESSIONS_TABLE: 't' })).toThrow(
      /PROCESSED_BUCKET must be set.*IDEMPOTENCY_TABLE must be set.*SUMMARY_TOPIC_ARN must be set/,
    );
  });

  it("takes the gold schedule's timezone, the uploads' default one when unset", () => {
    // Act
    const unset = loadConfig({ ...valid, DEFAULT_TIMEZONE: 'Europe/Berlin' });
    const set = loadConfig({ ...valid, GOLD_TIMEZONE: 'America/New_York' });

    // Assess
    expect(unset.goldTimezone).toBe('Europe/Berlin');
    expect(set.goldTimezone).toBe('America/New_York');
    expect(() => loadConfig({ ...valid, GOLD_TIMEZONE: 'Berlin' })).toThrow(
      /GOLD_TIMEZONE must be an IANA timezone such as Europe\/Berlin \(got 'Berlin'\)/,
    );
    expect(() => loadConfig({ ...valid, GOLD_MARKS_TABLE: undefined })).toThrow(
      /GOLD_MARKS_TABLE must be set/,
    );
  });

  it('names the variable and the bad value', () => {
    const attempt = () =>
      loadConfig({ ...valid, DEFAULT_TIMEZONE: 'Mars/Olympus', MAX_REJECTED_SHARE: '1.5' });

    expect(attempt).toThrow(/DEFAULT_TIMEZONE must be an IANA timezone.*\(got 'Mars\/Olympus'\)/);
    expect(attempt).toThrow(/MAX_REJECTED_SHARE must be between 0 and 1 \(got '1.5'\)/);
    expect(() => loadConfig({ ...valid, SUMMARY_TOPIC_ARN: 'wp-dev-summary' })).toThrow(
      /SUMMARY_TOPIC_ARN must be an SNS topic ARN/,
    );
    expect(() => loadConfig({ ...valid, PROCESSED_BUCKET: '  ' })).toThrow(/PROCESSED_BUCKET must be set/);
  });

  it('reads the AWS connection and idle timeouts, refusing anything but whole positive milliseconds', () => {
    expect(
      loadConfig({ ...valid, HTTP_CONNECT_TIMEOUT_MS: '1500', HTTP_IDLE_TIMEOUT_MS: '5000' }),
    ).toMatchObject({
      connectTimeoutMs: 1_500,
      idleTimeoutMs: 5_000,
    });
    expect(() => loadConfig({ ...valid, HTTP_IDLE_TIMEOUT_MS: '0' })).toThrow(
      /HTTP_IDLE_TIMEOUT_MS must be positive \(got '0'\)/,
    );
    expect(() => loadConfig({ ...valid, HTTP_CONNECT_TIMEOUT_MS: '2.5s' })).toThrow(
      /HTTP_CONNECT_TIMEOUT_MS must be a whole number of milliseconds/,
    );
  });

  it('takes the metrics namespace and a short environment name for the metrics dimension', () => {
    expect(
      loadConfig({ ...valid, POWERTOOLS_METRICS_NAMESPACE: 'Ops', ENVIRONMENT_NAME: 'prod' }),
    ).toMatchObject({
      metricsNamespace: 'Ops',
      environmentName: 'prod',
    });
    expect(() => loadConfig({ ...valid, ENVIRONMENT_NAME: 'uploads/ana/file.csv' })).toThrow(
      /ENVIRONMENT_NAME must be a short lower-case name/,
    );
  });

  it('fails with code INVALID_CONFIG', () => {
    expect(() => loadConfig({})).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', name: 'ConfigError' }),
    );
  });
});
