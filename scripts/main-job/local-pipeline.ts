/**
 * The AWS side of one local run: upload an export as a person would, pick up the S3 event
 * the bucket notification sent to the events queue, invoke the bundled handler with it (in
 * place of Lambda's S3 trigger), then read back the report and the summary a subscriber got.
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import type { Handler, HandlerResult } from '../../lambda/src/app.js';
import { decodeS3Key } from '../../lambda/src/events.js';
import {
  type EmulatorPipeline,
  type PipelineClients,
  type ReceivedSummary,
  receiveS3Events,
  receiveSummaries,
} from '../lib/emulator-pipeline.js';
import { MainJobError } from './errors.js';
import type { ReportView } from './format.js';
import type { InputFile } from './inputs.js';

export interface S3EventRecordLike {
  s3: { bucket: { name: string }; object: { key: string; eTag?: string; versionId?: string } };
}
export interface S3EventLike {
  Records: S3EventRecordLike[];
}

let imports = 0;

/**
 * Imports the bundle as Lambda would: its module reads the configuration from process.env
 * when it loads, so the environment is set first. Each call loads a fresh module instance,
 * so two runs in one process (tests) never share the first run's configuration.
 */
export async function loadBundledHandler<H = Handler>(
  file: string,
  env: Readonly<Record<string, string>>,
): Promise<H> {
  Object.assign(process.env, env);
  imports++;
  const module = (await import(`${pathToFileURL(file).href}?load=${process.pid}-${imports}`)) as {
    handler: H;
  };
  return module.handler;
}

export function lambdaContext(functionName: string, region: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface Uploaded {
  readonly key: string;
  readonly eTag: string;
  readonly versionId: string | undefined;
}

/** `metadata` becomes the object's x-amz-meta-* headers (the handler reads `timezone`). */
export async function uploadExport(
  clients: PipelineClients,
  bucket: string,
  input: InputFile,
  metadata: Readonly<Record<string, string>> = {},
): Promise<Uploaded> {
  const { ETag, VersionId } = await clients.s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: input.key,
      Body: await readFile(input.path),
      Metadata: { ...metadata },
    }),
  );
  return { key: input.key, eTag: (ETag ?? '').replace(/"/g, ''), versionId: VersionId };
}

/** S3 URL-encodes event keys ('+' for space); moto's encoding decodes the same way (the handler's decoder). */
export const decodeEventKey = decodeS3Key;

/**
 * Waits for the S3 event of this very upload (same key and eTag). Events of other objects
 * (left over from an interrupted earlier run) are read and dropped.
 */
export async function awaitS3Event(
  clients: PipelineClients,
  pipeline: EmulatorPipeline,
  uploaded: Uploaded,
  timeoutMs = 15_000,
): Promise<S3EventLike> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const events = (await receiveS3Events(clients.sqs, pipeline.eventsQueueUrl, {
      expected: 1,
      timeoutMs: Math.min(2_000, deadline - Date.now()),
    })) as S3EventLike[];
    const match = events.find((event) => event.Records.some((record) => isRecordOf(record, uploaded)));
    if (match) return withVersionId(match, uploaded);
  }
  throw new MainJobError(
    'EVENT_NOT_DELIVERED',
    `No S3 event for s3://${pipeline.names.buckets.ingest}/${uploaded.key} reached ${pipeline.eventsQueueUrl} within ${timeoutMs / 1000} s. Does the emulator at AWS_ENDPOINT_URL support S3 event notifications to SQS? moto (npm run venv) does.`,
  );
}

const isRecordOf = (record: S3EventRecordLike, uploaded: Uploaded) =>
  decodeEventKey(record.s3.object.key) === uploaded.key &&
  (record.s3.object.eTag ?? '').replace(/"/g, '') === uploaded.eTag;

/**
 * moto leaves `versionId` out of S3 events even on versioned buckets (listed in
 * tests/integration/setup/emulator-differences.ts); AWS sends it. Without it a second upload
 * of the same bytes would look like a redelivery of the first, so the id PutObject returned
 * is put back where AWS would have it. Everything else stays as the emulator sent it.
 */
export function withVersionId(event: S3EventLike, uploaded: Uploaded): S3EventLike {
  if (!uploaded.versionId) return event;
  const copy = structuredClone(event);
  for (const record of copy.Records) {
    if (isRecordOf(record, uploaded) && !record.s3.object.versionId) {
      record.s3.object.versionId = uploaded.versionId;
    }
  }
  return copy;
}

export async function readReport(clients: PipelineClients, bucket: string, key: string): Promise<ReportView> {
  const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse((await Body?.transformToString('utf8')) ?? '{}') as ReportView;
}

/** Summaries from the subscriber queue, handed out by upload id whatever order they come in. */
export class SummaryInbox {
  private readonly received: ReceivedSummary[] = [];

  constructor(
    private readonly clients: PipelineClients,
    private readonly queueUrl: string,
  ) {}

  async take(uploadId: string, timeoutMs = 5_000): Promise<ReceivedSummary | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((s) => s.attributes.uploadId === uploadId);
      if (index >= 0) return this.received.splice(index, 1)[0];
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      const batch = await receiveSummaries(this.clients.sqs, this.queueUrl, {
        expected: 1,
        timeoutMs: Math.min(left, 2_000),
      });
      this.received.push(...batch);
    }
  }
}

export type UploadOutcome = HandlerResult['uploads'][number];

/** The handler's result for this upload; a file the pipeline cannot process at all is an error. */
export function outcomeFor(result: HandlerResult, key: string): UploadOutcome {
  const outcome = result.uploads.find((upload) => upload.key === key);
  if (!outcome || outcome.status === 'gone' || !outcome.reportKey) {
    throw new MainJobError(
      'UPLOAD_NOT_PROCESSED',
      `The handler did not process ${key} (${outcome ? `status '${outcome.status}'` : `${result.skipped} record(s) skipped`}). Run npm start again; if it repeats, open an issue with this output.`,
    );
  }
  return outcome;
}
