import { describe, expect, it } from 'vitest';
import { expr, loadWorkflow, runsScript } from './support.js';

const ci = loadWorkflow('ci.yml');

describe('ci.yml', () => {
  it('runs on pull requests, on pushes to other branches, and for deploy.yml', () => {
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
    expect(ci.on.push).toEqual({ 'branches-ignore': ['main'] });
  });

  it('runs the same checks as a local CI run and summarises the test counts even after a failure', () => {
    const steps = ci.jobs.verify?.steps ?? [];
    const verify = steps.findIndex(runsScript('bash .ci/run'));
    const summary = steps.findIndex(runsScript('scripts/steps/test-summary/main.ts'));
    expect(verify).toBeGreaterThan(-1);
    expect(summary).toBeGreaterThan(verify);
    expect(steps[summary]?.if).toBe(expr('!cancelled()'));
  });

  it('runs on Node 24, the runtime of the function', () => {
    const setup = ci.jobs.verify?.steps?.filter((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setup?.map((s) => s.with?.['node-version'])).toEqual([24]);
  });

  it('never has cloud credentials', () => {
    expect(ci.jobs.verify?.permissions).toEqual({ contents: 'read' });
  });
});
