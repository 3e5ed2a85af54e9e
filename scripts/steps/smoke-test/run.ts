/**
 * smoke-test step: runs the post-deploy smoke test and summarises it.
 *
 * Inputs: ingest_bucket, processed_bucket, region (optional), timeout_seconds (default 300),
 *         poll_milliseconds (default 3000), upload_name (optional file name, unique per run),
 *         sample_file (default the bundled sample export) with expected_sessions and
 *         expected_sets (default the bundled sample's counts; expected_sessions is required
 *         with another sample_file).
 * Outputs: upload_key, upload_id, report_key. AWS_ENDPOINT_URL, when set, points at the emulator.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { s3Client } from '../empty-bucket/run.js';
import { StepError } from '../lib/errors.js';
import { integerInput, optionalInput, requiredInput, runStep } from '../lib/inputs.js';
import { type ExpectedCounts, reportHighlights, runSmokeTest, SAMPLE_EXPORT_COUNTS } from './smoke.js';

export const SAMPLE_EXPORT = fileURLToPath(new URL('./sample-export.csv', import.meta.url));

/** The counts the report must show: the bundled sample's, or the inputs for another sample. */
export function expectedCounts(sampleFile: string | undefined): ExpectedCounts {
  if (sampleFile === undefined) {
    return {
      sessions: integerInput('expected_sessions', SAMPLE_EXPORT_COUNTS.sessions, { min: 1 }),
      sets: integerInput('expected_sets', SAMPLE_EXPORT_COUNTS.sets, { min: 0 }),
    };
  }
  if (optionalInput('expected_sessions') === undefined) {
    throw new StepError(
      'INVALID_INPUT',
      `Input 'expected_sessions' is required with sample_file (env INPUT_EXPECTED_SESSIONS): how many sessions ${sampleFile} holds.`,
    );
  }
  const sessions = integerInput('expected_sessions', 0, { min: 1 });
  const sets = optionalInput('expected_sets');
  return sets === undefined ? { sessions } : { sessions, sets: integerInput('expected_sets', 0, { min: 0 }) };
}

export async function run(): Promise<void> {
  await runStep(async () => {
    const sampleFile = optionalInput('sample_file');
    const expected = expectedCounts(sampleFile);
    const uploadName = optionalInput('upload_name');
    const result = await runSmokeTest({
      client: s3Client(optionalInput('region')),
      ingestBucket: requiredInput('ingest_bucket'),
      processedBucket: requiredInput('processed_bucket'),
      body: readFileSync(sampleFile ?? SAMPLE_EXPORT, 'utf8'),
      ...(uploadName === undefined ? {} : { uploadName }),
      expected,
      timeoutMs: integerInput('timeout_seconds', 300, { min: 1, max: 3600 }) * 1000,
      pollMs: integerInput('poll_milliseconds', 3000, { min: 10, max: 60_000 }),
      onProgress: (line) => core.info(line),
    });
    core.setOutput('upload_key', result.uploadKey);
    core.setOutput('upload_id', result.uploadId);
    core.setOutput('report_key', result.reportKey);
    await core.summary
      .addHeading('Smoke test passed', 3)
      .addTable([
        [
          { data: 'Uploaded', header: true },
          { data: 'Upload id', header: true },
          { data: 'Report', header: true },
          { data: 'Waited', header: true },
        ],
        [result.uploadKey, result.uploadId, result.reportKey, `${Math.round(result.waitedMs / 1000)} s`],
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
