/**
 * deploy-order: the deploy job's check, after the environment's credentials and before the
 * synth, plan and apply, that this run never replaces a newer deploy with older code. It reads
 * the commit the environment runs (the function's `commit` tag, which the stack sets from
 * DEPLOY_COMMIT) and compares it with the commit to deploy using git on the job's checkout
 * (fetch-depth: 0). An older commit, or one that does not descend from the deployed one, fails
 * the step unless `rollback` is true (workflow_dispatch with `rollback`, from main, full SHA).
 * The deploy job holds the environment's concurrency group, so no other deploy of it can land
 * between this check and the apply.
 *
 * Inputs: environment (dev|staging|prod), sha (the commit to deploy), rollback (true|false,
 *         default false), repository_path (default: the working directory).
 * Outputs: deployed_commit (empty when none is recorded), relation (none|same|newer|older|
 *          diverged|unknown). Writes a summary table.
 */
import * as core from '@actions/core';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { COMMIT_TAG, DEPLOY_ENVIRONMENTS, resourceNames } from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { decideOrder, FULL_SHA, relationToDeployed, spawnGit } from './order.js';

export interface LambdaSend {
  send(command: GetFunctionCommand): Promise<{ Tags?: Record<string, string> | undefined }>;
}

/** The commit the function records, or undefined when the function or its tag does not exist. */
export async function deployedCommit(lambda: LambdaSend, functionName: string): Promise<string | undefined> {
  try {
    const result = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
    return result.Tags?.[COMMIT_TAG];
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

export async function run(
  client: (region: string) => LambdaSend = (region) => new LambdaClient({ region }),
): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const candidate = requiredInput('sha').trim();
    if (!FULL_SHA.test(candidate)) {
      throw new StepError(
        'INVALID_INPUT',
        `Input 'sha' must be a full lowercase commit SHA (got '${candidate}').`,
      );
    }
    const rollback = choiceInput('rollback', ['true', 'false'], 'false') === 'true';
    const names = resourceNames(environment);
    const deployed = await deployedCommit(client(names.region), names.function);
    const relation = relationToDeployed(
      spawnGit(optionalInput('repository_path') ?? process.cwd()),
      candidate,
      deployed,
    );
    core.setOutput('deployed_commit', deployed ?? '');
    core.setOutput('relation', relation);
    let decision: ReturnType<typeof decideOrder> | undefined;
    try {
      decision = decideOrder({ environment, candidate, deployed, relation, rollback });
    } finally {
      await core.summary
        .addHeading(`Deploy order (${environment})`, 3)
        .addTable([
          [
            { data: 'Deploying', header: true },
            { data: `Running in ${environment}`, header: true },
            { data: 'Relation', header: true },
            { data: 'Decision', header: true },
          ],
          [
            candidate,
            deployed ?? 'none recorded',
            relation,
            decision === undefined ? 'refused' : decision.overridden ? 'rollback (override)' : 'deploy',
          ],
        ])
        .write();
    }
    if (decision.overridden) core.warning(decision.message);
    else core.info(decision.message);
  });
}
