import type { GetFunctionCommand } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployedImage, type LambdaSend, run } from '../../../scripts/steps/deployed-image/run.js';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/workout-pipeline-processor@sha256:${'ab'.repeat(32)}`;
const COMMIT = 'c'.repeat(40);

function fakeLambda(answer: Awaited<ReturnType<LambdaSend['send']>> | 'no function'): LambdaSend & {
  names: string[];
} {
  const names: string[] = [];
  return {
    names,
    async send(command: GetFunctionCommand) {
      names.push(String(command.input.FunctionName));
      if (answer === 'no function') {
        throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
      }
      return answer;
    },
  };
}

describe('reading what a function was deployed with', () => {
  it('returns the image by digest and the commit tag of one GetFunction', async () => {
    const lambda = fakeLambda({
      Code: { ImageUri: IMAGE, ResolvedImageUri: IMAGE },
      Tags: { commit: COMMIT },
    });

    expect(await deployedImage(lambda, 'workout-pipeline-dev-processor')).toEqual({
      imageUri: IMAGE,
      commit: COMMIT,
    });
    expect(lambda.names).toEqual(['workout-pipeline-dev-processor']);
  });

  it('falls back to the resolved digest when the configuration names a tag', async () => {
    const lambda = fakeLambda({
      Code: { ImageUri: IMAGE.replace(/@sha256:.*/, ':latest'), ResolvedImageUri: IMAGE },
      Tags: { commit: COMMIT },
    });
    expect((await deployedImage(lambda, 'f'))?.imageUri).toBe(IMAGE);
  });

  it('is undefined for a missing function and passes other errors on', async () => {
    expect(await deployedImage(fakeLambda('no function'), 'f')).toBeUndefined();
    const denied: LambdaSend = {
      send: async () => {
        throw Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
      },
    };
    await expect(deployedImage(denied, 'f')).rejects.toThrow('denied');
  });

  it.each([
    ['no digest image', { Code: {}, Tags: { commit: COMMIT } }, 'IMAGE_NOT_FOUND'],
    ['no commit tag', { Code: { ImageUri: IMAGE }, Tags: {} }, 'INVALID_INPUT'],
    ['a short commit tag', { Code: { ImageUri: IMAGE }, Tags: { commit: 'abc123' } }, 'INVALID_INPUT'],
  ])('refuses a function with %s (changed outside the pipeline)', async (_label, answer, code) => {
    await expect(deployedImage(fakeLambda(answer), 'f')).rejects.toThrow(
      expect.objectContaining({ code }) as StepError,
    );
  });
});

describe('deployed-image step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it("outputs the environment's image and commit, read in its own region", async () => {
    const regions: string[] = [];
    const lambda = fakeLambda({ Code: { ImageUri: IMAGE }, Tags: { commit: COMMIT } });

    const result = await env.run(
      () =>
        run((region) => {
          regions.push(region);
          return lambda;
        }),
      { environment: 'staging' },
    );

    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ exists: 'true', image_uri: IMAGE, commit: COMMIT });
    expect(lambda.names).toEqual(['workout-pipeline-staging-processor']);
    expect(regions).toEqual(['eu-west-1']);
    expect(result.summary).toContain(COMMIT);
  });

  it('says so, without failing, when the environment has no function', async () => {
    const result = await env.run(() => run(() => fakeLambda('no function')), { environment: 'prod' });

    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ exists: 'false' });
    expect(result.summary).toContain('does not exist');
  });

  it('refuses an environment that is not deployed by the pipeline', async () => {
    const result = await env.run(() => run(() => fakeLambda('no function')), { environment: 'emulator' });
    expect(result.failed).toBe(true);
  });
});
