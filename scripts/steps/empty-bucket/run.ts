/**
 * Empty buckets before a teardown (prod buckets are never force-destroyable, and a
 * versioned bucket keeps old versions and delete markers that block deletion).
 *
 * Inputs: buckets (one bucket name per line), region (optional; the SDK's default chain
 *         otherwise). AWS_ENDPOINT_URL, when set, points at the emulator.
 * Outputs: versions_deleted, delete_markers_deleted (totals). Writes a summary table.
 */
import * as core from '@actions/core';
import { S3Client } from '@aws-sdk/client-s3';
import { StepError } from '../lib/errors.js';
import { optionalInput, runStep } from '../lib/inputs.js';
import { type EmptyBucketResult, emptyBucket } from './empty.js';

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseBuckets(lines: readonly string[]): string[] {
  const buckets = [...new Set(lines.map((l) => l.trim()).filter((l) => l !== ''))];
  if (buckets.length === 0) throw new StepError('INVALID_INPUT', "Input 'buckets' names no bucket.");
  const bad = buckets.filter((b) => !BUCKET_NAME.test(b));
  if (bad.length > 0) throw new StepError('INVALID_INPUT', `Not S3 bucket names: ${bad.join(', ')}.`);
  return buckets;
}

export function s3Client(region: string | undefined, env: NodeJS.ProcessEnv = process.env): S3Client {
  // Path-style only against an emulator: a bucket sub-domain of 127.0.0.1 does not resolve.
  return new S3Client({ region, forcePathStyle: Boolean(env.AWS_ENDPOINT_URL) });
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const buckets = parseBuckets(core.getMultilineInput('buckets'));
    const client = s3Client(optionalInput('region'));
    const results: EmptyBucketResult[] = [];
    for (const bucket of buckets) {
      results.push(await emptyBucket(client, bucket, { onProgress: (line) => core.info(line) }));
    }
    const total = (pick: (r: EmptyBucketResult) => number) => results.reduce((sum, r) => sum + pick(r), 0);
    core.setOutput(
      'versions_deleted',
      total((r) => r.versionsDeleted),
    );
    core.setOutput(
      'delete_markers_deleted',
      total((r) => r.deleteMarkersDeleted),
    );
    await core.summary
      .addHeading('Emptied buckets', 3)
      .addTable([
        [
          { data: 'Bucket', header: true },
          { data: 'Object versions deleted', header: true },
          { data: 'Delete markers deleted', header: true },
          { data: 'Note', header: true },
        ],
        ...results.map((r) => [
          r.bucket,
          String(r.versionsDeleted),
          String(r.deleteMarkersDeleted),
          r.existed ? '' : 'bucket did not exist',
        ]),
      ])
      .write();
  });
}
