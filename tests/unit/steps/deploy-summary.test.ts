import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/steps/deploy-summary/run.js';
import {
  type DeployFacts,
  duration,
  overall,
  parseStartedAt,
  summaryRows,
} from '../../../scripts/steps/deploy-summary/summary.js';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/workout-pipeline-processor@${DIGEST}`;
const SHA = 'c'.repeat(40);
const URL =
  'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/workout-pipeline-dev-processor';

const facts = (overrides: Partial<DeployFacts> = {}): DeployFacts => ({
  environment: 'dev',
  imageUri: IMAGE,
  sha: SHA,
  consoleUrl: URL,
  startedAt: new Date('2026-01-01T10:00:00Z'),
  finishedAt: new Date('2026-01-01T10:12:34Z'),
  verify: 'success',
  plan: 'success',
  planHeadline: 'Plan: 1 to add, 2 to change, 0 to destroy.',
  apply: 'success',
  release: 'success',
  releaseResult: 'released',
  newVersion: '7',
  ...overrides,
});

describe('the deploy summary', () => {
  it('lists digest, commit, plan headline, smoke-test result and timings', () => {
    const rows = Object.fromEntries(summaryRows(facts()));
    expect(rows).toMatchObject({
      Result: 'deployed',
      'Image digest': DIGEST,
      Commit: SHA,
      Provenance: 'verified',
      Plan: 'Plan: 1 to add, 2 to change, 0 to destroy.',
      'Release and smoke test': 'passed; released (version 7)',
      Started: '2026-01-01T10:00:00.000Z',
      Finished: '2026-01-01T10:12:34.000Z',
      Took: '12m 34s',
      Function: URL,
    });
  });

  it('says what stopped a deploy: a failed verification leaves the rest not run', () => {
    const rows = Object.fromEntries(
      summaryRows(
        facts({
          verify: 'failure',
          plan: '',
          apply: '',
          release: '',
          releaseResult: undefined,
          planHeadline: undefined,
        }),
      ),
    );
    expect(rows).toMatchObject({
      Result: 'not deployed',
      Provenance: 'failed: not attested by this repository',
      Plan: 'did not run',
      Apply: 'did not run',
      'Release and smoke test': 'did not run',
    });
  });

  it('tells a rolled-back release apart from a failed one', () => {
    const rolledBack = facts({ release: 'failure', releaseResult: 'rolled-back' });
    expect(overall(rolledBack)).toBe('rolled back');
    expect(Object.fromEntries(summaryRows(rolledBack))['Release and smoke test']).toBe(
      'failed (rolled-back)',
    );
    expect(Object.fromEntries(summaryRows(facts({ release: 'cancelled' })))['Release and smoke test']).toBe(
      'cancelled',
    );
  });

  it('writes durations for people', () => {
    expect(duration(6_000)).toBe('6s');
    expect(duration(245_000)).toBe('4m 05s');
    expect(duration(3_723_000)).toBe('1h 02m 03s');
    expect(duration(-5)).toBe('0s');
  });

  it('refuses a start time that is not ISO 8601', () => {
    expect(() => parseStartedAt('yesterday')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }) as StepError,
    );
  });
});

describe('deploy-summary step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('writes the table at the end of the job, timed from the start the job noted', async () => {
    const write = await env.run(() => run(() => new Date('2026-01-01T10:01:05Z')), {
      action: 'write',
      environment: 'staging',
      image_uri: IMAGE,
      sha: SHA,
      started_at: '2026-01-01T10:00:00Z',
      console_url: URL,
      verify_outcome: 'success',
      plan_outcome: 'success',
      plan_headline: 'No changes.',
      apply_outcome: 'success',
      release_outcome: 'failure',
      release_result: 'rolled-back',
    });

    expect(write.failed).toBe(false);
    expect(write.summary).toContain('Deploy of staging');
    expect(write.summary).toContain(DIGEST);
    expect(write.summary).toContain('No changes.');
    expect(write.summary).toContain('rolled back');
    expect(write.summary).toContain('1m 05s');
  });

  it('refuses an outcome GitHub does not report', async () => {
    const result = await env.run(() => run(), {
      action: 'write',
      environment: 'dev',
      image_uri: IMAGE,
      sha: SHA,
      started_at: '2026-01-01T10:00:00Z',
      plan_outcome: 'great',
    });
    expect(result.failed).toBe(true);
    expect(result.log).toContain("Input 'plan_outcome'");
  });
});
