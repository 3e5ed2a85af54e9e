import { describe, expect, it } from 'vitest';
import { type Job, loadWorkflow, rawWorkflow, type Step, workflowFiles } from './support.js';

const files = workflowFiles();
const jobsOf = (file: string): [string, Job][] => Object.entries(loadWorkflow(file).jobs);
const stepsOf = (file: string): [string, Step][] =>
  jobsOf(file).flatMap(([name, job]) => (job.steps ?? []).map((step) => [name, step] as [string, Step]));

/** Expressions a run script may contain: none. Values reach scripts through `env:`. */
const EXPRESSION = /\$\{\{/;

describe('workflow hardening', () => {
  it('covers the six workflows', () => {
    expect(files.sort()).toEqual([
      'ci.yml',
      'deploy-environment.yml',
      'deploy.yml',
      'drift.yml',
      'reprocess.yml',
      'teardown.yml',
    ]);
  });

  it.each(files)('%s pins every action to a full commit SHA with its version in a comment', (file) => {
    const uses = rawWorkflow(file)
      .split('\n')
      .filter((line) => /^\s*(-\s+)?uses:/.test(line))
      .map((line) => line.replace(/^\s*(-\s+)?uses:\s*/, ''))
      .filter((ref) => !ref.startsWith('./'));
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses) {
      expect(ref, ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
    }
  });

  it.each(files)('%s grants no permissions at the top level', (file) => {
    expect(loadWorkflow(file).permissions).toEqual({});
  });

  it.each(files)('%s declares the permissions of every job', (file) => {
    for (const [name, job] of jobsOf(file)) {
      expect(job.permissions, `${file}:${name}`).toBeTypeOf('object');
      expect(Object.values(job.permissions as Record<string, string>), `${file}:${name}`).not.toContain(
        'write-all',
      );
    }
  });

  it.each(files)('%s asks for an OIDC token only in jobs that assume an AWS role', (file) => {
    for (const [name, job] of jobsOf(file)) {
      const permissions = job.permissions as Record<string, string>;
      const assumesRole =
        (job.steps ?? []).some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@')) ||
        (job.uses?.includes('deploy-environment.yml') ?? false);
      expect(permissions['id-token'] === 'write', `${file}:${name}`).toBe(assumesRole);
    }
  });

  it.each(files)(
    '%s runs no dependency install scripts in a job that can get an OIDC token (npm ci --ignore-scripts)',
    (file) => {
      const credentialed = jobsOf(file).filter(
        ([, job]) => (job.permissions as Record<string, string>)['id-token'] === 'write' && job.steps,
      );
      for (const [name, job] of credentialed) {
        const installs = (job.steps ?? []).filter((s) => /\bnpm (ci|install|i)\b/.test(s.run ?? ''));
        for (const step of installs) {
          for (const command of (step.run ?? '')
            .split('\n')
            .filter((l) => /\bnpm (ci|install|i)\b/.test(l))) {
            expect(command.trim(), `${file}:${name}`).toMatch(/^npm ci --ignore-scripts\b/);
          }
        }
      }
    },
  );

  it('finds the credentialed jobs that install dependencies', () => {
    const found = files.flatMap((file) =>
      jobsOf(file)
        .filter(([, job]) => (job.permissions as Record<string, string>)['id-token'] === 'write')
        .filter(([, job]) => (job.steps ?? []).some((s) => /\bnpm ci\b/.test(s.run ?? '')))
        .map(([name]) => `${file}:${name}`),
    );
    expect(found).toEqual(
      expect.arrayContaining(['deploy-environment.yml:deploy', 'deploy.yml:image', 'teardown.yml:teardown']),
    );
  });

  it.each(files)('%s only reads repository contents', (file) => {
    for (const [name, job] of jobsOf(file)) {
      const permissions = job.permissions as Record<string, string>;
      expect(permissions.contents, `${file}:${name}`).toBe('read');
      const writes = Object.entries(permissions)
        .filter(([, level]) => level === 'write')
        .map(([scope]) => scope);
      expect(
        writes.every(
          (scope) =>
            scope === 'id-token' ||
            (['security-events', 'attestations'].includes(scope) &&
              file === 'deploy.yml' &&
              name === 'image'),
        ),
        `${file}:${name} writes ${writes.join(', ')}`,
      ).toBe(true);
    }
  });

  it.each(files)('%s checks out without persisting credentials', (file) => {
    const checkouts = stepsOf(file).filter(([, s]) => s.uses?.startsWith('actions/checkout@'));
    for (const [name, step] of checkouts) {
      expect(step.with?.['persist-credentials'], `${file}:${name}`).toBe(false);
    }
  });

  it.each(files)('%s keeps GitHub expressions out of run scripts (values go through env:)', (file) => {
    for (const [name, step] of stepsOf(file)) {
      if (step.run !== undefined)
        expect(step.run, `${file}:${name}:${step.name ?? step.run}`).not.toMatch(EXPRESSION);
    }
  });

  it.each(files)('%s limits how long every job may run', (file) => {
    for (const [name, job] of jobsOf(file)) {
      if (job.uses !== undefined) continue; // a called workflow's jobs carry their own timeouts
      expect(job['timeout-minutes'], `${file}:${name}`).toBeGreaterThan(0);
      expect(job['timeout-minutes'], `${file}:${name}`).toBeLessThanOrEqual(60);
    }
  });

  it.each(files)('%s never hands a called workflow all secrets', (file) => {
    for (const [name, job] of jobsOf(file)) expect(job.secrets, `${file}:${name}`).not.toBe('inherit');
  });

  it.each(files)('%s starts with a comment saying what triggers it and what it does', (file) => {
    expect(rawWorkflow(file).split('\n')[0]).toMatch(/^# \w+/);
  });

  it('uses no long-lived AWS keys anywhere', () => {
    for (const file of files) {
      expect(rawWorkflow(file)).not.toMatch(/aws-access-key-id|secrets\.AWS_(ACCESS|SECRET)/i);
    }
  });
});
