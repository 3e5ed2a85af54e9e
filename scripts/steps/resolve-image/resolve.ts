/**
 * Pure logic of resolve-image: which image a deploy promotes. The tag is the full commit
 * SHA (ECR tags are immutable), the deploy reference is the digest, read back from the
 * registry (`aws ecr describe-images` JSON or `docker buildx imagetools inspect --format
 * '{{json .Manifest}}'`), so every environment runs the very bytes that were scanned.
 */
import { ECR_IMAGE_BY_DIGEST } from '../../../stacks/config/index.js';
import { StepError } from '../lib/errors.js';

export const COMMIT_SHA = /^[0-9a-f]{40}$/;
export const DIGEST = /^sha256:[0-9a-f]{64}$/;
export const ECR_REGISTRY = /^\d{12}\.dkr\.ecr\.[a-z]{2}(?:-gov)?-[a-z]+-\d\.amazonaws\.com(?:\.cn)?$/;
export const ECR_REPOSITORY = /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/;

/**
 * Manifest media types Lambda rejects: a multi-platform index (or provenance attached). A
 * `docker push` after `load: true` can push one on runners whose Docker uses the containerd
 * image store; deploy.yml therefore pushes from buildx, and this is the check that it worked.
 */
export const INDEX_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
] as const;

/** The single-platform image manifests Lambda runs (Docker image manifest v2 and OCI). */
export const IMAGE_MANIFEST_MEDIA_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
] as const;

export interface RegistryManifest {
  readonly digest: string;
  readonly mediaType: string | undefined;
  /** Tags the registry reports for this digest (describe-images only). */
  readonly tags: readonly string[] | undefined;
}

export interface ResolvedImage {
  readonly tag: string;
  readonly digest: string;
  /** `<registry>/<repository>@sha256:...`: what the stacks deploy. */
  readonly imageUri: string;
  /** `<registry>/<repository>:<sha>`: for people and scanners. */
  readonly taggedImage: string;
}

function invalid(message: string): StepError {
  return new StepError('INVALID_INPUT', message);
}

/** Reads either describe-images output or an imagetools manifest descriptor. */
export function parseManifestJson(text: string, tag: string): RegistryManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new StepError(
      'IMAGE_NOT_FOUND',
      'The registry answer is not JSON; did the describe/inspect command fail?',
      {
        cause,
      },
    );
  }
  if (typeof data !== 'object' || data === null)
    throw new StepError('IMAGE_NOT_FOUND', 'The registry answer is empty.');
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.imageDetails)) {
    const details = record.imageDetails as Array<Record<string, unknown>>;
    const match = details.filter(
      (d) => Array.isArray(d.imageTags) && (d.imageTags as unknown[]).includes(tag),
    );
    const detail = match[0];
    if (!detail) {
      throw new StepError(
        'IMAGE_NOT_FOUND',
        `No image tagged ${tag} in the registry answer. Was it built and pushed?`,
      );
    }
    return {
      digest: String(detail.imageDigest ?? ''),
      mediaType:
        typeof detail.imageManifestMediaType === 'string' ? detail.imageManifestMediaType : undefined,
      tags: (detail.imageTags as unknown[]).map(String),
    };
  }
  const descriptor = (
    typeof record.manifest === 'object' && record.manifest !== null ? record.manifest : record
  ) as Record<string, unknown>;
  if (typeof descriptor.digest !== 'string') {
    throw new StepError(
      'IMAGE_NOT_FOUND',
      'The registry answer has neither imageDetails nor a manifest digest.',
    );
  }
  return {
    digest: descriptor.digest,
    mediaType: typeof descriptor.mediaType === 'string' ? descriptor.mediaType : undefined,
    tags: undefined,
  };
}

