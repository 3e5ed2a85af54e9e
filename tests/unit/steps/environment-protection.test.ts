import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  apiFailure,
  environmentUrl,
  requiredReviewers,
} from '../../../scripts/steps/environment-protection/protection.js';
import { type Fetch, run } from '../../../scripts/steps/environment-protection/run.js';
import { ENVIRONMENTS } from '../../../stacks/config/index.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const WHERE = { repository: 'acme/workouts', environment: 'prod', target: 'prod' };

/** GET /repos/{owner}/{repo}/environments/{name} as GitHub answers it, trimmed to what matters. */
const protectedProd = {
  name: 'prod',
  can_admins_bypass: false,
  protection_rules: [
    { id: 1, type: 'branch_policy' },
    {
      id: 2,
      type: 'required_reviewers',
      prevent_self_review: true,
      reviewers: [
        { type: 'User', reviewer: { login: 'octocat', id: 1 } },
        { type: 'Team', reviewer: { slug: 'release-managers', id: 2 } },
      ],
    },
  ],
};
const unprotectedProd = { name: 'prod', can_admins_bypass: true, protection_rules: [] };

/** A fetch that answers once with `status` and `body`, recording what it was asked. */
function fakeFetch(status: number, body: unknown) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const impl: Fetch = async (url, init) => {
    calls.push({ url, headers: init.headers });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { impl, calls };
}

describe('environment protection: which environments must wait for a reviewer', () => {
  it('requires reviewers for prod only, in the committed config', () => {
    expect(
      Object.entries(ENVIRONMENTS)
        .filter(([, config]) => config.requireReviewers)
        .map(([name]) => name),
    ).toEqual(['prod']);
  });
});

describe('environment protection: reading the rules', () => {
  it('lists the users and teams that may approve', () => {
    expect(requiredReviewers(protectedProd, WHERE)).toEqual({
      reviewers: ['octocat', 'team release-managers'],
      warnings: [],
    });
  });

  it.each([
    ['no protection rules at all', { name: 'prod' }],
    ['only other rules (a branch policy, a wait timer)', { protection_rules: [{ type: 'wait_timer' }] }],
    [
      'a reviewers rule with nobody in it',
      { protection_rules: [{ type: 'required_reviewers', reviewers: [] }] },
    ],
  ])('refuses an environment with %s, saying how to fix it', (_, data) => {
    expect(() => requiredReviewers(data, WHERE)).toThrow(
      expect.objectContaining({
        code: 'ENVIRONMENT_UNPROTECTED',
        message: expect.stringMatching(
          /no required reviewers[\s\S]*Settings > Environments > prod > Required reviewers[\s\S]*paid plan[\s\S]*requireReviewers: false/,
        ),
      }),
    );
  });

  it('warns, without refusing, when the deployer may approve alone or admins may bypass', () => {
    const weak = {
      can_admins_bypass: true,
      protection_rules: [
        {
          type: 'required_reviewers',
          prevent_self_review: false,
          reviewers: [{ type: 'User', reviewer: { login: 'a' } }],
        },
      ],
    };
    const { warnings } = requiredReviewers(weak, WHERE);
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/Prevent self-review[\s\S]*bypass/);
  });

  it('builds the API URL from github.api_url, encoding the environment name', () => {
    expect(environmentUrl('https://api.github.com', 'acme/workouts', 'prod')).toBe(
      'https://api.github.com/repos/acme/workouts/environments/prod',
    );
    expect(environmentUrl('https://ghe.example.com/api/v3/', 'acme/workouts', 'prod/eu')).toBe(
      'https://ghe.example.com/api/v3/repos/acme/workouts/environments/prod%2Feu',
    );
    expect(() => environmentUrl('http://api.github.com', 'acme/workouts', 'prod')).toThrow(/https/);
    expect(() => environmentUrl('https://api.github.com', 'acme/workouts/../x', 'prod')).toThrow(
      /OWNER\/REPO/,
    );
  });

  it.each([
    [403, /actions: read/],
    [401, /actions: read/],
    [404, /no environment 'prod'[\s\S]*GitHub Free/],
    [502, /HTTP 502/],
  ])('explains an API answer of %i', (status, message) => {
    expect(apiFailure(status, 'acme/workouts', 'prod')).toMatchObject({ code: 'GITHUB_API_FAILED', message });
  });
});

describe('environment-protection step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  const inputs = { environment: 'prod', repository: 'acme/workouts', token: 'ghs_secret' };

  it('lets a protected prod through, reading its GitHub Environment with the job token', async () => {
    // Prepare
    const api = fakeFetch(200, protectedProd);

    // Act
    const result = await env.run(() => run(api.impl), inputs);

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs.reviewers).toBe('octocat\nteam release-managers');
    expect(api.calls).toEqual([
      {
        url: 'https://api.github.com/repos/acme/workouts/environments/prod',
        headers: expect.objectContaining({
          Authorization: 'Bearer ghs_secret',
          'X-GitHub-Api-Version': '2022-11-28',
        }),
      },
    ]);
  });

  it('fails an unprotected prod before anything is deployed', async () => {
    const api = fakeFetch(200, unprotectedProd);

    const result = await env.run(() => run(api.impl), inputs);

    expect(result.failed).toBe(true);
    expect(result.log).toContain('ENVIRONMENT_UNPROTECTED');
    expect(result.log).toContain('no AWS credential was requested');
    // The token is masked (the runner then hides it everywhere) and printed nowhere else.
    expect(result.log).toContain('::add-mask::ghs_secret');
    expect(result.log.split('\n').filter((line) => line.includes('ghs_secret'))).toHaveLength(1);
  });

  it('fails closed when the rules cannot be read', async () => {
    const result = await env.run(
      () => run(fakeFetch(403, { message: 'Resource not accessible' }).impl),
      inputs,
    );

    expect(result.failed).toBe(true);
    expect(result.log).toContain('GITHUB_API_FAILED');
  });

  it('fails closed when GitHub cannot be reached', async () => {
    const offline: Fetch = async () => {
      throw new TypeError('fetch failed');
    };

    const result = await env.run(() => run(offline), inputs);

    expect(result.failed).toBe(true);
    expect(result.log).toMatch(/GITHUB_API_FAILED: Cannot reach https:\/\/api\.github\.com\/.*fetch failed/);
  });

  it('checks the GitHub Environment the job runs in, when it is named differently', async () => {
    const api = fakeFetch(200, protectedProd);

    const result = await env.run(() => run(api.impl), { ...inputs, github_environment: 'prod-teardown' });

    expect(result.failed).toBe(false);
    expect(api.calls[0]?.url).toMatch(/\/environments\/prod-teardown$/);
  });

  it.each(['dev', 'staging'])(
    'passes %s without asking GitHub (it requires no reviewers)',
    async (environment) => {
      const api = fakeFetch(500, {});

      const result = await env.run(() => run(api.impl), { environment, repository: '', token: '' });

      expect(result.failed).toBe(false);
      expect(api.calls).toEqual([]);
      expect(result.outputs.reviewers).toBe('');
    },
  );

  it('refuses an environment it does not know', async () => {
    const result = await env.run(() => run(fakeFetch(200, protectedProd).impl), {
      ...inputs,
      environment: 'emulator',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
  });
});
