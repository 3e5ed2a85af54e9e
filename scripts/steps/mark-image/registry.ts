/**
 * Moving a deploy marker tag onto an image in ECR: read the image's manifest by digest and put
 * it again under the marker tag (a tag on an existing image; no layer is uploaded). Runs the
 * AWS CLI, which every GitHub runner has; the project has no ECR SDK client.
 */
import { spawnSync } from 'node:child_process';
import { StepError } from '../lib/errors.js';

export interface AwsRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `aws <args>` and returns its exit status and output. */
export type Aws = (args: readonly string[]) => AwsRun;

export const spawnAws: Aws = (args) => {
  const result = spawnSync('aws', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) {
    throw new StepError('IMAGE_MARK_FAILED', `Cannot run the AWS CLI: ${result.error.message}`, {
      cause: result.error,
    });
  }
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
};

/** Media types Lambda accepts: a single-platform Docker or OCI manifest. */
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
];

export type TagResult = 'tagged' | 'already-tagged';

/** Puts `tag` on the image `digest` of `repository`; a marker already there is left as it is. */
export function tagImage(aws: Aws, repository: string, digest: string, tag: string): TagResult {
  const read = aws([
    'ecr',
    'batch-get-image',
    '--repository-name',
    repository,
    '--image-ids',
    `imageDigest=${digest}`,
    '--accepted-media-types',
    ...MANIFEST_TYPES,
    '--output',
    'json',
  ]);
  if (read.status !== 0) {
    throw new StepError('IMAGE_MARK_FAILED', `Cannot read ${repository}@${digest}: ${read.stderr.trim()}`);
  }
  const image = (
    JSON.parse(read.stdout) as { images?: { imageManifest?: string; imageManifestMediaType?: string }[] }
  ).images?.[0];
  if (!image?.imageManifest) {
    throw new StepError(
      'IMAGE_NOT_FOUND',
      `ECR has no image ${repository}@${digest} (expired or deleted?); it cannot be marked ${tag}.`,
    );
  }
  const put = aws([
    'ecr',
    'put-image',
    '--repository-name',
    repository,
    '--image-tag',
    tag,
    '--image-digest',
    digest,
    '--image-manifest',
    image.imageManifest,
    ...(image.imageManifestMediaType ? ['--image-manifest-media-type', image.imageManifestMediaType] : []),
    '--output',
    'json',
  ]);
  if (put.status === 0) return 'tagged';
  // PutImage refuses a tag that already names this very manifest.
  if (put.stderr.includes('ImageAlreadyExistsException')) return 'already-tagged';
  throw new StepError(
    'IMAGE_MARK_FAILED',
    `Cannot tag ${repository}@${digest} as ${tag}: ${put.stderr.trim()}`,
  );
}
