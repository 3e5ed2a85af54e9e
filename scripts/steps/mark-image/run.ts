/**
 * mark-image: keeps the image an environment runs from ever being expired by the ECR lifecycle
 * policy, by moving that environment's marker tag onto it (the lifecycle policy never expires
 * an image tagged deploying-* or deployed-*; those are the repository's only mutable tags).
 *
 *   marker deploying: before the deploy job, tag `image_uri` (the image about to be applied)
 *                     `deploying-<env>`, so it is kept while it waits for approval and applies.
 *   marker deployed:  after the deploy job, whatever its outcome, read the image the function
 *                     really runs (GetFunction of alias `live`, which uploads invoke; after a
 *                     rolled-back release that is the previous version's image, not the one
 *                     just applied) and tag it `deployed-<env>`; the previous image loses the
 *                     marker and falls back to the commit-SHA count rule.
 *
 * Runs with the image push role (the deploy roles may only pull): see docs/infrastructure.md.
 *
 * Inputs: environment (dev|staging|prod), marker (deploying|deployed), image_uri (deploying).
 * Outputs: tag, digest (empty when no function exists yet). Writes a summary line.
 */
import * as core from '@actions/core';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  bootstrapNames,
  DEPLOY_ENVIRONMENTS,
  IMAGE_MARKERS,
  imageMarkerTag,
  LIVE_ALIAS,
  resourceNames,
} from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';
import { choiceInput, optionalInput, runStep } from '../lib/inputs.js';
import { type Aws, spawnAws, tagImage } from './registry.js';

/** `<registry>/<repository>@sha256:<64 hex>`: groups repository, digest. */
const IMAGE_BY_DIGEST = /^[^/]+\/([a-z0-9]+(?:[._/-][a-z0-9]+)*)@(sha256:[0-9a-f]{64})$/;

export interface LambdaSend {
  send(command: GetFunctionCommand): Promise<{ Code?: { ImageUri?: string; ResolvedImageUri?: string } }>;
}

/** The repository and digest of an image reference in `repository`, or a StepError. */
export function imageDigest(uri: string, repository: string): string {
  const match = IMAGE_BY_DIGEST.exec(uri.trim());
  if (!match) {
    throw new StepError(
      'INVALID_INPUT',
      `'${uri}' is not an image by digest (<registry>/<repository>@sha256:...).`,
    );
  }
  if (match[1] !== repository) {
    throw new StepError(
      'INVALID_INPUT',
      `'${uri}' is not in the pipeline's repository ${repository}; only its images are kept by the lifecycle policy.`,
    );
  }
  return match[2] as string;
}

/**
 * The image the function runs, by digest: that of the version alias `live` points at, or,
 * before the alias exists (or while the image push role may not read it yet), that of the
 * function itself; undefined when the function does not exist.
 */
export async function runningImage(
  lambda: LambdaSend,
  functionName: string,
  alias: string = LIVE_ALIAS,
  warn: (message: string) => void = () => undefined,
): Promise<string | undefined> {
  const read = async (qualifier?: string) => {
    const { Code } = await lambda.send(
      new GetFunctionCommand({ FunctionName: functionName, ...(qualifier ? { Qualifier: qualifier } : {}) }),
    );
    return Code?.ResolvedImageUri ?? Code?.ImageUri;
  };
  const nameOf = (error: unknown) => (error as { name?: string }).name;
  try {
    return await read(alias);
  } catch (error) {
    if (nameOf(error) === 'AccessDeniedException') {
      warn(
        `The image push role may not read ${functionName}:${alias}; marking the image of the function itself instead, which after a rolled-back release is not the one running. Apply the bootstrap stack to grant it.`,
      );
    } else if (nameOf(error) !== 'ResourceNotFoundException') {
      throw error;
    }
  }
  try {
    return await read();
  } catch (error) {
    if (nameOf(error) === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

export async function run(
  deps: { readonly aws?: Aws; readonly lambda?: (region: string) => LambdaSend } = {},
): Promise<void> {
  await runStep(async () => {
    const environment = choiceInput('environment', DEPLOY_ENVIRONMENTS);
    const marker = choiceInput('marker', IMAGE_MARKERS);
    const repository = bootstrapNames().ecrRepository;
    const tag = imageMarkerTag(marker, environment);
    let uri: string | undefined;
    if (marker === 'deploying') {
      uri = optionalInput('image_uri');
      if (uri === undefined) {
        throw new StepError('INVALID_INPUT', "Input 'image_uri' is required for marker 'deploying'.");
      }
    } else {
      const names = resourceNames(environment);
      const lambda = (deps.lambda ?? ((region) => new LambdaClient({ region })))(names.region);
      uri = await runningImage(lambda, names.function, LIVE_ALIAS, (message) => core.warning(message));
      if (uri === undefined) {
        core.info(
          `${names.function} does not exist (never deployed, or torn down); no image to mark ${tag}.`,
        );
        core.setOutput('tag', tag);
        core.setOutput('digest', '');
        await core.summary
          .addRaw(`No ${environment} function yet: no image marked \`${tag}\`.`, true)
          .write();
        return;
      }
    }
    const digest = imageDigest(uri, repository);
    const result = tagImage(deps.aws ?? spawnAws, repository, digest, tag);
    core.setOutput('tag', tag);
    core.setOutput('digest', digest);
    const line =
      result === 'tagged'
        ? `Marked ${repository}@${digest} \`${tag}\`: the lifecycle policy keeps it.`
        : `${repository}@${digest} already carries \`${tag}\`.`;
    core.info(line);
    await core.summary.addRaw(line, true).write();
  });
}