export interface ResolveImageInput {
  readonly registry: string;
  readonly repository: string;
  readonly sha: string;
  readonly manifest: RegistryManifest;
  /** Digest the build step reported, if this run built the image. */
  readonly pushedDigest?: string | undefined;
  /**
   * Image IDs (config digests) buildx reported for the image Trivy scanned and for the one it
   * pushed, if this run built the image. The config lists every layer's content digest, so
   * equal IDs mean the pushed image is the scanned one, whatever its manifest's media type.
   */
  readonly scannedImageId?: string | undefined;
  readonly pushedImageId?: string | undefined;
}

export function resolveImage(input: ResolveImageInput): ResolvedImage {
  const { registry, repository, sha, manifest, pushedDigest, scannedImageId, pushedImageId } = input;
  if (!COMMIT_SHA.test(sha)) {
    throw invalid(
      `'${sha}' is not a full commit SHA (40 lowercase hex characters); images are tagged with the full SHA.`,
    );
  }
  if (!ECR_REGISTRY.test(registry)) {
    throw invalid(`'${registry}' is not an ECR registry (<account>.dkr.ecr.<region>.amazonaws.com).`);
  }
  if (!ECR_REPOSITORY.test(repository)) throw invalid(`'${repository}' is not an ECR repository name.`);
  if (!DIGEST.test(manifest.digest)) {
    throw new StepError(
      'IMAGE_NOT_FOUND',
      `The registry reported '${manifest.digest}', not a sha256 digest.`,
    );
  }
  if (
    manifest.mediaType !== undefined &&
    (INDEX_MEDIA_TYPES as readonly string[]).includes(manifest.mediaType)
  ) {
    throw new StepError(
      'IMAGE_IS_INDEX',
      `${registry}/${repository}:${sha} is an image index (${manifest.mediaType}); Lambda needs a single-platform image manifest. Push it from buildx with platforms linux/amd64, provenance: false, sbom: false and oci-mediatypes=false, not with docker push.`,
    );
  }
  if (
    manifest.mediaType === undefined ||
    !(IMAGE_MANIFEST_MEDIA_TYPES as readonly string[]).includes(manifest.mediaType)
  ) {
    throw new StepError(
      'IMAGE_MEDIA_TYPE',
      `${registry}/${repository}:${sha} has manifest media type ${manifest.mediaType ?? '(none reported)'}; Lambda runs only ${IMAGE_MANIFEST_MEDIA_TYPES.join(' or ')}.`,
    );
  }
  if (manifest.tags !== undefined && !manifest.tags.includes(sha)) {
    throw new StepError('IMAGE_NOT_FOUND', `The registry's image ${manifest.digest} is not tagged ${sha}.`);
  }
  if (pushedDigest !== undefined && pushedDigest !== manifest.digest) {
    throw new StepError(
      'DIGEST_MISMATCH',
      `The build pushed ${pushedDigest} but ${sha} resolves to ${manifest.digest} in the registry. Tags are immutable, so an image for this commit already existed; re-run for a new commit or delete the stale image.`,
    );
  }
  if (scannedImageId !== undefined || pushedImageId !== undefined) {
    if (scannedImageId === undefined || pushedImageId === undefined || scannedImageId !== pushedImageId) {
      throw new StepError(
        'IMAGE_NOT_SCANNED',
        `The pushed image (image ID ${pushedImageId ?? 'not reported'}) is not the image Trivy scanned (image ID ${scannedImageId ?? 'not reported'}). It is tagged ${sha} in ECR now, and a re-run would promote it unscanned: delete it first (aws ecr batch-delete-image --repository-name ${repository} --image-ids imageTag=${sha}), then re-run.`,
      );
    }
  }
  const imageUri = `${registry}/${repository}@${manifest.digest}`;
  if (!ECR_IMAGE_BY_DIGEST.test(imageUri)) throw invalid(`'${imageUri}' is not an ECR image by digest.`);
  return { tag: sha, digest: manifest.digest, imageUri, taggedImage: `${registry}/${repository}:${sha}` };
}
