import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRoleArn, environmentFacts, run } from '../../../scripts/steps/environment/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

describe('environment names step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('gives a deploy job the stack, buckets, state key and ECR repository of its environment', async () => {
    // Act
    const result = await env.run(run, {
      environment: 'staging',
      account_id: '123456789012',
      deploy_role_arn: 'arn:aws:iam::123456789012:role/workout-pipeline-deploy-staging',
      require_role: 'true',
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      deploy_role_arn: 'arn:aws:iam::123456789012:role/workout-pipeline-deploy-staging',
      stack: 'workout-pipeline-staging',
      region: 'eu-west-1',
      ingest_bucket: 'workout-pipeline-staging-ingest',
      processed_bucket: 'workout-pipeline-staging-processed',
      state_key: 'pipeline/staging/terraform.tfstate',
      ecr_repository: 'workout-pipeline-processor',
      ecr_region: 'eu-west-1',
      function_name: 'workout-pipeline-staging-processor',
      console_url:
        'https://eu-west-1.console.aws.amazon.com/lambda/home?region=eu-west-1#/functions/workout-pipeline-staging-processor',
    });
  });

  it("gives a drift job its environment's plan role, picked from the three repository variables", async () => {
    const result = await env.run(run, {
      environment: 'prod',
      account_id: '123456789012',
      plan_role_arn_dev: 'arn:aws:iam::123456789012:role/workout-pipeline-plan-dev',
      plan_role_arn_prod: 'arn:aws:iam::123456789012:role/workout-pipeline-plan-prod',
      require_plan_role: 'true',
    });

    expect(result.failed).toBe(false);
    expect(result.outputs.plan_role_arn).toBe('arn:aws:iam::123456789012:role/workout-pipeline-plan-prod');
    expect(result.outputs.deploy_role_arn).toBeUndefined();
  });

  it('names the repository variable when a required plan role is missing or wrong', async () => {
    const missing = await env.run(run, {
      environment: 'staging',
      plan_role_arn_dev: 'arn:aws:iam::123456789012:role/workout-pipeline-plan-dev',
      require_plan_role: 'true',
    });
    const wrong = await env.run(run, { environment: 'dev', plan_role_arn_dev: 'workout-pipeline-plan-dev' });

    expect(missing.failed).toBe(true);
    expect(missing.log).toContain('AWS_PLAN_ROLE_ARN_STAGING');
    expect(wrong.failed).toBe(true);
    expect(wrong.log).toContain('AWS_PLAN_ROLE_ARN_DEV');
  });

  it('gives the emulator target no remote state key', () => {
    expect(environmentFacts('emulator')).toMatchObject({
      stack: 'workout-pipeline-emulator',
      stateKey: undefined,
    });
  });

  it('fails with a pointer to the GitHub variable when a deploy role is required but missing', async () => {
    const result = await env.run(run, { environment: 'prod', require_role: 'true' });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('AWS_DEPLOY_ROLE_ARN');
  });

  it('rejects a deploy role from another account than AWS_ACCOUNT_ID', () => {
    expect(() =>
      checkRoleArn('arn:aws:iam::210987654321:role/deploy', '123456789012', 'AWS_DEPLOY_ROLE_ARN'),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('rejects a deploy role value that is not a role ARN', () => {
    expect(() => checkRoleArn('workout-pipeline-deploy-dev', undefined, 'AWS_DEPLOY_ROLE_ARN')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('rejects an account id that is not 12 digits', async () => {
    const result = await env.run(run, { environment: 'dev', account_id: '1234' });

    expect(result.failed).toBe(true);
  });
});
