import type { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import type { Aws } from '../../../scripts/steps/mark-image/registry.js';
import { tagImage } from '../../../scripts/steps/mark-image/registry.js';
import { imageDigest, type LambdaSend, run, runningImage } from '../../../scripts/steps/mark-image/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const REPOSITORY = 'workout-pipeline-processor';
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OLD_DIGEST = `sha256:${'cd'.repeat(32)}`;
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const IMAGE = `${REGISTRY}/${REPOSITORY}@${DIGEST}`;
const MANIFEST = '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}';

/**
 * The AWS CLI as ECR answers it: images by digest with their tags, PutImage moving a marker
 * (mutable) tag and refusing a tag that already names the same manifest.
 */
function fakeEcr(images: Record<string, string[]>, { putFails = false } = {}) {
  const calls: string[][] = [];
  const aws: Aws = (args) => {
    calls.push([...args]);
    const value = (flag: string) => args[args.indexOf(flag) + 1] ?? '';
    if (args[1] === 'batch-get-image') {
      const digest = value('--image-ids').replace('imageDigest=', '');
      const found = images[digest] !== undefined;
      return {
        status: 0,
        stdout: JSON.stringify({
          images: found
            ? [
                {
                  imageManifest: MANIFEST,
                  imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
                },
              ]
            : [],
          failures: found ? [] : [{ failureCode: 'ImageNotFound' }],
        }),
        stderr: '',
      };
    }
    if (args[1] === 'put-image') {
      if (putFails) return { status: 254, stdout: '', stderr: 'An error occurred (AccessDeniedException)' };
      const digest = value('--image-digest');
      const tag = value('--image-tag');
      if (images[digest]?.includes(tag)) {
        return {
          status: 254,
          stdout: '',
          stderr: 'An error occurred (ImageAlreadyExistsException) when calling',
        };
      }
      for (const tags of Object.values(images)) tags.splice(0, tags.length, ...tags.filter((t) => t !== tag));
      images[digest]?.push(tag);
      return { status: 0, stdout: '{}', stderr: '' };
    }
    throw new Error(`unexpected aws ${args.join(' ')}`);
  };
  return { aws, calls, images };
}

function fakeLambda(imageUri: string | 'no function'): LambdaSend & { names: string[] } {
  const names: string[] = [];
  return {
    names,
    async send(command: GetFunctionCommand) {
      names.push(String(command.input.FunctionName));
      if (imageUri === 'no function') {
        throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
      }
      return { Code: { ImageUri: imageUri, ResolvedImageUri: imageUri } };
    },
  };
}

describe('marking an image in ECR', () => {
  it('puts the marker on the image by its own manifest, without uploading anything', () => {
    const ecr = fakeEcr({ [DIGEST]: ['a'.repeat(40)] });

    expect(tagImage(ecr.aws, REPOSITORY, DIGEST, 'deployed-prod')).toBe('tagged');

    expect(ecr.calls.map((c) => c[1])).toEqual(['batch-get-image', 'put-image']);
    const put = ecr.calls[1] ?? [];
    expect(put.slice(put.indexOf('--image-tag'), put.indexOf('--image-tag') + 2)).toEqual([
      '--image-tag',
      'deployed-prod',
    ]);
    expect(put).toContain(MANIFEST);
    expect(ecr.images[DIGEST]).toContain('deployed-prod');
  });

  it('moves the marker off the image the environment ran before', () => {
    const ecr = fakeEcr({ [OLD_DIGEST]: ['b'.repeat(40), 'deployed-prod'], [DIGEST]: ['a'.repeat(40)] });

    tagImage(ecr.aws, REPOSITORY, DIGEST, 'deployed-prod');

    expect(ecr.images[OLD_DIGEST]).toEqual(['b'.repeat(40)]);
    expect(ecr.images[DIGEST]).toEqual(['a'.repeat(40), 'deployed-prod']);
  });

  it('accepts a marker that is already on the image', () => {
    const ecr = fakeEcr({ [DIGEST]: ['deployed-dev'] });
    expect(tagImage(ecr.aws, REPOSITORY, DIGEST, 'deployed-dev')).toBe('already-tagged');
  });

  it('fails on an image ECR no longer has, and on a refused PutImage', () => {
    expect(() => tagImage(fakeEcr({}).aws, REPOSITORY, DIGEST, 'deployed-dev')).toThrow(
      expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }) as StepError,
    );
    expect(() =>
      tagImage(fakeEcr({ [DIGEST]: [] }, { putFails: true }).aws, REPOSITORY, DIGEST, 'deployed-dev'),
    ).toThrow(expect.objectContaining({ code: 'IMAGE_MARK_FAILED' }) as StepError);
  });

  it('marks only images of the pipeline repository, by digest', () => {
    expect(imageDigest(IMAGE, REPOSITORY)).toBe(DIGEST);
    for (const uri of [`${REGISTRY}/${REPOSITORY}:latest`, `${REGISTRY}/other@${DIGEST}`]) {
      expect(() => imageDigest(uri, REPOSITORY), uri).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT' }) as StepError,
      );
    }
  });
});

