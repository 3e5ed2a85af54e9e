import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decideOrder, relationToDeployed, spawnGit } from '../../../scripts/steps/deploy-order/order.js';
import { deployedCommit, type LambdaSend, run } from '../../../scripts/steps/deploy-order/run.js';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

/**
 * A real repository: main = first -> second -> third, and a side branch from first whose
 * commit is on no path to main's head (as after a rewrite of main).
 */
interface Repo {
  readonly dir: string;
  readonly first: string;
  readonly second: string;
  readonly third: string;
  readonly side: string;
}

const root = mkdtempSync(join(tmpdir(), 'deploy-order-'));

function git(dir: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } },
  ).trim();
}

function commit(dir: string, file: string, content: string): string {
  writeFileSync(join(dir, file), content);
  git(dir, 'add', file);
  git(dir, 'commit', '--quiet', '-m', `change ${file}`);
  return git(dir, 'rev-parse', 'HEAD');
}

function makeRepo(): Repo {
  const dir = join(root, 'origin');
  execFileSync('git', ['init', '--quiet', '--initial-branch=main', dir]);
  const first = commit(dir, 'a.txt', '1');
  const second = commit(dir, 'a.txt', '2');
  const third = commit(dir, 'a.txt', '3');
  git(dir, 'checkout', '--quiet', '-b', 'side', first);
  const side = commit(dir, 'b.txt', 'side');
  git(dir, 'checkout', '--quiet', 'main');
  return { dir, first, second, third, side };
}

