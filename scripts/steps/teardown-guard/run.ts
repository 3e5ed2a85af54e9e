/**
 * Teardown guard: the first job of teardown.yml. Checks that the person typed the
 * environment's name as confirmation and tells the teardown job which GitHub Environment
 * to run in: prod is torn down only inside the separately protected `prod-teardown`
 * environment, so a prod deploy approval can never destroy prod.
 *
 * Inputs: environment (dev|staging|prod), confirmation, ref (GITHUB_REF: main only).
 * Outputs: environment, github_environment, stack, region, ingest_bucket, processed_bucket,
 *          sessions_table, idempotency_table.
 */
import * as core from '@actions/core';
import {
  DEPLOY_ENVIRONMENTS,
  type DeployEnvironment,
  PROD_TEARDOWN_GITHUB_ENVIRONMENT,
  resourceNames,
} from '../../../stacks/config/index.js';
import { requireDeployBranch } from '../lib/branch.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, requiredInput, runStep } from '../lib/inputs.js';

/**
 * The GitHub Environment that gates prod teardown (its own required reviewers). Defined next
 * to the deploy roles' trusted environments, so the prod role trusts exactly this name.
 */
export const PROD_TEARDOWN_ENVIRONMENT = PROD_TEARDOWN_GITHUB_ENVIRONMENT;

export interface TeardownPlan {
  readonly environment: DeployEnvironment;
  /** GitHub Environment the destroying job runs in. */
  readonly githubEnvironment: string;
  readonly stack: string;
  readonly region: string;
  readonly buckets: readonly string[];
  readonly tables: readonly string[];
}

export function githubEnvironmentForTeardown(environment: DeployEnvironment): string {
  return environment === 'prod' ? PROD_TEARDOWN_ENVIRONMENT : environment;
}

/** Throws CONFIRMATION_MISMATCH unless `confirmation` is exactly the environment's name. */
export function planTeardown(environment: DeployEnvironment, confirmation: string): TeardownPlan {
  if (confirmation.trim() !== environment) {
    throw new StepError(
      'CONFIRMATION_MISMATCH',
      `To tear down '${environment}', type its name '${environment}' as the confirmation (got '${confirmation}'). Nothing was changed.`,
    );
  }
  const names = resourceNames(environment);
  return {
    environment,
    githubEnvironment: githubEnvironmentForTeardown(environment),
    stack: names.stack,
    region: names.region,
    buckets: [names.buckets.ingest, names.buckets.processed],
    tables: [names.tables.sessions, names.tables.idempotency, names.tables.goldMarks],
  };
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    // The destroy synthesizes the stacks from the checked-out code: only main's code decides
    // what a teardown removes.
    requireDeployBranch(requiredInput('ref'), 'A teardown');
    const plan = planTeardown(environment, core.getInput('confirmation'));
    core.setOutput('environment', plan.environment);
    core.setOutput('github_environment', plan.githubEnvironment);
    core.setOutput('stack', plan.stack);
    core.setOutput('region', plan.region);
    core.setOutput('ingest_bucket', plan.buckets[0]);
    core.setOutput('processed_bucket', plan.buckets[1]);
    core.setOutput('sessions_table', plan.tables[0]);
    core.setOutput('idempotency_table', plan.tables[1]);
    core.setOutput('gold_marks_table', plan.tables[2]);
    core.notice(
      `Teardown of ${plan.environment} confirmed; it runs in GitHub Environment '${plan.githubEnvironment}'.`,
    );
    await core.summary
      .addHeading(`Teardown of ${plan.environment} confirmed`, 2)
      .addTable([
        [
          { data: 'Stack', header: true },
          { data: 'Region', header: true },
          { data: 'GitHub Environment', header: true },
          { data: 'Buckets to empty', header: true },
        ],
        [plan.stack, plan.region, plan.githubEnvironment, plan.buckets.join(', ')],
      ])
      .write();
  });
}
