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
    });
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
