/**
 * deployed-image: what an environment's function was last applied with, so a drift check can
 * synthesize the stack as it is deployed (the same image and commit tag) and any difference
 * its plan shows is drift, not a new release. One GetFunction (the plan role may read it):
 * the image the function's configuration names (by digest, as every deploy sets it) and its
 * `commit` tag (DEPLOY_COMMIT of that deploy).
 *
 * Inputs: environment (dev|staging|prod).
 * Outputs: exists (true|false), image_uri (<registry>/<repository>@sha256:...), commit.
 * A missing function is not an error here (never deployed, or torn down): exists is false
 * and the summary says so; a function without a digest image or a commit tag fails.
 */
import * as core from '@actions/core';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { COMMIT_TAG, DEPLOY_ENVIRONMENTS, resourceNames } from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, runStep } from '../lib/inputs.js';

export interface LambdaSend {
  send(command: GetFunctionCommand): Promise<{
    Code?: { ImageUri?: string; ResolvedImageUri?: string };
    Tags?: Record<string, string> | undefined;
  }>;
}

export interface DeployedImage {
  readonly imageUri: string;
  readonly commit: string;
}

const BY_DIGEST = /^[^/\s]+\/[a-z0-9]+(?:[._/-][a-z0-9]+)*@sha256:[0-9a-f]{64}$/;
const FULL_SHA = /^[0-9a-f]{40}$/;

/** The deployed image and commit, or undefined when the function does not exist. */
export async function deployedImage(
  lambda: LambdaSend,
  functionName: string,
): Promise<DeployedImage | undefined> {
  let result: Awaited<ReturnType<LambdaSend['send']>>;
  try {
    result = await lambda.send(new GetFunctionCommand({ FunctionName: functionName }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
  const imageUri = [result.Code?.ImageUri, result.Code?.ResolvedImageUri].find(
    (uri): uri is string => uri !== undefined && BY_DIGEST.test(uri),
  );
  if (imageUri === undefined) {
    throw new StepError(
      'IMAGE_NOT_FOUND',
      `${functionName} names no image by digest (${result.Code?.ImageUri ?? 'no image'}); a deploy always sets one, so it was changed outside the pipeline.`,
    );
  }
  const commit = result.Tags?.[COMMIT_TAG];
  if (commit === undefined || !FULL_SHA.test(commit)) {
    throw new StepError(
      'INVALID_INPUT',
      `${functionName} has no '${COMMIT_TAG}' tag with a full commit SHA (got '${commit ?? 'none'}'); a deploy always sets it, so it was changed outside the pipeline.`,
    );
  }
  return { imageUri, commit };
}

export async function run(
  client: (region: string) => LambdaSend = (region) => new LambdaClient({ region }),
): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const names = resourceNames(environment);
    const deployed = await deployedImage(client(names.region), names.function);
    core.setOutput('exists', String(deployed !== undefined));
    if (deployed === undefined) {
      const line = `${names.function} does not exist (never deployed, or torn down): there is nothing to compare with, so ${environment} is not planned.`;
      core.warning(line);
      await core.summary.addRaw(line, true).write();
      return;
    }
    core.setOutput('image_uri', deployed.imageUri);
    core.setOutput('commit', deployed.commit);
    core.info(`${names.function} runs ${deployed.imageUri} (commit ${deployed.commit}).`);
    await core.summary
      .addHeading(`Deployed in ${environment}`, 3)
      .addTable([
        [
          { data: 'Image', header: true },
          { data: 'Commit', header: true },
        ],
        [deployed.imageUri, deployed.commit],
      ])
      .write();
  });
}