let repo: Repo;
beforeAll(() => {
  repo = makeRepo();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A Lambda client stand-in: the function's tags, or no function at all. */
function fakeLambda(tags: Record<string, string> | 'no function'): LambdaSend & { names: string[] } {
  const names: string[] = [];
  return {
    names,
    async send(command: GetFunctionCommand) {
      names.push(String(command.input.FunctionName));
      if (tags === 'no function') {
        throw Object.assign(new Error('Function not found'), { name: 'ResourceNotFoundException' });
      }
      return { Tags: tags };
    },
  };
}

describe('deploy order: how the commit to deploy relates to the deployed one (real git)', () => {
  it('sees a descendant of the deployed commit as newer', () => {
    expect(relationToDeployed(spawnGit(repo.dir), repo.third, repo.first)).toBe('newer');
  });

  it('sees an ancestor of the deployed commit as older', () => {
    expect(relationToDeployed(spawnGit(repo.dir), repo.second, repo.third)).toBe('older');
  });

  it('sees the deployed commit itself as the same', () => {
    expect(relationToDeployed(spawnGit(repo.dir), repo.second, repo.second)).toBe('same');
  });

  it('sees commits on separate lines of history as diverged', () => {
    expect(relationToDeployed(spawnGit(repo.dir), repo.third, repo.side)).toBe('diverged');
  });

  it('reports a deployed commit the repository does not hold, or a tag that is no SHA, as unknown', () => {
    expect(relationToDeployed(spawnGit(repo.dir), repo.third, 'f'.repeat(40))).toBe('unknown');
    expect(relationToDeployed(spawnGit(repo.dir), repo.third, 'v1.2.3')).toBe('unknown');
  });

  it('has nothing to compare when no commit is recorded', () => {
    expect(relationToDeployed(spawnGit(repo.dir), repo.third, undefined)).toBe('none');
  });

  it('refuses to guess on a shallow checkout, which holds too little history to tell', () => {
    // Prepare: what actions/checkout gives with its default fetch-depth of 1
    const shallow = join(root, 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo.dir}`, shallow]);

    // Act / Assess
    expect(() => relationToDeployed(spawnGit(shallow), repo.third, repo.first)).toThrow(
      expect.objectContaining({ code: 'SHALLOW_CHECKOUT' }) as StepError,
    );
  });

  it('finds the deployed commit in a full clone of the repository', () => {
    const full = join(root, 'full');
    execFileSync('git', ['clone', '--quiet', `file://${repo.dir}`, full]);
    expect(relationToDeployed(spawnGit(full), repo.second, repo.third)).toBe('older');
  });

  it('fails when the checkout does not contain the commit to deploy', () => {
    expect(() => relationToDeployed(spawnGit(repo.dir), 'e'.repeat(40), repo.first)).toThrow(
      expect.objectContaining({ code: 'GIT_FAILED' }) as StepError,
    );
  });
});

describe('deploy order: the decision', () => {
  const base = { environment: 'prod', candidate: 'a'.repeat(40), deployed: 'b'.repeat(40) };

  it.each(['none', 'same', 'newer'] as const)('deploys when the relation is %s', (relation) => {
    expect(decideOrder({ ...base, relation, rollback: false })).toMatchObject({
      relation,
      overridden: false,
    });
  });

  it('refuses an older commit and says how to roll back on purpose', () => {
    try {
      decideOrder({ ...base, relation: 'older', rollback: false });
      expect.unreachable();
    } catch (error) {
      expect((error as StepError).code).toBe('OLDER_THAN_DEPLOYED');
      expect((error as Error).message).toContain(`sha=${base.candidate} and rollback: true`);
    }
  });

  it.each(['diverged', 'unknown'] as const)('refuses a commit it cannot order (%s)', (relation) => {
    expect(() => decideOrder({ ...base, relation, rollback: false })).toThrow(
      expect.objectContaining({ code: 'NOT_DESCENDED_FROM_DEPLOYED' }) as StepError,
    );
  });

  it.each(['older', 'diverged', 'unknown'] as const)('deploys %s when rollback is asked for', (relation) => {
    expect(decideOrder({ ...base, relation, rollback: true })).toMatchObject({ relation, overridden: true });
  });
});

describe('deploy order: the step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('reads the commit from the tag of the environment’s function', async () => {
    const lambda = fakeLambda({ commit: repo.second, project: 'workout-pipeline' });
    expect(await deployedCommit(lambda, 'workout-pipeline-prod-processor')).toBe(repo.second);
    expect(lambda.names).toEqual(['workout-pipeline-prod-processor']);
  });

  it('lets a newer commit deploy and records what ran before', async () => {
    // Prepare
    const lambda = fakeLambda({ commit: repo.first });

    // Act
    const result = await env.run(() => run(() => lambda), {
      environment: 'staging',
      sha: repo.third,
      rollback: 'false',
      repository_path: repo.dir,
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ deployed_commit: repo.first, relation: 'newer' });
    expect(lambda.names).toEqual(['workout-pipeline-staging-processor']);
    expect(result.summary).toContain('Deploy order (staging)');
  });

  it('stops a slow run of an older commit from replacing a newer deploy', async () => {
    // Prepare: a later run already deployed the third commit
    const lambda = fakeLambda({ commit: repo.third });

    // Act
    const result = await env.run(() => run(() => lambda), {
      environment: 'prod',
      sha: repo.second,
      rollback: 'false',
      repository_path: repo.dir,
    });

    // Assess
    expect(result.failed).toBe(true);
    expect(result.log).toContain('OLDER_THAN_DEPLOYED');
    expect(result.outputs.relation).toBe('older');
    expect(result.summary).toContain('refused');
  });

  it('rolls back when asked, with a warning in the log', async () => {
    const result = await env.run(() => run(() => fakeLambda({ commit: repo.third })), {
      environment: 'prod',
      sha: repo.first,
      rollback: 'true',
      repository_path: repo.dir,
    });

    expect(result.failed).toBe(false);
    expect(result.log).toContain('::warning::Rolling prod back');
    expect(result.summary).toContain('rollback (override)');
  });

  it('deploys the first time, when the function does not exist yet', async () => {
    const result = await env.run(() => run(() => fakeLambda('no function')), {
      environment: 'dev',
      sha: repo.first,
      repository_path: repo.dir,
    });

    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ deployed_commit: '', relation: 'none' });
  });

  it.each([
    ['a short sha', { sha: 'abc1234' }],
    ['an unknown environment', { environment: 'emulator' }],
    ['a rollback that is not true or false', { rollback: 'yes' }],
  ])('refuses %s before asking AWS', async (_label, override) => {
    const lambda = fakeLambda({ commit: repo.first });
    const result = await env.run(() => run(() => lambda), {
      environment: 'dev',
      sha: repo.third,
      rollback: 'false',
      repository_path: repo.dir,
      ...override,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
    expect(lambda.names).toEqual([]);
  });
});
