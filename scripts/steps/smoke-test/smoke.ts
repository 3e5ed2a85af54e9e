/**
 * The post-deploy smoke test: upload a small export to the ingest bucket under
 * uploads/<athlete>/<name>.csv, work out the upload id the function gives that exact object
 * version (the same `uploadIdOf` the function runs: bucket, key, and the versionId from the
 * PutObject response, else the unquoted eTag), and wait for the report at exactly
 * `outputKeysOf(athlete, uploadId).report` in the processed bucket. The report must say
 * `status: ok` and count the sample's sessions. Proves the notification, the image, the role
 * and both buckets work together, without touching real athletes' data.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { outputKeysOf, uploadIdOf } from '../../../lambda/src/core/upload-id.js';
import type { UploadCounts, UploadReport } from '../../../lambda/src/core/upload-report.js';
import { SMOKE_ATHLETE } from '../../../stacks/config/naming.js';
import { StepError } from '../lib/errors.js';

/** Smoke uploads belong to this athlete, never to a real person; the deploy roles may touch no other. */
export { SMOKE_ATHLETE };

/** What the bundled sample-export.csv holds (a unit test checks it against the core). */
export const SAMPLE_EXPORT_COUNTS = { sessions: 1, sets: 2 } as const;

const UPLOAD_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

/** A file name no earlier smoke run used, so each run is a new object (and a new report). */
export function newUploadName(now: Date = new Date()): string {
  return `smoke-${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}

/** `uploads/<athlete>/<name>.csv`: the athlete is the folder the function reads it from. */
export function smokeUploadKey(name: string, athlete: string = SMOKE_ATHLETE): string {
  if (!UPLOAD_NAME.test(name)) {
    throw new StepError('INVALID_INPUT', `Upload name '${name}' must be letters, digits, '.', '_' or '-'.`);
  }
  return `uploads/${athlete}/${name}.csv`;
}

export interface UploadedObject {
  readonly bucket: string;
  readonly key: string;
  /** From the PutObject response; undefined when the bucket is not versioned. */
  readonly versionId: string | undefined;
  /** From the PutObject response, quoted as S3 returns it. */
  readonly eTag: string | undefined;
}

export interface SmokeReportLocation {
  readonly athlete: string;
  readonly uploadId: string;
  readonly reportKey: string;
}

/**
 * Where the function writes the report of this exact object version. The event the function
 * gets carries the versionId on a versioned bucket and the eTag without quotes, so the same
 * values are taken from the PutObject response here.
 */
export function reportLocationOf(
  upload: UploadedObject,
  athlete: string = SMOKE_ATHLETE,
): SmokeReportLocation {
  const eTag = (upload.eTag ?? '').replace(/"/g, '');
  if (!upload.versionId && eTag === '') {
    throw new StepError(
      'SMOKE_UPLOAD_UNIDENTIFIED',
      `PutObject of s3://${upload.bucket}/${upload.key} returned neither a versionId nor an ETag, so the upload id the function uses cannot be known.`,
    );
  }
  const uploadId = uploadIdOf({ bucket: upload.bucket, key: upload.key, versionId: upload.versionId, eTag });
  return { athlete, uploadId, reportKey: outputKeysOf(athlete, uploadId).report };
}

export interface ExpectedCounts {
  readonly sessions: number;
  /** When given, the report's set count must match too. */
  readonly sets?: number;
}

export interface SmokeTestOptions {
  readonly client: S3Client;
  readonly ingestBucket: string;
  readonly processedBucket: string;
  readonly body: string;
  /** File name under uploads/<athlete>/ (without .csv). @default newUploadName() */
  readonly uploadName?: string;
  /** @default SAMPLE_EXPORT_COUNTS */
  readonly expected?: ExpectedCounts;
  readonly timeoutMs: number;
  /** @default 3000 */
  readonly pollMs?: number;
  readonly onProgress?: (line: string) => void;
}

export interface SmokeTestResult {
  readonly uploadKey: string;
  readonly versionId: string | undefined;
  readonly uploadId: string;
  readonly reportKey: string;
  readonly report: UploadReport;
  readonly waitedMs: number;
}