describe('the image an environment runs', () => {
  const lambdaWith = (replies: Record<string, string | Error>) => {
    const asked: (string | undefined)[] = [];
    const lambda: LambdaSend = {
      async send(command: GetFunctionCommand) {
        const qualifier = command.input.Qualifier;
        asked.push(qualifier);
        const reply = replies[qualifier ?? '$unqualified'];
        if (reply === undefined || reply instanceof Error) {
          throw reply ?? Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
        }
        return { Code: { ImageUri: reply, ResolvedImageUri: reply } };
      },
    };
    return { lambda, asked };
  };

  it("is the image of the version alias live points at, not the function's latest (after a rollback they differ)", async () => {
    const { lambda, asked } = lambdaWith({
      live: IMAGE,
      $unqualified: `${REGISTRY}/${REPOSITORY}@${OLD_DIGEST}`,
    });
    expect(await runningImage(lambda, 'fn')).toBe(IMAGE);
    expect(asked).toEqual(['live']);
  });

  it("is the function's own image before the alias exists, and undefined without a function", async () => {
    expect(await runningImage(lambdaWith({ $unqualified: IMAGE }).lambda, 'fn')).toBe(IMAGE);
    expect(await runningImage(lambdaWith({}).lambda, 'fn')).toBeUndefined();
  });

  it('falls back to the function itself with a warning while the push role may not read the alias', async () => {
    const warnings: string[] = [];
    const denied = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    const { lambda } = lambdaWith({ live: denied, $unqualified: IMAGE });
    expect(await runningImage(lambda, 'fn', 'live', (m) => warnings.push(m))).toBe(IMAGE);
    expect(warnings[0]).toContain('bootstrap stack');
  });
});

describe('mark-image step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('before a deploy, marks the image about to be applied deploying-<env>', async () => {
    // Prepare
    const ecr = fakeEcr({ [DIGEST]: ['a'.repeat(40)] });

    // Act
    const result = await env.run(() => run({ aws: ecr.aws }), {
      environment: 'prod',
      marker: 'deploying',
      image_uri: IMAGE,
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ tag: 'deploying-prod', digest: DIGEST });
    expect(ecr.images[DIGEST]).toContain('deploying-prod');
  });

  it('after a deploy, marks what the function really runs deployed-<env>', async () => {
    // Prepare: the deploy failed before updating the function, so it still runs the old image
    const ecr = fakeEcr({ [OLD_DIGEST]: ['b'.repeat(40)], [DIGEST]: ['a'.repeat(40)] });
    const lambda = fakeLambda(`${REGISTRY}/${REPOSITORY}@${OLD_DIGEST}`);

    // Act
    const result = await env.run(() => run({ aws: ecr.aws, lambda: () => lambda }), {
      environment: 'staging',
      marker: 'deployed',
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(lambda.names).toEqual(['workout-pipeline-staging-processor']);
    expect(result.outputs).toEqual({ tag: 'deployed-staging', digest: OLD_DIGEST });
    expect(ecr.images[OLD_DIGEST]).toContain('deployed-staging');
    expect(result.summary).toContain('deployed-staging');
  });

  it('marks nothing when the environment has no function yet', async () => {
    const ecr = fakeEcr({});
    const result = await env.run(() => run({ aws: ecr.aws, lambda: () => fakeLambda('no function') }), {
      environment: 'dev',
      marker: 'deployed',
    });

    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ tag: 'deployed-dev', digest: '' });
    expect(ecr.calls).toEqual([]);
  });

  it.each([
    ['an unknown marker', { environment: 'dev', marker: 'latest', image_uri: IMAGE }],
    ['a deploying marker without an image', { environment: 'dev', marker: 'deploying', image_uri: '' }],
    ['the emulator', { environment: 'emulator', marker: 'deploying', image_uri: IMAGE }],
  ])('refuses %s', async (_label, inputs) => {
    const ecr = fakeEcr({ [DIGEST]: [] });
    const result = await env.run(() => run({ aws: ecr.aws }), inputs);

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
    expect(ecr.calls).toEqual([]);
  });
});
