import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepError } from '../../../scripts/steps/lib/errors.js';
import { type Command, run } from '../../../scripts/steps/verify-image/run.js';
import {
  manifestOf,
  parseImageUri,
  verifiedCount,
  verifyArgs,
} from '../../../scripts/steps/verify-image/verify.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const MANIFEST = '{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json"}';
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const IMAGE = `${REGISTRY}/workout-pipeline-processor@${DIGEST}`;
const REPO = 'athletes/workout-pipeline';
const ATTESTED = JSON.stringify([{ verificationResult: { statement: { subject: [{ digest: {} }] } } }]);

/** ECR and gh as the step calls them; gh answers `verify` as told and records the file it got. */
function fakeCommands({ gh = { status: 0, stdout: ATTESTED, stderr: '' }, manifest = MANIFEST } = {}) {
  const calls: { binary: string; args: readonly string[]; file?: string }[] = [];
  const command: Command = (binary, args) => {
    if (binary === 'aws') {
      calls.push({ binary, args });
      return { status: 0, stdout: JSON.stringify({ images: [{ imageManifest: manifest }] }), stderr: '' };
    }
    calls.push({ binary, args, file: args[2] });
    return gh;
  };
  return { command, calls };
}

describe('the attestation check', () => {
  it('verifies the provenance of the manifest file against the repository and its deploy workflow', () => {
    expect(verifyArgs('/tmp/m.json', REPO, '.github/workflows/deploy.yml')).toEqual([
      'attestation',
      'verify',
      '/tmp/m.json',
      '--repo',
      REPO,
      '--signer-workflow',
      `${REPO}/.github/workflows/deploy.yml`,
      '--deny-self-hosted-runners',
      '--format',
      'json',
    ]);
  });

  it('takes only an image by digest', () => {
    expect(parseImageUri(IMAGE)).toEqual({
      registry: REGISTRY,
      repository: 'workout-pipeline-processor',
      digest: DIGEST,
    });
    expect(() => parseImageUri(`${REGISTRY}/workout-pipeline-processor:latest`)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }) as StepError,
    );
  });

  it('accepts only a manifest that hashes to the digest', () => {
    const image = parseImageUri(IMAGE);
    expect(manifestOf(JSON.stringify({ images: [{ imageManifest: MANIFEST }] }), image)).toBe(MANIFEST);
    expect(() => manifestOf(JSON.stringify({ images: [{ imageManifest: `${MANIFEST} ` }] }), image)).toThrow(
      expect.objectContaining({ code: 'DIGEST_MISMATCH' }) as StepError,
    );
    expect(() => manifestOf(JSON.stringify({ images: [] }), image)).toThrow(
      expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }) as StepError,
    );
  });

  it.each([
    [
      'gh fails',
      { status: 1, stdout: '', stderr: 'Error: no attestations found for subject' },
      /no attestations found/,
    ],
    ['gh prints no JSON', { status: 0, stdout: 'ok', stderr: '' }, /no JSON/],
    ['gh verifies nothing', { status: 0, stdout: '[]', stderr: '' }, /verified no attestation/],
  ])('refuses when %s', (_label, result, why) => {
    const image = parseImageUri(IMAGE);
    expect(() => verifiedCount(result, image, REPO, '.github/workflows/deploy.yml')).toThrow(
      expect.objectContaining({
        code: 'ATTESTATION_UNVERIFIED',
        message: expect.stringMatching(why),
      }) as StepError,
    );
  });
});

describe('verify-image step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('reads the manifest by digest from ECR in its region and verifies exactly that file', async () => {
    const fake = fakeCommands();

    const result = await env.run(() => run(fake.command), {
      image_uri: IMAGE,
      repository: REPO,
      region: 'eu-west-1',
    });

    expect(result.failed).toBe(false);
    expect(fake.calls.map((c) => c.binary)).toEqual(['aws', 'gh']);
    expect(fake.calls[0]?.args).toEqual(
      expect.arrayContaining(['batch-get-image', '--region', 'eu-west-1', `imageDigest=${DIGEST}`]),
    );
    expect(fake.calls[1]?.file).toMatch(/manifest\.json$/);
    expect(fake.calls[1]?.args).toContain(`${REPO}/.github/workflows/deploy.yml`);
    expect(result.outputs).toEqual({ digest: DIGEST, verified: '1' });
    expect(result.summary).toContain('verified');
  });

  it('fails with a clear message when the attestation does not verify', async () => {
    const fake = fakeCommands({ gh: { status: 1, stdout: '', stderr: 'Error: verification failed' } });

    const result = await env.run(() => run(fake.command), {
      image_uri: IMAGE,
      repository: REPO,
      region: 'eu-west-1',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('ATTESTATION_UNVERIFIED');
    expect(result.log).toContain("Only an image built and attested by this repository's deploy workflow");
    expect(result.outputs).toEqual({});
  });

  it('never asks gh about a manifest that is not the digest', async () => {
    const fake = fakeCommands({ manifest: '{"other":true}' });

    const result = await env.run(() => run(fake.command), {
      image_uri: IMAGE,
      repository: REPO,
      region: 'eu-west-1',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('DIGEST_MISMATCH');
    expect(fake.calls.map((c) => c.binary)).toEqual(['aws']);
  });

  it('refuses a repository that is not owner/name, before any call', async () => {
    const fake = fakeCommands();
    const result = await env.run(() => run(fake.command), {
      image_uri: IMAGE,
      repository: 'x',
      region: 'eu-west-1',
    });
    expect(result.failed).toBe(true);
    expect(fake.calls).toEqual([]);
  });
});
