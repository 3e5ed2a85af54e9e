import { describe, expect, it } from 'vitest';
import { expr, loadWorkflow, rawWorkflow, runsScript, stepIndex } from './support.js';

const drift = loadWorkflow('drift.yml');
const job = drift.jobs.drift ?? {};
const steps = job.steps ?? [];
const plan = stepIndex(job, runsScript('scripts/steps/terraform/main.ts'));

describe('drift.yml: a daily read-only plan of every environment', () => {
  it('runs on a daily schedule and by hand', () => {
    const schedule = drift.on.schedule as { cron: string }[];
    expect(schedule).toHaveLength(1);
    // minute hour * * *: once a day.
    expect(schedule[0]?.cron).toMatch(/^\d{1,2} \d{1,2} \* \* \*$/);
    expect(drift.on).toHaveProperty('workflow_dispatch');
    expect(Object.keys(drift.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('has one job per environment, each reported on its own', () => {
    expect(Object.keys(drift.jobs)).toEqual(['drift']);
    expect(job.strategy?.matrix).toEqual({ environment: ['dev', 'staging', 'prod'] });
    expect(job.strategy?.['fail-fast']).toBe(false);
    expect(job.concurrency).toEqual({
      group: `drift-${expr('matrix.environment')}`,
      'cancel-in-progress': false,
    });
  });

  it('reads only: contents read and an OIDC token, no GitHub Environment', () => {
    expect(drift.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(job.environment).toBeUndefined();
  });

  it("assumes the environment's plan role, picked by the environment step from AWS_PLAN_ROLE_ARN_<ENV>", () => {
    const names = steps.find((s) => s.id === 'names');
    expect(names?.run).toBe('npx tsx scripts/steps/environment/main.ts');
    expect(names?.env).toMatchObject({
      INPUT_ENVIRONMENT: expr('matrix.environment'),
      INPUT_PLAN_ROLE_ARN_DEV: expr('vars.AWS_PLAN_ROLE_ARN_DEV'),
      INPUT_PLAN_ROLE_ARN_STAGING: expr('vars.AWS_PLAN_ROLE_ARN_STAGING'),
      INPUT_PLAN_ROLE_ARN_PROD: expr('vars.AWS_PLAN_ROLE_ARN_PROD'),
      INPUT_REQUIRE_PLAN_ROLE: 'true',
    });
    expect(names?.env).not.toHaveProperty('INPUT_DEPLOY_ROLE_ARN');
    const credentials = steps.filter((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.with?.['role-to-assume']).toBe(expr('steps.names.outputs.plan_role_arn'));
    expect(rawWorkflow('drift.yml')).not.toMatch(/AWS_DEPLOY_ROLE_ARN|AWS_IMAGE_PUSH_ROLE_ARN/);
  });

  it('synthesizes the deployed commit with the image the function runs, never a placeholder', () => {
    const deployed = stepIndex(job, runsScript('scripts/steps/deployed-image/main.ts'));
    const checkout = stepIndex(job, (s) => s.with?.path === 'deployed');
    const synth = stepIndex(job, runsScript('cdktf synth'));
    expect([deployed, checkout, synth, plan].every((i) => i > -1)).toBe(true);
    expect(deployed).toBeLessThan(checkout);
    expect(checkout).toBeLessThan(synth);
    expect(synth).toBeLessThan(plan);
    expect(steps[checkout]?.with).toMatchObject({
      ref: expr('steps.deployed.outputs.commit'),
      'persist-credentials': false,
    });
    expect(steps[synth]?.['working-directory']).toBe('deployed');
    expect(steps[synth]?.env).toMatchObject({
      PIPELINE_ENV: expr('matrix.environment'),
      LAMBDA_IMAGE_URI: expr('steps.deployed.outputs.image_uri'),
      DEPLOY_COMMIT: expr('steps.deployed.outputs.commit'),
      SYNTH_ALLOW_PLACEHOLDERS: 'false',
      TF_STATE_BUCKET: expr('vars.TF_STATE_BUCKET'),
    });
    // An environment without a function is reported, not planned.
    for (const index of [checkout, synth, plan]) {
      expect(steps[index]?.if).toBe(expr("steps.deployed.outputs.exists == 'true'"));
    }
  });

  it('plans with -lock=false through the terraform step, failing on drift', () => {
    expect(steps[plan]?.env).toEqual({
      INPUT_ACTION: 'plan',
      INPUT_STACK: expr('steps.names.outputs.stack'),
      INPUT_STACKS_DIR: 'deployed/cdktf.out/stacks',
      INPUT_LOCK: 'false',
      INPUT_FAIL_ON_CHANGES: 'true',
    });
    expect(steps[plan]?.['continue-on-error']).toBeUndefined();
  });

  it('never applies, deploys or destroys anything', () => {
    const terraformSteps = steps.filter(runsScript('scripts/steps/terraform/main.ts'));
    expect(terraformSteps.map((s) => s.env?.INPUT_ACTION)).toEqual(['plan']);
    expect(terraformSteps.every((s) => s.env?.INPUT_DESTROY === undefined)).toBe(true);
    for (const step of steps) {
      expect(step.run ?? '').not.toMatch(/\b(apply|destroy|cdktf deploy)\b/);
    }
  });
});
