import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../stacks/app.js';
import { readSynthInputs } from '../../../stacks/config/inputs.js';
import { AWS_PROVIDER_VERSION } from '../../../stacks/constructs/aws-provider.js';
import { IMAGE } from './synth.js';

describe('the cdktf app', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cdktf-app-'));
    createApp(readSynthInputs({ SYNTH_ALLOW_PLACEHOLDERS: 'true' }), outdir).synth();
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('writes every stack, each named after its environment, the shared one after bootstrap', () => {
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual([
      'workout-pipeline-bootstrap',
      'workout-pipeline-dev',
      'workout-pipeline-emulator',
      'workout-pipeline-prod',
      'workout-pipeline-staging',
    ]);
  });

  it('marks a placeholder image so it cannot be mistaken for a deployable one', () => {
    const json = readFileSync(join(outdir, 'stacks', 'workout-pipeline-prod', 'cdk.tf.json'), 'utf8');
    expect(json).toContain('000000000000.dkr.ecr.eu-west-1.amazonaws.com/placeholder-not-deployable@sha256:');
  });

  it('builds exactly the one environment a deploy step asks for', () => {
    const app = createApp(
      readSynthInputs({ PIPELINE_ENV: 'staging', LAMBDA_IMAGE_URI: IMAGE, DEPLOY_COMMIT: 'c'.repeat(40) }),
    );
    expect(app.node.children.map((c) => c.node.id)).toEqual(['workout-pipeline-staging']);
  });

  it('points every stack at the emulator, in its real shape and with local state, for the apply tests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-apply-'));
    try {
      createApp(
        readSynthInputs({ SYNTH_ALLOW_PLACEHOLDERS: 'true', APPLY_INTO_EMULATOR: 'http://127.0.0.1:5123/' }),
        dir,
      ).synth();
      for (const stack of ['bootstrap', 'dev', 'staging', 'prod']) {
        const json = JSON.parse(
          readFileSync(join(dir, 'stacks', `workout-pipeline-${stack}`, 'cdk.tf.json'), 'utf8'),
        );
        const [provider] = json.provider.aws;
        expect(provider.endpoints[0]).toMatchObject({
          s3: 'http://127.0.0.1:5123',
          dynamodb: 'http://127.0.0.1:5123',
          s3control: 'http://127.0.0.1:5123',
        });
        expect(provider).toMatchObject({ skip_requesting_account_id: true, s3_use_path_style: true });
        expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
      }
      // The real shape stays: prod keeps its deletion protection.
      const prod = JSON.parse(
        readFileSync(join(dir, 'stacks', 'workout-pipeline-prod', 'cdk.tf.json'), 'utf8'),
      );
      const tables = Object.values(prod.resource.aws_dynamodb_table) as {
        deletion_protection_enabled: boolean;
      }[];
      expect(tables.every((t) => t.deletion_protection_enabled)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the pipeline stacks' state in the emulator's state bucket, locked, when asked to", () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-apply-s3-'));
    try {
      createApp(
        readSynthInputs({
          SYNTH_ALLOW_PLACEHOLDERS: 'true',
          APPLY_INTO_EMULATOR: 'https://127.0.0.1:5123',
          APPLY_INTO_EMULATOR_STATE: 's3',
          TF_STATE_BUCKET: 'acme-tfstate',
        }),
        dir,
      ).synth();
      const backend = (stack: string) =>
        JSON.parse(readFileSync(join(dir, 'stacks', `workout-pipeline-${stack}`, 'cdk.tf.json'), 'utf8'))
          .terraform.backend;
      expect(backend('dev')).toEqual({
        s3: {
          bucket: 'acme-tfstate',
          key: 'pipeline/dev/terraform.tfstate',
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
          endpoints: { s3: 'https://127.0.0.1:5123' },
          use_path_style: true,
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: true,
        },
      });
      // The bootstrap stack creates the state bucket, so it starts local as its first apply does.
      expect(backend('bootstrap')).toEqual({ local: { path: 'terraform.tfstate' } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('requires exactly the hashicorp/aws release the apply tests stand for, in every stack', () => {
    for (const stack of readdirSync(join(outdir, 'stacks'))) {
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      expect(json.terraform.required_providers.aws.version).toBe(AWS_PROVIDER_VERSION);
    }
    expect(AWS_PROVIDER_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([
    ['classic, from GITHUB_REPOSITORY', { GITHUB_REPOSITORY: 'acme/workouts' }, 'repo:acme/workouts'],
    [
      'immutable, from GITHUB_OIDC_SUBJECT_PREFIX',
      { GITHUB_OIDC_SUBJECT_PREFIX: 'repo:acme@1234567/workouts@987654321' },
      'repo:acme@1234567/workouts@987654321',
    ],
  ])('trusts the %s subject prefix in every role of the bootstrap stack', (_label, env, prefix) => {
    const dir = mkdtempSync(join(tmpdir(), 'cdktf-bootstrap-'));
    try {
      createApp(readSynthInputs({ PIPELINE_ENV: 'bootstrap', ...env }), dir).synth();
      const json = JSON.parse(
        readFileSync(join(dir, 'stacks', 'workout-pipeline-bootstrap', 'cdk.tf.json'), 'utf8'),
      );
      const subjects = Object.entries(json.data.aws_iam_policy_document)
        .filter(([id]) => id.includes('_trust_'))
        .flatMap(
          ([, doc]) =>
            (doc as { statement: { condition: { variable: string; values: string[] }[] }[] }).statement,
        )
        .flatMap((st) => st.condition.filter((c) => c.variable.endsWith(':sub')).flatMap((c) => c.values));
      expect(subjects.sort()).toEqual(
        [
          ':environment:dev',
          ':environment:prod',
          ':environment:prod-teardown',
          ':environment:staging',
          // The image push role and the three plan roles.
          ':ref:refs/heads/main',
          ':ref:refs/heads/main',
          ':ref:refs/heads/main',
          ':ref:refs/heads/main',
        ]
          .map((suffix) => `${prefix}${suffix}`)
          .sort(),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never points a real deploy at an emulator', () => {
    const json = readFileSync(join(outdir, 'stacks', 'workout-pipeline-prod', 'cdk.tf.json'), 'utf8');
    expect(JSON.parse(json).provider.aws[0].endpoints).toBeUndefined();
    expect(Object.keys(JSON.parse(json).terraform.backend)).toEqual(['s3']);
  });
});
