/**
 * The release in the deploy job (issue 17, parts 2 and 3): after the apply, the release step
 * moves alias `live` with the smoke test and the bake, as the job's last step; and the next
 * environment starts only after the previous environment's release (and so its bake) passed.
 */
import { describe, expect, it } from 'vitest';
import { DEPLOY_ENVIRONMENTS, getEnvironment } from '../../../stacks/config/index.js';
import { MAX_BAKE_MINUTES } from '../../../stacks/config/schema.js';
import { ancestors, expr, loadWorkflow, needsOf, runsScript, stepIndex } from './support.js';

const deploy = loadWorkflow('deploy.yml');
const environment = loadWorkflow('deploy-environment.yml');
const job = environment.jobs.deploy ?? {};
const steps = job.steps ?? [];
const releaseIndex = stepIndex(job, runsScript('scripts/steps/release/main.ts'));
const release = steps[releaseIndex];

describe('deploy-environment.yml: the release', () => {
  it('releases after the apply and the outputs, as the last step of the deploy job, instead of a bare smoke test', () => {
    const apply = stepIndex(job, (s) => s.name === 'Apply the saved plan');
    const outputs = stepIndex(job, (s) => s.id === 'outputs');
    expect(releaseIndex).toBeGreaterThan(outputs);
    expect(outputs).toBeGreaterThan(apply);
    // The last step that changes anything: only the deploy summary, which reports, follows it.
    expect(steps.slice(releaseIndex + 1).map((s) => s.run)).toEqual([
      'npx tsx scripts/steps/deploy-summary/main.ts',
    ]);
    expect(stepIndex(job, runsScript('scripts/steps/smoke-test/main.ts'))).toBe(-1);
  });

  it('takes the published version, the function and the alias from the outputs step, which requires them', () => {
    expect(release?.env).toMatchObject({
      INPUT_ENVIRONMENT: expr('inputs.environment'),
      INPUT_NEW_VERSION: expr('steps.outputs.outputs.function_version'),
      INPUT_FUNCTION_NAME: expr('steps.outputs.outputs.function_name'),
      INPUT_ALIAS: expr('steps.outputs.outputs.function_alias_name'),
      INPUT_INGEST_BUCKET: expr('steps.outputs.outputs.ingest_bucket_name'),
      INPUT_PROCESSED_BUCKET: expr('steps.outputs.outputs.processed_bucket_name'),
      INPUT_REGION: expr('steps.names.outputs.region'),
    });
    const required = String(steps.find((s) => s.id === 'outputs')?.env?.INPUT_REQUIRED).split('\n');
    expect(required).toEqual(
      expect.arrayContaining(['function_version', 'function_name', 'function_alias_name']),
    );
  });

  it('lets a failed or rolled-back release fail the job: never continue-on-error, never skipped by an if', () => {
    expect(release?.['continue-on-error']).toBeUndefined();
    expect(release?.if).toBeUndefined();
  });

  it("gives the deploy job time for every environment's bake", () => {
    const worst = Math.max(...DEPLOY_ENVIRONMENTS.map((env) => getEnvironment(env).release.bakeMinutes));
    expect(worst).toBeLessThanOrEqual(MAX_BAKE_MINUTES);
    expect(job['timeout-minutes']).toBeGreaterThanOrEqual(MAX_BAKE_MINUTES + 25);
  });
});

describe('deploy.yml: bake between environments', () => {
  it.each([
    ['staging', 'dev'],
    ['prod', 'staging'],
  ] as const)(
    'starts %s only after %s, whose deploy job ends with the release and its bake',
    (next, previous) => {
      const call = deploy.jobs[next] ?? {};
      expect(needsOf(call)).toContain(previous);
      expect(ancestors(deploy, next)).toContain(previous);
      // No `if:` that would run it after a failed (rolled-back) environment: the default
      // success() holds, so a bake that saw an alarm stops the promotion.
      expect(call.if).toBeUndefined();
      expect(deploy.jobs[previous]?.uses).toBe('./.github/workflows/deploy-environment.yml');
    },
  );

  it('prod waits for both earlier bakes: dev and staging are both its ancestors', () => {
    expect([...ancestors(deploy, 'prod')]).toEqual(expect.arrayContaining(['dev', 'staging']));
  });
});
