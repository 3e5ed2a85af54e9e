/**
 * Pure part of verify-image: the image reference, the manifest check and the exact
 * `gh attestation verify` command line, and how its result is read.
 *
 * The artifact gh verifies is the image's manifest, read from ECR by digest into a file:
 * an image's digest is the sha256 of its manifest bytes, so verifying that file verifies
 * the attestation of exactly that digest. (`gh attestation verify oci://<image>` would read
 * the same manifest through the registry API, which needs `docker login`, that is
 * ecr:GetAuthorizationToken, which the deploy roles do not have; the ECR API call below
 * needs only ecr:BatchGetImage, which they have for Lambda.)
 */
import { createHash } from 'node:crypto';
import { StepError } from '../lib/errors.js';

export interface ImageRef {
  readonly registry: string;
  readonly repository: string;
  readonly digest: string;
}

const IMAGE_BY_DIGEST = /^([^/\s]+)\/([a-z0-9]+(?:[._/-][a-z0-9]+)*)@(sha256:[0-9a-f]{64})$/;
const REPOSITORY_NAME = /^[\w.-]+\/[\w.-]+$/;

export function parseImageUri(uri: string): ImageRef {
  const match = IMAGE_BY_DIGEST.exec(uri.trim());
  if (!match) {
    throw new StepError(
      'INVALID_INPUT',
      `'${uri}' is not an image by digest (<registry>/<repository>@sha256:...); only a digest can be verified.`,
    );
  }
  return { registry: match[1] as string, repository: match[2] as string, digest: match[3] as string };
}

export function checkRepository(value: string): string {
  if (!REPOSITORY_NAME.test(value)) {
    throw new StepError('INVALID_INPUT', `Input 'repository' must be <owner>/<name> (got '${value}').`);
  }
  return value;
}

/** Media types of a single-platform image (what Lambda runs and the image job pushes). */
export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
] as const;

/** `aws ecr batch-get-image` reading the manifest of `image` by digest. */
export function batchGetImageArgs(image: ImageRef, region: string): string[] {
  return [
    'ecr',
    'batch-get-image',
    '--region',
    region,
    '--repository-name',
    image.repository,
    '--image-ids',
    `imageDigest=${image.digest}`,
    '--accepted-media-types',
    ...MANIFEST_TYPES,
    '--output',
    'json',
  ];
}

/** The manifest bytes from batch-get-image's answer, checked to hash to the digest. */
export function manifestOf(batchGetImageJson: string, image: ImageRef): string {
  const manifest = (JSON.parse(batchGetImageJson) as { images?: { imageManifest?: string }[] }).images?.[0]
    ?.imageManifest;
  if (manifest === undefined) {
    throw new StepError('IMAGE_NOT_FOUND', `ECR has no image ${image.repository}@${image.digest}.`);
  }
  const digest = `sha256:${createHash('sha256').update(manifest, 'utf8').digest('hex')}`;
  if (digest !== image.digest) {
    throw new StepError(
      'DIGEST_MISMATCH',
      `The manifest ECR returned for ${image.digest} hashes to ${digest}; it cannot stand for the image.`,
    );
  }
  return manifest;
}

/**
 * `gh attestation verify`: a SLSA provenance attestation (gh's default predicate type) of
 * the manifest's digest, linked with `repository`, signed by a run of `signerWorkflow` in
 * it on a GitHub-hosted runner.
 */
export function verifyArgs(artifactPath: string, repository: string, signerWorkflow: string): string[] {
  return [
    'attestation',
    'verify',
    artifactPath,
    '--repo',
    repository,
    '--signer-workflow',
    `${repository}/${signerWorkflow}`,
    '--deny-self-hosted-runners',
    '--format',
    'json',
  ];
}

export interface CommandRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How many attestations verified, or ATTESTATION_UNVERIFIED with what gh said. */
export function verifiedCount(
  result: CommandRun,
  image: ImageRef,
  repository: string,
  signer: string,
): number {
  const refused = (why: string) =>
    new StepError(
      'ATTESTATION_UNVERIFIED',
      `${image.repository}@${image.digest} has no build provenance attestation from ${repository}/${signer} that verifies (${why}). Only an image built and attested by this repository's deploy workflow may be deployed; nothing was planned or applied. Deploy a commit whose image job ran with attestation, or rebuild it.`,
    );
  if (result.status !== 0) {
    throw refused(
      result.stderr.trim().split('\n').slice(-3).join(' ') || `gh exit ${result.status ?? 'signal'}`,
    );
  }
  let results: unknown;
  try {
    results = JSON.parse(result.stdout);
  } catch {
    throw refused('gh printed no JSON');
  }
  if (!Array.isArray(results) || results.length === 0) throw refused('gh verified no attestation');
  return results.length;
}
