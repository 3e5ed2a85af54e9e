import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifestJson, resolveImage } from '../../../scripts/steps/resolve-image/resolve.js';
import { run } from '../../../scripts/steps/resolve-image/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const SHA = 'a'.repeat(40);
const DIGEST = `sha256:${'b'.repeat(64)}`;
const REGISTRY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const REPOSITORY = 'workout-pipeline-processor';
const CONFIG = `sha256:${'d'.repeat(64)}`;

// Shape of `aws ecr describe-images --repository-name ... --image-ids imageTag=<sha> --output json`.
const describeImages = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    imageDetails: [
      {
        registryId: '123456789012',
        repositoryName: REPOSITORY,
        imageDigest: DIGEST,
        imageTags: [SHA],
        imageSizeInBytes: 123456,
        imageManifestMediaType: 'application/vnd.oci.image.manifest.v1+json',
        ...overrides,
      },
    ],
  });

describe('resolve-image step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('outputs the digest reference that every environment deploys', async () => {
    // Prepare
    const manifest = env.file('describe.json', describeImages());

    // Act
    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: manifest,
      pushed_digest: DIGEST,
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      tag: SHA,
      digest: DIGEST,
      image_uri: `${REGISTRY}/${REPOSITORY}@${DIGEST}`,
      tagged_image: `${REGISTRY}/${REPOSITORY}:${SHA}`,
    });
    expect(result.summary).toContain(DIGEST);
  });

  it('resolves an older commit from the registry alone when nothing was built in this run', async () => {
    const manifest = env.file('describe.json', describeImages());

    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: manifest,
    });

    expect(result.failed).toBe(false);
    expect(result.outputs.image_uri).toBe(`${REGISTRY}/${REPOSITORY}@${DIGEST}`);
    expect(result.summary).toContain('existing image');
  });

  it('fails when the registry holds a different image for the tag than the build pushed', async () => {
    const manifest = env.file('describe.json', describeImages());

    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: manifest,
      pushed_digest: `sha256:${'c'.repeat(64)}`,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('DIGEST_MISMATCH');
    expect(result.outputs).toEqual({});
  });

  it.each([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
  ])('refuses an image pushed as an index (%s), naming the media type', async (mediaType) => {
    // What `docker push` after `load: true` can push from Docker's containerd image store.
    const manifest = env.file('describe.json', describeImages({ imageManifestMediaType: mediaType }));

    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: manifest,
      pushed_digest: DIGEST,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('IMAGE_IS_INDEX');
    expect(result.log).toContain(mediaType);
    expect(result.outputs).toEqual({});
  });

  it('promotes a Docker v2 image manifest, what the buildx push step writes', async () => {
    const manifest = env.file(
      'describe.json',
      describeImages({ imageManifestMediaType: 'application/vnd.docker.distribution.manifest.v2+json' }),
    );

    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: manifest,
      pushed_digest: DIGEST,
      scanned_image_id: CONFIG,
      pushed_image_id: CONFIG,
    });

    expect(result.failed).toBe(false);
    expect(result.outputs.image_uri).toBe(`${REGISTRY}/${REPOSITORY}@${DIGEST}`);
  });

  it('fails when the pushed image is not the one Trivy scanned, and says how to clean up', async () => {
    const manifest = env.file('describe.json', describeImages());

    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: manifest,
      pushed_digest: DIGEST,
      scanned_image_id: CONFIG,
      pushed_image_id: `sha256:${'e'.repeat(64)}`,
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('IMAGE_NOT_SCANNED');
    expect(result.log).toContain('batch-delete-image');
    expect(result.outputs).toEqual({});
  });

  it('fails when the registry answer file is missing', async () => {
    const result = await env.run(run, {
      registry: REGISTRY,
      repository: REPOSITORY,
      sha: SHA,
      manifest_file: '/nonexistent/describe.json',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('IMAGE_NOT_FOUND');
  });
});

describe('resolving an image reference', () => {
  const manifest = {
    digest: DIGEST,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    tags: [SHA],
  };

  it('refuses an image index, which Lambda cannot run', () => {
    expect(() =>
      resolveImage({
        registry: REGISTRY,
        repository: REPOSITORY,
        sha: SHA,
        manifest: { ...manifest, mediaType: 'application/vnd.oci.image.index.v1+json' },
      }),
    ).toThrow(expect.objectContaining({ code: 'IMAGE_IS_INDEX' }));
  });

  it.each([
    ['a manifest list', 'application/vnd.docker.distribution.manifest.list.v2+json', 'IMAGE_IS_INDEX'],
    ['an artifact manifest', 'application/vnd.oci.artifact.manifest.v1+json', 'IMAGE_MEDIA_TYPE'],
    ['no media type at all', undefined, 'IMAGE_MEDIA_TYPE'],
  ])('refuses %s', (_label, mediaType, code) => {
    expect(() =>
      resolveImage({
        registry: REGISTRY,
        repository: REPOSITORY,
        sha: SHA,
        manifest: { ...manifest, mediaType },
      }),
    ).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(mediaType ?? '(none reported)') }),
    );
  });

  it.each([
    ['only the scanned image ID', { scannedImageId: CONFIG }],
    ['only the pushed image ID', { pushedImageId: CONFIG }],
    ['two different image IDs', { scannedImageId: CONFIG, pushedImageId: `sha256:${'f'.repeat(64)}` }],
  ])('refuses %s: the pushed image must be shown to be the scanned one', (_label, ids) => {
    expect(() =>
      resolveImage({
        registry: REGISTRY,
        repository: REPOSITORY,
        sha: SHA,
        manifest,
        pushedDigest: DIGEST,
        ...ids,
      }),
    ).toThrow(expect.objectContaining({ code: 'IMAGE_NOT_SCANNED' }));
  });

  it.each([
    ['a short SHA', 'abc1234'],
    ['an upper-case SHA', 'A'.repeat(40)],
    ['a branch name', 'main'],
  ])('refuses %s as the tag', (_label, sha) => {
    expect(() => resolveImage({ registry: REGISTRY, repository: REPOSITORY, sha, manifest })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('refuses a registry that is not ECR', () => {
    expect(() => resolveImage({ registry: 'docker.io', repository: REPOSITORY, sha: SHA, manifest })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('refuses a digest that is not sha256', () => {
    expect(() =>
      resolveImage({
        registry: REGISTRY,
        repository: REPOSITORY,
        sha: SHA,
        manifest: { ...manifest, digest: 'sha256:abc' },
      }),
    ).toThrow(expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }));
  });

  it('reads the digest of a docker buildx imagetools inspect descriptor', () => {
    // Shape of `docker buildx imagetools inspect <ref> --format '{{json .Manifest}}'`.
    const text = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: DIGEST,
      size: 1234,
    });

    expect(parseManifestJson(text, SHA)).toEqual({
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      tags: undefined,
    });
  });

  it('reports a missing image when describe-images has no image with the tag', () => {
    expect(() => parseManifestJson(describeImages({ imageTags: ['other'] }), SHA)).toThrow(
      expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }),
    );
  });

  it('reports a missing image when the registry answer is not JSON', () => {
    expect(() => parseManifestJson('An error occurred (ImageNotFoundException)', SHA)).toThrow(
      expect.objectContaining({ code: 'IMAGE_NOT_FOUND' }),
    );
  });
});
