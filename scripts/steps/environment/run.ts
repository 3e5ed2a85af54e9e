/**
 * Environment names: what a deploy or emulator job needs to know about one target, taken
 * from the same naming functions the stacks use (stacks/config), so no workflow repeats a
 * resource name. Optionally checks the deploy role variable before any AWS call, so a
 * missing or mistyped GitHub variable fails with a sentence instead of an STS error.
 *
 * Inputs: environment (dev|staging|prod|emulator), account_id (optional, 12 digits),
 *         deploy_role_arn (optional; required when require_role is true), require_role,
 *         plan_role_arn_dev|_staging|_prod (optional: the repository variables
 *         AWS_PLAN_ROLE_ARN_<ENV>; the one of `environment` is checked and output, and is
 *         required when require_plan_role is true), require_plan_role.
 * Outputs: stack, region, ingest_bucket, processed_bucket, state_key (deploy environments),
 *          ecr_repository, ecr_region, function_name, console_url (the function's page in
 *          the Lambda console, for a deploy job's environment URL), deploy_role_arn and
 *          plan_role_arn (when given).
 */
import * as core from '@actions/core';
import {
  bootstrapNames,
  isDeployEnvironment,
  resourceNames,
  TARGETS,
  type Target,
} from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, optionalInput, runStep } from '../lib/inputs.js';

export interface EnvironmentFacts {
  readonly stack: string;
  readonly region: string;
  readonly ingestBucket: string;
  readonly processedBucket: string;
  readonly stateKey: string | undefined;
  readonly ecrRepository: string;
  readonly ecrRegion: string;
  readonly functionName: string;
  readonly consoleUrl: string;
}

/** The function's page in the Lambda console of its region. */
export function functionConsoleUrl(region: string, functionName: string): string {
  return `https://${region}.console.aws.amazon.com/lambda/home?region=${region}#/functions/${encodeURIComponent(functionName)}`;
}

/** The repository variable holding an environment's read-only plan role ARN. */
export function planRoleVariable(environment: string): string {
  return `AWS_PLAN_ROLE_ARN_${environment.toUpperCase()}`;
}

export function environmentFacts(target: Target): EnvironmentFacts {
  const names = resourceNames(target);
  const bootstrap = bootstrapNames();
  return {
    stack: names.stack,
    region: names.region,
    ingestBucket: names.buckets.ingest,
    processedBucket: names.buckets.processed,
    stateKey: isDeployEnvironment(target) ? bootstrap.stateKeys[target] : undefined,
    ecrRepository: bootstrap.ecrRepository,
    ecrRegion: bootstrap.region,
    functionName: names.function,
    consoleUrl: functionConsoleUrl(names.region, names.function),
  };
}

const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;

/** Throws INVALID_INPUT unless `arn` is an IAM role ARN (in `accountId`, when given). */
export function checkRoleArn(arn: string, accountId: string | undefined, variable: string): void {
  const match = ROLE_ARN.exec(arn);
  if (!match) {
    throw new StepError(
      'INVALID_INPUT',
      `${variable} '${arn}' is not an IAM role ARN (arn:aws:iam::<account id>:role/<name>). Copy it from the bootstrap stack's outputs.`,
    );
  }
  if (accountId !== undefined && match[1] !== accountId) {
    throw new StepError(
      'INVALID_INPUT',
      `${variable} is in account ${match[1]} but AWS_ACCOUNT_ID is ${accountId}; one of the two GitHub variables is wrong.`,
    );
  }
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const target = choiceInput('environment', TARGETS);
    const accountId = optionalInput('account_id');
    if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
      throw new StepError(
        'INVALID_INPUT',
        `Input 'account_id' (AWS_ACCOUNT_ID) must be 12 digits (got '${accountId}').`,
      );
    }
    const roleArn = optionalInput('deploy_role_arn');
    if (roleArn === undefined && core.getInput('require_role') === 'true') {
      throw new StepError(
        'INVALID_INPUT',
        `No deploy role: set the variable AWS_DEPLOY_ROLE_ARN in the GitHub Environment of ${target} (Settings > Environments). See docs/deploying.md.`,
      );
    }
    if (roleArn !== undefined) {
      checkRoleArn(roleArn, accountId, 'AWS_DEPLOY_ROLE_ARN');
      core.setOutput('deploy_role_arn', roleArn);
    }
    const planRoleArn = isDeployEnvironment(target) ? optionalInput(`plan_role_arn_${target}`) : undefined;
    if (planRoleArn === undefined && core.getInput('require_plan_role') === 'true') {
      throw new StepError(
        'INVALID_INPUT',
        `No plan role for ${target}: set the repository variable ${planRoleVariable(target)} (Settings > Secrets and variables > Actions > Variables) to the bootstrap stack's output plan_role_arn_${target}. See docs/deploying.md.`,
      );
    }
    if (planRoleArn !== undefined) {
      checkRoleArn(planRoleArn, accountId, planRoleVariable(target));
      core.setOutput('plan_role_arn', planRoleArn);
    }
    const facts = environmentFacts(target);
    core.setOutput('stack', facts.stack);
    core.setOutput('region', facts.region);
    core.setOutput('ingest_bucket', facts.ingestBucket);
    core.setOutput('processed_bucket', facts.processedBucket);
    if (facts.stateKey !== undefined) core.setOutput('state_key', facts.stateKey);
    core.setOutput('ecr_repository', facts.ecrRepository);
    core.setOutput('ecr_region', facts.ecrRegion);
    core.setOutput('function_name', facts.functionName);
    core.setOutput('console_url', facts.consoleUrl);
    core.info(`${target}: stack ${facts.stack} in ${facts.region}`);
  });
}
