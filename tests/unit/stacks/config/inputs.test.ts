import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_EMULATOR_ENDPOINT,
  imageUriFor,
  isPlaceholderImage,
  readSynthInputs,
} from '../../../../stacks/config/index.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const IMAGE = `123456789012.dkr.ecr.eu-west-1.amazonaws.com/workout-pipeline-processor@${DIGEST}`;
const COMMIT = '0123456789abcdef0123456789abcdef01234567';

function fieldsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe('INVALID_SYNTH_INPUT');
    return (error as ConfigError).fields;
  }
  throw new Error('expected a ConfigError');
}

describe('synth inputs', () => {
  it('synthesizes one environment when PIPELINE_ENV names it', () => {
    const inputs = readSynthInputs({ PIPELINE_ENV: 'prod', LAMBDA_IMAGE_URI: IMAGE, DEPLOY_COMMIT: COMMIT });
    expect(inputs).toMatchObject({ targets: ['prod'], bootstrap: false, imageUri: IMAGE, commit: COMMIT });
    expect(imageUriFor(inputs, 'prod')).toBe(IMAGE);
  });

  it('synthesizes every stack when PIPELINE_ENV is unset', () => {
    const inputs = readSynthInputs({
      LAMBDA_IMAGE_URI: IMAGE,
      DEPLOY_COMMIT: COMMIT,
      GITHUB_REPOSITORY: 'acme/workouts',
    });
    expect(inputs.targets).toEqual(['dev', 'staging', 'prod', 'emulator']);
    expect(inputs.bootstrap).toBe(true);
  });

  it('synthesizes only the bootstrap stack without needing an image', () => {
    const inputs = readSynthInputs({ PIPELINE_ENV: 'bootstrap', GITHUB_REPOSITORY: 'acme/workouts' });
    expect(inputs).toMatchObject({ targets: [], bootstrap: true, githubRepository: 'acme/workouts' });
  });

  it('rejects a tag-only image reference and says to pass the digest', () => {
    const tagged = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/workout-pipeline-processor:3f2c1ab';
    try {
      readSynthInputs({ PIPELINE_ENV: 'dev', LAMBDA_IMAGE_URI: tagged });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).fields).toEqual(['LAMBDA_IMAGE_URI']);
      expect((error as Error).message).toMatch(/pass the digest/);
    }
  });

  it('requires the image when a pipeline stack is synthesized', () => {
    expect(fieldsOf(() => readSynthInputs({ PIPELINE_ENV: 'staging', DEPLOY_COMMIT: COMMIT }))).toEqual([
      'LAMBDA_IMAGE_URI',
    ]);
  });

  it.each(['dev', 'staging', 'prod'])(
    'requires the commit being deployed to synth %s, so the function records it',
    (env) => {
      expect(fieldsOf(() => readSynthInputs({ PIPELINE_ENV: env, LAMBDA_IMAGE_URI: IMAGE }))).toEqual([
        'DEPLOY_COMMIT',
      ]);
    },
  );

  it.each([
    ['a short SHA', COMMIT.slice(0, 7)],
    ['an upper-case SHA', COMMIT.toUpperCase()],
    ['a branch name', 'main'],
  ])('rejects %s as the commit being deployed', (_label, commit) => {
    expect(
      fieldsOf(() =>
        readSynthInputs({ PIPELINE_ENV: 'dev', LAMBDA_IMAGE_URI: IMAGE, DEPLOY_COMMIT: commit }),
      ),
    ).toEqual(['DEPLOY_COMMIT']);
  });

  it('does not need the commit for the emulator or a placeholder synth', () => {
    expect(readSynthInputs({ PIPELINE_ENV: 'emulator', LAMBDA_IMAGE_URI: IMAGE }).commit).toBeUndefined();
    expect(
      readSynthInputs({ PIPELINE_ENV: 'prod', SYNTH_ALLOW_PLACEHOLDERS: 'true' }).commit,
    ).toBeUndefined();
  });

  it('rejects an image in another region than the environment', () => {
    const elsewhere = IMAGE.replace('eu-west-1', 'us-east-2');
    expect(
      fieldsOf(() =>
        readSynthInputs({ PIPELINE_ENV: 'dev', LAMBDA_IMAGE_URI: elsewhere, DEPLOY_COMMIT: COMMIT }),
      ),
    ).toEqual(['LAMBDA_IMAGE_URI']);
  });

  it('lets the emulator run an image from any registry as long as it is pinned by digest', () => {
    const local = `localhost.localstack.cloud:4510/processor@${DIGEST}`;
    expect(readSynthInputs({ PIPELINE_ENV: 'emulator', LAMBDA_IMAGE_URI: local }).imageUri).toBe(local);
  });

  it('requires the GitHub repository for the bootstrap stack', () => {
    expect(fieldsOf(() => readSynthInputs({ PIPELINE_ENV: 'bootstrap' }))).toEqual(['GITHUB_REPOSITORY']);
    expect(
      fieldsOf(() => readSynthInputs({ PIPELINE_ENV: 'bootstrap', GITHUB_REPOSITORY: 'no-slash' })),
    ).toEqual(['GITHUB_REPOSITORY']);
  });

  it('uses visibly fake, undeployable values only when placeholders are explicitly allowed', () => {
    // Act
    const inputs = readSynthInputs({ SYNTH_ALLOW_PLACEHOLDERS: 'true' });
    // Assess
    const uri = imageUriFor(inputs, 'dev');
    expect(uri).toMatch(
      /^000000000000\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/placeholder-not-deployable@sha256:0{64}$/,
    );
    expect(isPlaceholderImage(uri)).toBe(true);
    expect(inputs.githubRepository).toBe('placeholder-owner/placeholder-repo');
  });

  it('names the variable of an unknown environment', () => {
    expect(fieldsOf(() => readSynthInputs({ PIPELINE_ENV: 'production' }))).toEqual(['PIPELINE_ENV']);
  });

  it('defaults the emulator endpoint and the state bucket', () => {
    const inputs = readSynthInputs({ PIPELINE_ENV: 'emulator', LAMBDA_IMAGE_URI: IMAGE });
    expect(inputs.emulatorEndpoint).toBe(DEFAULT_EMULATOR_ENDPOINT);
    expect(inputs.stateBucket).toBe('workout-pipeline-tfstate');
  });

  it('takes the emulator endpoint and state bucket from the environment', () => {
    const inputs = readSynthInputs({
      PIPELINE_ENV: 'emulator',
      LAMBDA_IMAGE_URI: IMAGE,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5123/',
      TF_STATE_BUCKET: 'acme-tfstate',
    });
    expect(inputs).toMatchObject({ emulatorEndpoint: 'http://127.0.0.1:5123', stateBucket: 'acme-tfstate' });
  });

  it('names each bad variable', () => {
    expect(
      fieldsOf(() =>
        readSynthInputs({
          PIPELINE_ENV: 'dev',
          LAMBDA_IMAGE_URI: IMAGE,
          AWS_ENDPOINT_URL: 'localhost:4566',
          APPLY_INTO_EMULATOR: 'moto',
          TF_STATE_BUCKET: 'Bad_Bucket',
        }),
      ),
    ).toEqual(['AWS_ENDPOINT_URL', 'APPLY_INTO_EMULATOR', 'TF_STATE_BUCKET']);
  });
});
