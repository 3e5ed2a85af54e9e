/**
 * smoke-test step: runs the post-deploy smoke test and summarises it.
 *
 * Inputs: ingest_bucket, processed_bucket, region (optional), timeout_seconds (default 300),
 *         sample_file (default the bundled sample export), upload_id (optional, unique).
 * Outputs: upload_key, report_key. AWS_ENDPOINT_URL, when set, points at the emulator.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { s3Client } from '../empty-bucket/run.js';
import { integerInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { newUploadId, reportHighlights, runSmokeTest } from './smoke.js';

export const SAMPLE_EXPORT = fileURLToPath(new URL('./sample-export.csv', import.meta.url));

export async function run(): Promise<void> {
  await runStep(async () => {
    const result = await runSmokeTest({
      client: s3Client(optionalInput('region')),
      ingestBucket: requiredInput('ingest_bucket'),
      processedBucket: requiredInput('processed_bucket'),
      body: readFileSync(optionalInput('sample_file') ?? SAMPLE_EXPORT, 'utf8'),
      uploadId: optionalInput('upload_id') ?? newUploadId(),
      timeoutMs: integerInput('timeout_seconds', 300, { min: 1, max: 3600 }) * 1000,
      pollMs: integerInput('poll_milliseconds', 3000, { min: 10, max: 60_000 }),
      onProgress: (line) => core.info(line),
    });
    core.setOutput('upload_key', result.uploadKey);
    core.setOutput('report_key', result.reportKey);
    await core.summary
      .addHeading('Smoke test passed', 3)
      .addTable([
        [
          { data: 'Uploaded', header: true },
          { data: 'Report', header: true },
          { data: 'Waited', header: true },
        ],
        [result.uploadKey, result.reportKey, `${Math.round(result.waitedMs / 1000)} s`],
      ])
      .addTable([
        [
          { data: 'Report field', header: true },
          { data: 'Value', header: true },
        ],
        ...reportHighlights(result.report),
      ])
      .write();
  });
}
