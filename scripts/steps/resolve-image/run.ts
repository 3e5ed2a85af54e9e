/**
 * resolve-image: turns "the image of commit <sha>" into the digest reference every
 * environment deploys.
 *
 * Inputs: registry, repository, sha (full commit SHA = tag), manifest_file (JSON from
 *         `aws ecr describe-images --image-ids imageTag=<sha>` or `docker buildx imagetools
 *         inspect --format '{{json .Manifest}}'`), pushed_digest (optional, from the build),
 *         scanned_image_id and pushed_image_id (optional, together: the image IDs buildx
 *         reported for the image Trivy scanned and the one it pushed; they must be equal).
 * Outputs: tag, digest, image_uri, tagged_image. Writes a summary table.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { StepError } from '../lib/errors.js';
import { optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { parseManifestJson, resolveImage } from './resolve.js';

export async function run(): Promise<void> {
  await runStep(async () => {
    const sha = requiredInput('sha');
    const path = requiredInput('manifest_file');
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new StepError('IMAGE_NOT_FOUND', `Cannot read the registry answer at ${path}.`, { cause });
    }
    const pushedDigest = optionalInput('pushed_digest');
    const image = resolveImage({
      registry: requiredInput('registry'),
      repository: requiredInput('repository'),
      sha,
      manifest: parseManifestJson(text, sha),
      pushedDigest,
      scannedImageId: optionalInput('scanned_image_id'),
      pushedImageId: optionalInput('pushed_image_id'),
    });
    core.setOutput('tag', image.tag);
    core.setOutput('digest', image.digest);
    core.setOutput('image_uri', image.imageUri);
    core.setOutput('tagged_image', image.taggedImage);
    core.notice(`Promoting ${image.imageUri}`);
    await core.summary
      .addHeading('Image promoted through dev, staging and prod', 3)
      .addTable([
        [
          { data: 'Tag (commit)', header: true },
          { data: 'Digest', header: true },
          { data: 'Built in this run', header: true },
        ],
        [image.tag, image.digest, pushedDigest === undefined ? 'no (existing image)' : 'yes'],
      ])
      .write();
  });
}
