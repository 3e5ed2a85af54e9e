/**
 * verify-image: the deploy job's check, before terraform runs, that the image about to be
 * deployed was built by this repository's deploy workflow: its build provenance attestation
 * (made by the image job with actions/attest-build-provenance) must verify for the exact
 * digest. Reads the manifest by digest from ECR (AWS CLI, the deploy role's
 * ecr:BatchGetImage), checks it hashes to the digest, and runs `gh attestation verify` on it
 * with --repo and --signer-workflow (GH_TOKEN: the job's token, with attestations: read).
 *
 * Inputs: image_uri (<registry>/<repository>@sha256:...), repository (github.repository),
 *         region (the ECR repository's region), signer_workflow (default
 *         .github/workflows/deploy.yml).
 * Outputs: digest, verified (the number of attestations that verified). Writes a summary line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { StepError } from '../lib/errors.js';
import { optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import {
  batchGetImageArgs,
  type CommandRun,
  checkRepository,
  manifestOf,
  parseImageUri,
  verifiedCount,
  verifyArgs,
} from './verify.js';

/** Runs `<binary> <args>` (aws or gh) and returns its status and output. */
export type Command = (binary: 'aws' | 'gh', args: readonly string[]) => CommandRun;

export const spawnCommand: Command = (binary, args) => {
  const result = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (result.error) {
    throw new StepError('ATTESTATION_UNVERIFIED', `Cannot run ${binary}: ${result.error.message}`, {
      cause: result.error,
    });
  }
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
};

export const DEFAULT_SIGNER_WORKFLOW = '.github/workflows/deploy.yml';

export async function run(command: Command = spawnCommand): Promise<void> {
  await runStep(async () => {
    const image = parseImageUri(requiredInput('image_uri'));
    const repository = checkRepository(requiredInput('repository'));
    const region = requiredInput('region');
    const signer = optionalInput('signer_workflow') ?? DEFAULT_SIGNER_WORKFLOW;
    const read = command('aws', batchGetImageArgs(image, region));
    if (read.status !== 0) {
      throw new StepError(
        'IMAGE_NOT_FOUND',
        `Cannot read ${image.repository}@${image.digest} from ECR: ${read.stderr.trim()}`,
      );
    }
    const manifest = manifestOf(read.stdout, image);
    const dir = mkdtempSync(join(process.env.RUNNER_TEMP ?? tmpdir(), 'verify-image-'));
    let count: number;
    try {
      const path = join(dir, 'manifest.json');
      writeFileSync(path, manifest);
      count = verifiedCount(command('gh', verifyArgs(path, repository, signer)), image, repository, signer);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    core.setOutput('digest', image.digest);
    core.setOutput('verified', String(count));
    const line = `Build provenance of ${image.repository}@${image.digest} verified: attested by ${repository}/${signer}.`;
    core.info(line);
    await core.summary.addRaw(line, true).write();
  });
}