export async function runSmokeTest(options: SmokeTestOptions): Promise<SmokeTestResult> {
  const { client, ingestBucket, processedBucket, timeoutMs, pollMs = 3_000 } = options;
  const expected = options.expected ?? SAMPLE_EXPORT_COUNTS;
  const uploadKey = smokeUploadKey(options.uploadName ?? newUploadName());
  const started = Date.now();
  const put = await client.send(
    new PutObjectCommand({
      Bucket: ingestBucket,
      Key: uploadKey,
      Body: options.body,
      ContentType: 'text/csv',
    }),
  );
  const location = reportLocationOf({
    bucket: ingestBucket,
    key: uploadKey,
    versionId: put.VersionId,
    eTag: put.ETag,
  });
  options.onProgress?.(
    `Uploaded s3://${ingestBucket}/${uploadKey}${put.VersionId ? ` (version ${put.VersionId})` : ''} as upload ${location.uploadId}; waiting for s3://${processedBucket}/${location.reportKey}`,
  );
  const deadline = started + timeoutMs;
  for (;;) {
    const text = await readIfPresent(client, processedBucket, location.reportKey);
    if (text !== undefined) {
      const report = parseReport(text, processedBucket, location.reportKey);
      checkReport(report, { ...location, bucket: ingestBucket, key: uploadKey }, expected);
      return {
        uploadKey,
        versionId: put.VersionId,
        uploadId: location.uploadId,
        reportKey: location.reportKey,
        report,
        waitedMs: Date.now() - started,
      };
    }
    if (Date.now() >= deadline) {
      throw new StepError(
        'SMOKE_TIMEOUT',
        `No report at s3://${processedBucket}/${location.reportKey} within ${Math.round(timeoutMs / 1000)} s of uploading ${uploadKey} (upload id ${location.uploadId}). Look at the function's log group and its dead-letter queue.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}

/** The object's text, or undefined while it does not exist yet. Any other error fails the step. */
async function readIfPresent(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await response.Body?.transformToString('utf8')) ?? '';
  } catch (error) {
    if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The report as the function writes it; only the fields the smoke test relies on are checked. */
export function parseReport(text: string, bucket: string, key: string): UploadReport {
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch {
    // Reported below with the key.
  }
  const counts = isObject(report) ? report.counts : undefined;
  if (
    !isObject(report) ||
    typeof report.status !== 'string' ||
    typeof report.uploadId !== 'string' ||
    !isObject(counts) ||
    typeof counts.sessions !== 'number'
  ) {
    throw new StepError(
      'SMOKE_REPORT_INVALID',
      `s3://${bucket}/${key} is not an upload report (a JSON object with status, uploadId and counts.sessions).`,
    );
  }
  return report as unknown as UploadReport;
}

/** Fails unless the report is this upload's, says ok, and counts what the sample holds. */
export function checkReport(
  report: UploadReport,
  upload: SmokeReportLocation & { readonly bucket: string; readonly key: string },
  expected: ExpectedCounts,
): void {
  if (report.uploadId !== upload.uploadId || report.athlete !== upload.athlete) {
    throw new StepError(
      'SMOKE_REPORT_INVALID',
      `The report at ${upload.reportKey} is for upload ${report.uploadId} of athlete ${report.athlete}, not ${upload.uploadId} of ${upload.athlete}.`,
    );
  }
  if (report.status !== 'ok') {
    const why = report.rejection
      ? `${report.rejection.code}: ${report.rejection.message}`
      : 'no reason given';
    throw new StepError(
      'SMOKE_REPORT_NOT_OK',
      `The function rejected the smoke upload s3://${upload.bucket}/${upload.key} (status '${report.status}', ${why}).`,
    );
  }
  const mismatches = (['sessions', 'sets'] as const)
    .filter((field) => expected[field] !== undefined && report.counts[field] !== expected[field])
    .map((field) => `${field} ${report.counts[field]} (expected ${expected[field]})`);
  if (mismatches.length > 0) {
    throw new StepError(
      'SMOKE_REPORT_NOT_OK',
      `The report of the smoke upload counts ${mismatches.join(', ')}; the function did not read the sample as it should.`,
    );
  }
}

/** What a person scans in the summary: status, format, and every count. */
export function reportHighlights(report: UploadReport): [string, string][] {
  const rows: [string, string][] = [
    ['status', report.status],
    ['uploadId', report.uploadId],
    ['format', report.format ?? '-'],
  ];
  for (const [name, value] of Object.entries(report.counts) as [keyof UploadCounts, number][]) {
    rows.push([`counts.${name}`, String(value)]);
  }
  return rows;
}
