import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import { PROD_TEARDOWN_ENVIRONMENT, planTeardown, run } from '../../../scripts/steps/teardown-guard/run.js';
import { DEPLOY_ENVIRONMENTS, DEPLOY_ROLE_GITHUB_ENVIRONMENTS } from '../../../stacks/config/index.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

describe('teardown guard', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('lets a teardown through when the confirmation is the environment name', async () => {
    // Act
    const result = await env.run(run, { environment: 'dev', confirmation: 'dev', ref: 'refs/heads/main' });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toMatchObject({
      environment: 'dev',
      github_environment: 'dev',
      stack: 'workout-pipeline-dev',
      ingest_bucket: 'workout-pipeline-dev-ingest',
      processed_bucket: 'workout-pipeline-dev-processed',
      sessions_table: 'workout-pipeline-dev-sessions',
      idempotency_table: 'workout-pipeline-dev-idempotency',
      gold_marks_table: 'workout-pipeline-dev-gold-marks',
    });
    expect(result.summary).toContain('workout-pipeline-dev');
  });

  it('fails without outputs when the confirmation names another environment', async () => {
    // Act
    const result = await env.run(run, {
      environment: 'prod',
      confirmation: 'staging',
      ref: 'refs/heads/main',
    });

    // Assess
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
    expect(result.log).toContain('CONFIRMATION_MISMATCH');
  });

  it('fails when the confirmation is empty', async () => {
    const result = await env.run(run, { environment: 'staging', confirmation: '', ref: 'refs/heads/main' });

    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
  });

  it('refuses a teardown dispatched from a branch other than main, before anything else', async () => {
    // Act
    const result = await env.run(run, {
      environment: 'dev',
      confirmation: 'dev',
      ref: 'refs/heads/feature/cleanup',
    });

    // Assess
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
    expect(result.log).toContain('WRONG_BRANCH');
    expect(result.log).toContain('refs/heads/feature/cleanup');
  });

  it('does not accept a confirmation that only differs in case', () => {
    expect(() => planTeardown('prod', 'PROD')).toThrow(
      expect.objectContaining({ code: 'CONFIRMATION_MISMATCH' }) as StepError,
    );
  });

  it('sends a prod teardown to its own protected environment, not the deploy one', () => {
    // Act
    const plan = planTeardown('prod', 'prod');

    // Assess
    expect(plan.githubEnvironment).toBe(PROD_TEARDOWN_ENVIRONMENT);
    expect(plan.githubEnvironment).not.toBe('prod');
  });

  it.each(DEPLOY_ENVIRONMENTS)(
    'runs a %s teardown in a GitHub Environment whose jobs the deploy role trusts',
    (environment) => {
      // Act
      const plan = planTeardown(environment, environment);

      // Assess
      expect(DEPLOY_ROLE_GITHUB_ENVIRONMENTS[environment]).toContain(plan.githubEnvironment);
    },
  );

  it('rejects an environment that is not a deploy environment', async () => {
    const result = await env.run(run, {
      environment: 'emulator',
      confirmation: 'emulator',
      ref: 'refs/heads/main',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
  });
});
