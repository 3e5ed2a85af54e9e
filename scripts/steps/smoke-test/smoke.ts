/**
 * The post-deploy smoke test: upload a small export to the ingest bucket under
 * uploads/<athlete>/<upload-id>.csv and wait until the function has written its report to
 * reports/<athlete>/<upload-id>.json in the processed bucket. Proves the notification, the
 * image, the role and both buckets work together, without touching real athletes' data.
 */
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { StepError } from '../lib/errors.js';

export const SMOKE_ATHLETE = 'smoke';

export interface SmokeKeys {
  readonly uploadKey: string;
  readonly reportKey: string;
  readonly reportPrefix: string;
}

const UPLOAD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

export function newUploadId(now: Date = new Date()): string {
  return `smoke-${now.toISOString().replace(/[-:.]/g, '')}-${randomUUID().slice(0, 8)}`;
}

export function smokeKeys(uploadId: string, athlete: string = SMOKE_ATHLETE): SmokeKeys {
  if (!UPLOAD_ID.test(uploadId)) {
    throw new StepError('INVALID_INPUT', `Upload id '${uploadId}' must be letters, digits, '.', '_' or '-'.`);
  }
  return {
    uploadKey: `uploads/${athlete}/${uploadId}.csv`,
    reportKey: `reports/${athlete}/${uploadId}.json`,
    reportPrefix: `reports/${athlete}/`,
  };
}

export interface SmokeTestOptions {
  readonly client: S3Client;
  readonly ingestBucket: string;
  readonly processedBucket: string;
  readonly body: string;
  readonly uploadId: string;
  readonly timeoutMs: number;
  /** @default 3000 */
  readonly pollMs?: number;
  readonly onProgress?: (line: string) => void;
}

export interface SmokeTestResult {
  readonly uploadKey: string;
  readonly reportKey: string;
  readonly report: Record<string, unknown>;
  readonly waitedMs: number;
}

export async function runSmokeTest(options: SmokeTestOptions): Promise<SmokeTestResult> {
  const { client, ingestBucket, processedBucket, uploadId, timeoutMs, pollMs = 3_000 } = options;
  const keys = smokeKeys(uploadId);
  const started = Date.now();
  await client.send(
    new PutObjectCommand({
      Bucket: ingestBucket,
      Key: keys.uploadKey,
      Body: options.body,
      ContentType: 'text/csv',
    }),
  );
  options.onProgress?.(
    `Uploaded s3://${ingestBucket}/${keys.uploadKey}; waiting for s3://${processedBucket}/${keys.reportKey}`,
  );
  const deadline = started + timeoutMs;
  for (;;) {
    const reportKey = await findReport(client, processedBucket, keys, uploadId);
    if (reportKey !== undefined) {
      return {
        uploadKey: keys.uploadKey,
        reportKey,
        report: await readReport(client, processedBucket, reportKey),
        waitedMs: Date.now() - started,
      };
    }
    if (Date.now() >= deadline) {
      throw new StepError(
        'SMOKE_TIMEOUT',
        `No report at s3://${processedBucket}/${keys.reportKey} within ${Math.round(timeoutMs / 1000)} s of uploading ${keys.uploadKey}. Look at the function's log group and its dead-letter queue.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
}

/** The exact report key, or any report under the smoke prefix named after this upload. */
async function findReport(
  client: S3Client,
  bucket: string,
  keys: SmokeKeys,
  uploadId: string,
): Promise<string | undefined> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: keys.reportPrefix }));
  const found = (page.Contents ?? []).map((o) => o.Key ?? '');
  if (found.includes(keys.reportKey)) return keys.reportKey;
  return found.find((key) => key.includes(uploadId) && key.endsWith('.json'));
}

async function readReport(client: S3Client, bucket: string, key: string): Promise<Record<string, unknown>> {
  const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await response.Body?.transformToString('utf8')) ?? '';
  try {
    const report = JSON.parse(text) as unknown;
    if (typeof report === 'object' && report !== null && !Array.isArray(report))
      return report as Record<string, unknown>;
  } catch {
    // Reported below with the key.
  }
  throw new StepError('SMOKE_REPORT_INVALID', `s3://${bucket}/${key} is not a JSON object report.`);
}

/** The report's top-level numbers and short strings: what a person scans in the summary. */
export function reportHighlights(report: Record<string, unknown>): [string, string][] {
  return Object.entries(report)
    .filter(
      ([, v]) =>
        typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && v.length <= 120),
    )
    .map(([k, v]) => [k, String(v)]);
}
