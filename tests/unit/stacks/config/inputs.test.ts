import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DEFAULT_EMULATOR_ENDPOINT,
  imageUriFor,
  isPlaceholderImage,
  PLACEHOLDER_OIDC_SUBJECT_PREFIX,
  parseGithubSubjectPrefix,
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

  it('requires the image when a pipeline stack is synthesized for a deploy', () => {
    expect(
      fieldsOf(() =>
        readSynthInputs({
          PIPELINE_ENV: 'staging',
          DEPLOY_COMMIT: COMMIT,
          SYNTH_ALLOW_PLACEHOLDERS: 'false',
        }),
      ),
    ).toEqual(['LAMBDA_IMAGE_URI']);
  });

  it.each(['dev', 'staging', 'prod'])(
    'requires the commit being deployed to synth %s for a deploy, so the function records it',
    (env) => {
      expect(
        fieldsOf(() =>
          readSynthInputs({ PIPELINE_ENV: env, LAMBDA_IMAGE_URI: IMAGE, SYNTH_ALLOW_PLACEHOLDERS: 'false' }),
        ),
      ).toEqual(['DEPLOY_COMMIT']);
    },
  );

  describe('placeholders: a local synth gets them, a deploy never', () => {
    it('lets a fresh clone synthesize every stack with nothing set, and names what was faked', () => {
      // Act: what `npm run synth` reads on a workstation, no variable set.
      const inputs = readSynthInputs({});
      // Assess
      expect(inputs).toMatchObject({
        targets: ['dev', 'staging', 'prod', 'emulator'],
        bootstrap: true,
        allowPlaceholders: true,
        placeholders: ['LAMBDA_IMAGE_URI', 'DEPLOY_COMMIT', 'GITHUB_OIDC_SUBJECT_PREFIX'],
      });
      expect(inputs.notes).toEqual([
        'Placeholders for LAMBDA_IMAGE_URI, DEPLOY_COMMIT, GITHUB_OIDC_SUBJECT_PREFIX (unset): this synth is for reading and testing, never for a deploy, which passes them with SYNTH_ALLOW_PLACEHOLDERS=false.',
      ]);
      expect(isPlaceholderImage(imageUriFor(inputs, 'prod'))).toBe(true);
    });

    it.each([
      ['GitHub Actions', { GITHUB_ACTIONS: 'true', CI: 'true' }],
      ['another CI', { CI: 'true' }],
      ['a CI that sets CI=1', { CI: '1' }],
    ])('refuses them under %s unless SYNTH_ALLOW_PLACEHOLDERS=true, saying why', (_label, ci) => {
      try {
        readSynthInputs(ci);
        expect.unreachable();
      } catch (error) {
        expect((error as ConfigError).fields).toEqual([
          'LAMBDA_IMAGE_URI',
          'DEPLOY_COMMIT',
          'GITHUB_REPOSITORY',
        ]);
        expect((error as Error).message).toMatch(
          /LAMBDA_IMAGE_URI: is required to synth a pipeline stack for a deploy \(CI is set and SYNTH_ALLOW_PLACEHOLDERS is not/,
        );
      }
      expect(readSynthInputs({ ...ci, SYNTH_ALLOW_PLACEHOLDERS: 'true' }).allowPlaceholders).toBe(true);
    });

    it.each([
      ['CI=false', { CI: 'false' }],
      ['CI=0', { CI: '0' }],
      ['an empty CI', { CI: '' }],
    ])('treats %s as a local synth', (_label, env) => {
      expect(readSynthInputs(env).allowPlaceholders).toBe(true);
    });

    it('refuses them wherever SYNTH_ALLOW_PLACEHOLDERS=false, as every deploy step sets it', () => {
      try {
        readSynthInputs({ PIPELINE_ENV: 'prod', SYNTH_ALLOW_PLACEHOLDERS: 'false' });
        expect.unreachable();
      } catch (error) {
        expect((error as ConfigError).fields).toEqual(['LAMBDA_IMAGE_URI', 'DEPLOY_COMMIT']);
        expect((error as Error).message).toMatch(/for a deploy \(SYNTH_ALLOW_PLACEHOLDERS=false\)/);
      }
    });

    it('lists no placeholder and prints no note for a deployable synth', () => {
      const inputs = readSynthInputs({
        PIPELINE_ENV: 'prod',
        LAMBDA_IMAGE_URI: IMAGE,
        DEPLOY_COMMIT: COMMIT,
        SYNTH_ALLOW_PLACEHOLDERS: 'false',
        GITHUB_ACTIONS: 'true',
      });
      expect(inputs).toMatchObject({ allowPlaceholders: false, placeholders: [], notes: [] });
    });

    it('names SYNTH_ALLOW_PLACEHOLDERS when it is neither true nor false', () => {
      expect(fieldsOf(() => readSynthInputs({ SYNTH_ALLOW_PLACEHOLDERS: 'yes' }))).toEqual([
        'SYNTH_ALLOW_PLACEHOLDERS',
      ]);
    });
  });

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
    expect(
      fieldsOf(() => readSynthInputs({ PIPELINE_ENV: 'bootstrap', SYNTH_ALLOW_PLACEHOLDERS: 'false' })),
    ).toEqual(['GITHUB_REPOSITORY']);
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
    expect(inputs.githubRepository).toBe('placeholder.invalid/placeholder-repo');
    expect(inputs.githubOidcSubjectPrefix).toBe(PLACEHOLDER_OIDC_SUBJECT_PREFIX);
  });

  it('gives the placeholder bootstrap a subject prefix no GitHub token can carry', () => {
    // An owner name never holds a `.`, and no account or repository has the id 0.
    expect(PLACEHOLDER_OIDC_SUBJECT_PREFIX).toBe('repo:placeholder.invalid@0/placeholder-repo@0');
    expect(parseGithubSubjectPrefix(PLACEHOLDER_OIDC_SUBJECT_PREFIX)).toBeUndefined();
  });

  describe('GITHUB_OIDC_SUBJECT_PREFIX', () => {
    const IMMUTABLE = 'repo:acme@1234567/workouts@987654321';

    it('defaults to the classic repo:OWNER/REPO of GITHUB_REPOSITORY, and says so', () => {
      // Act
      const inputs = readSynthInputs({ PIPELINE_ENV: 'bootstrap', GITHUB_REPOSITORY: 'acme/workouts' });
      // Assess
      expect(inputs.githubOidcSubjectPrefix).toBe('repo:acme/workouts');
      expect(inputs.notes).toEqual([
        expect.stringMatching(
          /^GITHUB_OIDC_SUBJECT_PREFIX is unset: the roles trust the classic subjects repo:acme\/workouts:….*gh api repos\/acme\/workouts\/actions\/oidc\/customization\/sub --jq \.sub_claim_prefix/,
        ),
      ]);
    });

    it('takes the immutable form with owner and repository ids, and the names from it', () => {
      // Act
      const inputs = readSynthInputs({ PIPELINE_ENV: 'bootstrap', GITHUB_OIDC_SUBJECT_PREFIX: IMMUTABLE });
      // Assess
      expect(inputs).toMatchObject({
        githubOidcSubjectPrefix: IMMUTABLE,
        githubRepository: 'acme/workouts',
        notes: [],
      });
      expect(parseGithubSubjectPrefix(IMMUTABLE)).toEqual({
        form: 'immutable',
        owner: 'acme',
        ownerId: '1234567',
        repository: 'workouts',
        repositoryId: '987654321',
      });
    });

    it.each([
      ['the classic form', 'repo:acme/workouts'],
      ['the immutable form', IMMUTABLE],
      ['names that differ only in case', 'repo:Acme@1234567/Workouts@987654321'],
    ])('accepts %s next to GITHUB_REPOSITORY', (_label, prefix) => {
      const inputs = readSynthInputs({
        PIPELINE_ENV: 'bootstrap',
        GITHUB_REPOSITORY: 'acme/workouts',
        GITHUB_OIDC_SUBJECT_PREFIX: prefix,
      });
      expect(inputs.githubOidcSubjectPrefix).toBe(prefix);
    });

    it.each([
      ['a wildcard', 'repo:acme/*', /has a wildcard, but the roles trust exact subjects only/],
      ['a whole subject', `${IMMUTABLE}:environment:prod`, /goes past the prefix/],
      ['ids without names', 'repo:1234567/987654321@1', /is neither repo:OWNER\/REPO/],
      ['a missing repository id', 'repo:acme@1234567/workouts', /is neither/],
      ['a non-numeric id', 'repo:acme@abc/workouts@987654321', /is neither/],
      ['the id 0', 'repo:acme@0/workouts@987654321', /is neither/],
      ['no repo: prefix', 'acme/workouts', /is neither/],
    ])('rejects %s, naming the variable and both forms', (_label, prefix, message) => {
      try {
        readSynthInputs({ PIPELINE_ENV: 'bootstrap', GITHUB_OIDC_SUBJECT_PREFIX: prefix });
        expect.unreachable();
      } catch (error) {
        expect((error as ConfigError).fields).toEqual(['GITHUB_OIDC_SUBJECT_PREFIX']);
        expect((error as Error).message).toMatch(message);
        expect((error as Error).message).toMatch(/repo:OWNER@OWNER_ID\/REPO@REPO_ID \(immutable/);
      }
    });

    it('rejects a prefix of another repository than GITHUB_REPOSITORY', () => {
      try {
        readSynthInputs({
          PIPELINE_ENV: 'bootstrap',
          GITHUB_REPOSITORY: 'acme/workouts',
          GITHUB_OIDC_SUBJECT_PREFIX: 'repo:someone@42/workouts@43',
        });
        expect.unreachable();
      } catch (error) {
        expect((error as ConfigError).fields).toEqual(['GITHUB_OIDC_SUBJECT_PREFIX']);
        expect((error as Error).message).toMatch(
          /names someone\/workouts, but GITHUB_REPOSITORY is acme\/workouts/,
        );
      }
    });

    it('is enough on its own for the bootstrap stack', () => {
      expect(
        readSynthInputs({ PIPELINE_ENV: 'bootstrap', GITHUB_OIDC_SUBJECT_PREFIX: 'repo:acme/workouts' })
          .githubRepository,
      ).toBe('acme/workouts');
    });
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

  it("keeps applied stacks' state local unless APPLY_INTO_EMULATOR_STATE=s3, which needs APPLY_INTO_EMULATOR", () => {
    const base = { PIPELINE_ENV: 'dev', LAMBDA_IMAGE_URI: IMAGE, SYNTH_ALLOW_PLACEHOLDERS: 'true' };
    expect(readSynthInputs({ ...base, APPLY_INTO_EMULATOR: 'https://127.0.0.1:5123' }).emulatorState).toBe(
      'local',
    );
    expect(
      readSynthInputs({
        ...base,
        APPLY_INTO_EMULATOR: 'https://127.0.0.1:5123',
        APPLY_INTO_EMULATOR_STATE: 's3',
      }).emulatorState,
    ).toBe('s3');
    expect(fieldsOf(() => readSynthInputs({ ...base, APPLY_INTO_EMULATOR_STATE: 's3' }))).toEqual([
      'APPLY_INTO_EMULATOR_STATE',
    ]);
    expect(fieldsOf(() => readSynthInputs({ ...base, APPLY_INTO_EMULATOR_STATE: 'remote' }))).toEqual([
      'APPLY_INTO_EMULATOR_STATE',
    ]);
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
