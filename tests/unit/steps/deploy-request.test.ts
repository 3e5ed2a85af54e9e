import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDeployRequest, run } from '../../../scripts/steps/deploy-request/run.js';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const MAIN = 'refs/heads/main';
const HEAD = 'a'.repeat(40);
const OLDER = '0123456789abcdef0123456789abcdef01234567';

describe('deploy request', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('deploys the pushed commit when no sha is given', async () => {
    // Act
    const result = await env.run(run, { ref: MAIN, commit: HEAD, requested_sha: '' });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ sha: HEAD, redeploy: 'false', rollback: 'false' });
  });

  it('redeploys the image of an earlier commit named by its full SHA', async () => {
    const result = await env.run(run, { ref: MAIN, commit: HEAD, requested_sha: ` ${OLDER}\n` });

    expect(result.outputs).toEqual({ sha: OLDER, redeploy: 'true', rollback: 'false' });
  });

  it('passes an explicit rollback on with the full SHA it names', async () => {
    // Act
    const result = await env.run(run, { ref: MAIN, commit: HEAD, requested_sha: OLDER, rollback: 'true' });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ sha: OLDER, redeploy: 'true', rollback: 'true' });
  });

  it('refuses a rollback that names no commit', async () => {
    const result = await env.run(run, { ref: MAIN, commit: HEAD, requested_sha: '', rollback: 'true' });

    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
    expect(result.log).toContain('INVALID_INPUT');
  });

  it('refuses a rollback from any branch but main, or with a short SHA', () => {
    expect(() =>
      resolveDeployRequest({ ref: 'refs/heads/x', commit: HEAD, requestedSha: OLDER, rollback: 'true' }),
    ).toThrow(expect.objectContaining({ code: 'WRONG_BRANCH' }) as StepError);
    expect(() =>
      resolveDeployRequest({ ref: MAIN, commit: HEAD, requestedSha: OLDER.slice(0, 12), rollback: 'true' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }) as StepError);
    expect(() => resolveDeployRequest({ ref: MAIN, commit: HEAD, rollback: 'yes' })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }) as StepError,
    );
  });

  it('refuses to deploy from any branch but main', async () => {
    // Act
    const result = await env.run(run, { ref: 'refs/heads/feature/x', commit: HEAD, requested_sha: '' });

    // Assess
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
    expect(result.log).toContain('WRONG_BRANCH');
  });

  it('refuses a tag or pull request ref as well', () => {
    for (const ref of ['refs/tags/v1.0.0', 'refs/pull/7/merge', 'main', '']) {
      expect(() => resolveDeployRequest({ ref, commit: HEAD })).toThrow(
        expect.objectContaining({ code: 'WRONG_BRANCH' }) as StepError,
      );
    }
  });

  it.each([
    ['a short SHA', OLDER.slice(0, 7)],
    ['an upper-case SHA', OLDER.toUpperCase()],
    ['a branch name', 'main'],
    ['a value that would add a step output', `${OLDER}\nfound=true`],
  ])('refuses %s as the sha to redeploy', async (_label, requested) => {
    // Act
    const result = await env.run(run, { ref: MAIN, commit: HEAD, requested_sha: requested });

    // Assess
    expect(result.failed).toBe(true);
    expect(result.outputs).toEqual({});
    expect(result.log).toContain('INVALID_INPUT');
  });

  it('treats the pushed commit given as sha as a plain deploy', () => {
    expect(resolveDeployRequest({ ref: MAIN, commit: HEAD, requestedSha: HEAD })).toEqual({
      sha: HEAD,
      redeploy: false,
      rollback: false,
    });
  });
});
