/**
 * How the commit a deploy brings relates to the commit an environment runs, decided by git
 * on the deploy job's checkout (which must hold the whole history: fetch-depth 0), and
 * whether the deploy may go ahead. Concurrency groups serialize the deploys of an environment
 * but do not order them, so a slow run of an older commit could otherwise land after a newer one.
 */
import { spawnSync } from 'node:child_process';
import { StepError } from '../lib/errors.js';

export const FULL_SHA = /^[0-9a-f]{40}$/;

export interface GitRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `git <args>` in the repository and returns its exit status and output. */
export type Git = (args: readonly string[]) => GitRun;

export function spawnGit(cwd: string): Git {
  return (args) => {
    const result = spawnSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    });
    if (result.error) {
      throw new StepError('GIT_FAILED', `Cannot run git: ${result.error.message}`, { cause: result.error });
    }
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  };
}

/**
 * - `none`: the environment records no commit (first deploy, or deployed before the tag existed);
 * - `same`: it runs this very commit (a re-run);
 * - `newer`: this commit descends from the deployed one (the normal forward deploy);
 * - `older`: this commit is an ancestor of the deployed one;
 * - `diverged`: neither descends from the other (history was rewritten);
 * - `unknown`: the deployed commit is not in this repository's history, or the tag is not a SHA.
 */
export const RELATIONS = ['none', 'same', 'newer', 'older', 'diverged', 'unknown'] as const;
export type Relation = (typeof RELATIONS)[number];

function commitExists(git: Git, sha: string): boolean {
  return git(['cat-file', '-e', `${sha}^{commit}`]).status === 0;
}

/** Whether `ancestor` is an ancestor of (or equal to) `descendant`. */
function isAncestor(git: Git, ancestor: string, descendant: string): boolean {
  const result = git(['merge-base', '--is-ancestor', ancestor, descendant]);
  if (result.status === 0) return true;
  if (result.status === 1) return false;
  throw new StepError(
    'GIT_FAILED',
    `git merge-base --is-ancestor ${ancestor} ${descendant} failed (exit ${result.status ?? 'signal'}): ${result.stderr.trim()}`,
  );
}

/** How `candidate` (the commit to deploy) relates to `deployed` (the commit running now). */
export function relationToDeployed(git: Git, candidate: string, deployed: string | undefined): Relation {
  if (!FULL_SHA.test(candidate)) {
    throw new StepError('INVALID_INPUT', `The commit to deploy '${candidate}' is not a full commit SHA.`);
  }
  if (deployed === undefined) return 'none';
  if (!FULL_SHA.test(deployed)) return 'unknown';
  if (candidate === deployed) return 'same';
  const shallow = git(['rev-parse', '--is-shallow-repository']);
  if (shallow.status !== 0) {
    throw new StepError('GIT_FAILED', `Not a git checkout: ${shallow.stderr.trim()}`);
  }
  if (shallow.stdout.trim() !== 'false') {
    throw new StepError(
      'SHALLOW_CHECKOUT',
      'The checkout is shallow, so git cannot tell which commit is older. Check out with fetch-depth: 0 (actions/checkout) before this step.',
    );
  }
  if (!commitExists(git, candidate)) {
    throw new StepError('GIT_FAILED', `The checkout does not contain the commit to deploy, ${candidate}.`);
  }
  if (!commitExists(git, deployed)) return 'unknown';
  if (isAncestor(git, deployed, candidate)) return 'newer';
  if (isAncestor(git, candidate, deployed)) return 'older';
  return 'diverged';
}

export interface OrderDecision {
  readonly relation: Relation;
  /** What the job summary and log say about the decision. */
  readonly message: string;
  /** True when the deploy goes ahead only because `rollback` was asked for. */
  readonly overridden: boolean;
}

/** Allows the deploy or throws OLDER_THAN_DEPLOYED / NOT_DESCENDED_FROM_DEPLOYED. */
export function decideOrder(input: {
  readonly environment: string;
  readonly candidate: string;
  readonly deployed: string | undefined;
  readonly relation: Relation;
  readonly rollback: boolean;
}): OrderDecision {
  const { environment, candidate, deployed, relation, rollback } = input;
  const running = `${environment} runs ${deployed ?? 'no recorded commit'}`;
  switch (relation) {
    case 'none':
      return {
        relation,
        overridden: false,
        message: `${environment} records no deployed commit (first deploy, or deployed before the commit tag existed); deploying ${candidate}.`,
      };
    case 'same':
      return { relation, overridden: false, message: `${running} already; deploying it again.` };
    case 'newer':
      return {
        relation,
        overridden: false,
        message: `${candidate} descends from the deployed ${deployed}; deploying.`,
      };
    case 'older':
      if (rollback) {
        return {
          relation,
          overridden: true,
          message: `Rolling ${environment} back from ${deployed} to its ancestor ${candidate}, as asked (rollback: true).`,
        };
      }
      throw new StepError(
        'OLDER_THAN_DEPLOYED',
        `${running}, which is newer than ${candidate} (${candidate} is its ancestor): a later run already deployed it, so this run stops instead of replacing it with older code. Nothing was changed. To roll back on purpose, run the deploy workflow from main with sha=${candidate} and rollback: true.`,
      );
    case 'diverged':
    case 'unknown': {
      const why =
        relation === 'diverged'
          ? `neither ${candidate} nor the deployed ${deployed} descends from the other (was main rewritten?)`
          : `the deployed commit '${deployed}' is not in this repository's history`;
      if (rollback) {
        return {
          relation,
          overridden: true,
          message: `Deploying ${candidate} to ${environment} although ${why}, as asked (rollback: true).`,
        };
      }
      throw new StepError(
        'NOT_DESCENDED_FROM_DEPLOYED',
        `Cannot tell whether ${candidate} is newer than what ${environment} runs: ${why}. Nothing was changed. To deploy it anyway, run the deploy workflow from main with sha=${candidate} and rollback: true.`,
      );
    }
  }
}
