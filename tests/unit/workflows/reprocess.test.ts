import { describe, expect, it } from 'vitest';
import { expr, loadWorkflow, runsScript, stepIndex } from './support.js';

const reprocess = loadWorkflow('reprocess.yml');
const request = reprocess.jobs.request ?? {};
const job = reprocess.jobs.reprocess ?? {};
const steps = job.steps ?? [];

describe('reprocess.yml: gold recomputed for a day or a range, on demand', () => {
  it('runs only by hand, with an environment and a day or a range', () => {
    expect(Object.keys(reprocess.on)).toEqual(['workflow_dispatch']);
    const inputs = (reprocess.on.workflow_dispatch as { inputs: Record<string, { required: boolean }> })
      .inputs;
    expect(Object.keys(inputs)).toEqual(['environment', 'run_date', 'from', 'to']);
    expect(inputs.environment).toMatchObject({
      required: true,
      type: 'choice',
      options: ['dev', 'staging', 'prod'],
    });
  });

  it('checks the dates in a job without credentials before the one that has them', () => {
    expect(request.permissions).toEqual({ contents: 'read' });
    const check = request.steps?.find((s) => s.id === 'request');
    expect(check?.run).toBe('npx tsx scripts/steps/reprocess-request/main.ts');
    expect(check?.env).toEqual({
      INPUT_ENVIRONMENT: expr('inputs.environment'),
      INPUT_RUN_DATE: expr('inputs.run_date'),
      INPUT_FROM: expr('inputs.from'),
      INPUT_TO: expr('inputs.to'),
    });
    expect(job.needs).toBe('request');
  });

  it("invokes the gold run with the environment's deploy role, in its GitHub Environment", () => {
    expect(reprocess.permissions).toEqual({});
    expect(job.permissions).toEqual({ actions: 'read', contents: 'read', 'id-token': 'write' });
    expect(job.environment).toBe(expr('needs.request.outputs.environment'));
    const protection = stepIndex(job, runsScript('scripts/steps/environment-protection/main.ts'));
    const credentials = steps.findIndex((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const invoke = stepIndex(job, runsScript('scripts/steps/invoke-gold/main.ts'));
    // Prod's reviewers are checked before any credential, and the run only after them.
    expect(protection).toBeGreaterThanOrEqual(0);
    expect(protection).toBeLessThan(credentials);
    expect(credentials).toBeLessThan(invoke);
    expect(steps[credentials]?.with?.['role-to-assume']).toBe(expr('steps.names.outputs.deploy_role_arn'));
    expect(steps[invoke]?.env).toEqual({
      INPUT_ENVIRONMENT: expr('needs.request.outputs.environment'),
      INPUT_PAYLOAD: expr('needs.request.outputs.payload'),
      INPUT_REGION: expr('steps.names.outputs.region'),
    });
  });

  it('never runs two reprocesses of one environment at once', () => {
    expect(reprocess.concurrency).toEqual({
      group: `reprocess-${expr('inputs.environment')}`,
      'cancel-in-progress': false,
    });
  });
});
