/**
 * deploy-request: the first step of deploy.yml's image job. Decides which commit the run
 * deploys and refuses what must never deploy: a run on any branch but main, and a `sha`
 * input that is not a full commit SHA (a short or mistyped SHA would otherwise reach the
 * registry lookup, the checkout and $GITHUB_OUTPUT as typed).
 *
 * Inputs: ref (GITHUB_REF), commit (GITHUB_SHA), requested_sha (workflow_dispatch input
 *         `sha`; empty = this commit).
 * Outputs: sha (the commit whose image is deployed), redeploy ('true' when an earlier commit
 *          was asked for).
 */
import * as core from '@actions/core';
import { requireDeployBranch } from '../lib/branch.js';
import { StepError } from '../lib/errors.js';
import { optionalInput, requiredInput, runStep } from '../lib/inputs.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

export interface DeployRequest {
  readonly sha: string;
  readonly redeploy: boolean;
}

export function resolveDeployRequest(input: {
  readonly ref: string;
  readonly commit: string;
  readonly requestedSha?: string | undefined;
}): DeployRequest {
  requireDeployBranch(input.ref, 'A deploy');
  if (!FULL_SHA.test(input.commit)) {
    throw new StepError('INVALID_INPUT', `GITHUB_SHA '${input.commit}' is not a full commit SHA.`);
  }
  const requested = input.requestedSha?.trim() ?? '';
  if (requested === '') return { sha: input.commit, redeploy: false };
  if (!FULL_SHA.test(requested)) {
    throw new StepError(
      'INVALID_INPUT',
      `Input 'sha' must be the full 40-character commit SHA in lowercase hex, as \`git rev-parse HEAD\` prints it (got '${requested}'); images are tagged with the full SHA.`,
    );
  }
  return { sha: requested, redeploy: requested !== input.commit };
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const request = resolveDeployRequest({
      ref: requiredInput('ref'),
      commit: requiredInput('commit'),
      requestedSha: optionalInput('requested_sha'),
    });
    core.setOutput('sha', request.sha);
    core.setOutput('redeploy', String(request.redeploy));
    core.info(request.redeploy ? `Redeploying the image of ${request.sha}.` : `Deploying ${request.sha}.`);
  });
}
