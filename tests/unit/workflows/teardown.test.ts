import { describe, expect, it } from 'vitest';
import { expr, loadWorkflow, needsOf, runsScript, stepIndex } from './support.js';

const teardown = loadWorkflow('teardown.yml');
const guard = teardown.jobs.guard;
const destroy = teardown.jobs.teardown;

describe('teardown.yml: a guarded, deliberate teardown', () => {
  it('only runs by hand, with the environment as a choice and a typed confirmation', () => {
    expect(Object.keys(teardown.on)).toEqual(['workflow_dispatch']);
    expect(teardown.on.workflow_dispatch).toMatchObject({
      inputs: {
        environment: { type: 'choice', options: ['dev', 'staging', 'prod'], required: true },
        confirmation: { type: 'string', required: true },
      },
    });
  });

  it('checks the confirmation in a job without credentials before anything else', () => {
    expect(guard?.permissions).toEqual({ contents: 'read' });
    const step = guard?.steps?.find(runsScript('scripts/steps/teardown-guard/main.ts'));
    expect(step?.env).toEqual({
      INPUT_ENVIRONMENT: expr('inputs.environment'),
      INPUT_CONFIRMATION: expr('inputs.confirmation'),
      // The guard refuses a run dispatched from any branch but main.
      INPUT_REF: expr('github.ref'),
    });
    expect(needsOf(destroy ?? {})).toEqual(['guard']);
  });

  it('refuses a teardown environment without required reviewers (prod) before any credential', () => {
    const job = destroy ?? {};
    const check = stepIndex(job, runsScript('scripts/steps/environment-protection/main.ts'));
    const credentials = stepIndex(
      job,
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') ?? false,
    );
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(credentials);
    expect(job.steps?.[check]?.env).toEqual({
      INPUT_ENVIRONMENT: expr('needs.guard.outputs.environment'),
      INPUT_GITHUB_ENVIRONMENT: expr('needs.guard.outputs.github_environment'),
      INPUT_REPOSITORY: expr('github.repository'),
      INPUT_TOKEN: expr('github.token'),
      INPUT_API_URL: expr('github.api_url'),
    });
    expect(job.permissions).toEqual({ actions: 'read', contents: 'read', 'id-token': 'write' });
  });

  it('runs both jobs on Node 24', () => {
    for (const [name, job] of Object.entries(teardown.jobs)) {
      const setup = job.steps?.filter((s) => s.uses?.startsWith('actions/setup-node@')) ?? [];
      expect(
        setup.map((s) => s.with?.['node-version']),
        name,
      ).toEqual([24]);
    }
  });

  it('runs the destroying job in the GitHub Environment the guard chose (prod-teardown for prod)', () => {
    expect(destroy?.environment).toBe(expr('needs.guard.outputs.github_environment'));
    expect(guard?.outputs?.github_environment).toBe(expr('steps.guard.outputs.github_environment'));
  });

  it('shares the deploy concurrency group, so it never races a deploy of the same environment', () => {
    expect(destroy?.concurrency).toEqual({
      group: `deploy-${expr('needs.guard.outputs.environment')}`,
      'cancel-in-progress': false,
    });
  });

  it('plans the destroy before deleting any data, empties the buckets, then applies that plan', () => {
    const job = destroy ?? {};
    const plan = stepIndex(job, (s) => s.env?.INPUT_ACTION === 'plan');
    const empty = stepIndex(job, runsScript('scripts/steps/empty-bucket/main.ts'));
    const apply = stepIndex(job, (s) => s.env?.INPUT_ACTION === 'apply');
    expect(plan).toBeGreaterThan(-1);
    expect(job.steps?.[plan]?.env).toMatchObject({
      INPUT_DESTROY: 'true',
      INPUT_STACK: expr('needs.guard.outputs.stack'),
    });
    // Prod's tables carry deletion protection: they are backed up and released after the
    // plan, before any bucket is emptied (a failure there leaves every object in place).
    const release = stepIndex(job, runsScript('scripts/steps/release-tables/main.ts'));
    expect(job.steps?.[release]?.env?.INPUT_TABLES).toBe(
      `${expr('needs.guard.outputs.sessions_table')}\n${expr('needs.guard.outputs.idempotency_table')}\n${expr('needs.guard.outputs.gold_marks_table')}\n`,
    );
    expect(plan).toBeLessThan(release);
    expect(release).toBeLessThan(empty);
    expect(empty).toBeLessThan(apply);
    expect(job.steps?.[apply]?.run).toBe('npx tsx scripts/steps/terraform/main.ts');
    expect(stepIndex(job, runsScript('cdktf destroy'))).toBe(-1);
  });
});
