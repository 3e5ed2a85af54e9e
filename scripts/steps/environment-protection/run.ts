/**
 * environment-protection: the first step of a deploy job, before any AWS credential. For an
 * environment whose config says `requireReviewers` (prod), reads the GitHub Environment the
 * job runs in through the REST API with the job's token and fails unless it has required
 * reviewers. Without them GitHub starts the job at once, so a prod environment left
 * unprotected (a private repository without the paid plan has no reviewers) would deploy
 * unreviewed without anyone noticing; this makes that a failed run that says how to fix it.
 * Environments that do not require reviewers pass without an API call.
 *
 * Inputs: environment (dev|staging|prod), github_environment (default: environment),
 *         repository (OWNER/REPO), token (github.token; the job needs `actions: read`),
 *         api_url (default https://api.github.com).
 * Outputs: reviewers (one per line; empty when not required).
 */
import * as core from '@actions/core';
import { DEPLOY_ENVIRONMENTS, getEnvironment } from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { apiFailure, environmentUrl, type GithubEnvironment, requiredReviewers } from './protection.js';

export type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

export async function run(fetchImpl: Fetch = fetch): Promise<void> {
  await runStep(async () => {
    const target = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const environment = optionalInput('github_environment') ?? target;
    if (!getEnvironment(target).requireReviewers) {
      core.info(`${target} does not require reviewers (requireReviewers: false); nothing to check.`);
      core.setOutput('reviewers', '');
      return;
    }
    const repository = requiredInput('repository');
    const token = requiredInput('token');
    core.setSecret(token);
    const url = environmentUrl(optionalInput('api_url') ?? 'https://api.github.com', repository, environment);
    let response: Response;
    try {
      response = await fetchImpl(url, {
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${token}`,
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'workout-pipeline-deploy',
        },
      });
    } catch (cause) {
      throw new StepError(
        'GITHUB_API_FAILED',
        `Cannot reach ${url}: ${(cause as Error).message}. Nothing was deployed.`,
        {
          cause,
        },
      );
    }
    if (!response.ok) throw apiFailure(response.status, repository, environment);
    const protection = requiredReviewers((await response.json()) as GithubEnvironment, {
      repository,
      environment,
      target,
    });
    for (const warning of protection.warnings) core.warning(warning);
    core.setOutput('reviewers', protection.reviewers.join('\n'));
    core.info(
      `GitHub Environment '${environment}' requires a review by: ${protection.reviewers.join(', ')}.`,
    );
  });
}
