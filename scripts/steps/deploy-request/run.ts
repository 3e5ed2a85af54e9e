/**
 * deploy-request: the first step of deploy.yml's image job. Decides which commit the run
 * deploys and refuses what must never deploy: a run on any branch but main, and a `sha`
 * input that is not a full commit SHA (a short or mistyped SHA would otherwise reach the
 * registry lookup, the checkout and $GITHUB_OUTPUT as typed).
 *
 * Inputs: ref (GITHUB_REF), commit (GITHUB_SHA), requested_sha (workflow_dispatch input
 *         `sha`; empty = this commit), rollback (workflow_dispatch input `rollback`: true lets
 *         the deploy replace a newer commit, see scripts/steps/deploy-order; it needs `sha`).
 * Outputs: sha (the commit whose image is deployed), redeploy ('true' when an earlier commit
 *          was asked for), rollback ('true' | 'false').
 */
import * as core from '@actions/core';
import { requireDeployBranch } from '../lib/branch.js';
import { StepError } from '../lib/errors.js';
import { optionalInput, requiredInput, runStep } from '../lib/inputs.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

export interface DeployRequest {
  readonly sha: string;
  readonly redeploy: boolean;
  readonly rollback: boolean;
}

export function resolveDeployRequest(input: {
  readonly ref: string;
  readonly commit: string;
  readonly requestedSha?: string | undefined;
  /** The dispatch input as the runner renders it: 'true', 'false', or '' on a push. */
  readonly rollback?: string | undefined;
}): DeployRequest {
  requireDeployBranch(input.ref, 'A deploy');
  if (!FULL_SHA.test(input.commit)) {
    throw new StepError('INVALID_INPUT', `GITHUB_SHA '${input.commit}' is not a full commit SHA.`);
  }
  const rollbackInput = input.rollback?.trim() ?? '';
  if (!['', 'true', 'false'].includes(rollbackInput)) {
    throw new StepError('INVALID_INPUT', `Input 'rollback' must be true or false (got '${rollbackInput}').`);
  }
  const rollback = rollbackInput === 'true';
  const requested = input.requestedSha?.trim() ?? '';
  if (requested === '') {
    if (rollback) {
      throw new StepError(
        'INVALID_INPUT',
        "A rollback names the commit to go back to: set 'sha' to its full 40-character SHA as well as rollback: true.",
      );
    }
    return { sha: input.commit, redeploy: false, rollback };
  }
  if (!FULL_SHA.test(requested)) {
    throw new StepError(
      'INVALID_INPUT',
      `Input 'sha' must be the full 40-character commit SHA in lowercase hex, as \`git rev-parse HEAD\` prints it (got '${requested}'); images are tagged with the full SHA.`,
    );
  }
  return { sha: requested, redeploy: requested !== input.commit, rollback };
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const request = resolveDeployRequest({
      ref: requiredInput('ref'),
      commit: requiredInput('commit'),
      requestedSha: optionalInput('requested_sha'),
      rollback: optionalInput('rollback'),
    });
    core.setOutput('sha', request.sha);
    core.setOutput('redeploy', String(request.redeploy));
    core.setOutput('rollback', String(request.rollback));
    core.info(
      request.rollback
        ? `Rolling back to the image of ${request.sha}: it may replace a newer deployed commit.`
        : request.redeploy
          ? `Redeploying the image of ${request.sha}.`
          : `Deploying ${request.sha}.`,
    );
  });
}
