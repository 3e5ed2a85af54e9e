import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/steps/smoke-test/run.js';
import { runSmokeTest } from '../../../scripts/steps/smoke-test/smoke.js';
import { type ActionsEnv, actionsEnv } from '../../unit/steps/support/actions.js';
import { fakeUploadReport, type StoredObject } from '../../unit/steps/support/upload-report.js';
import { s3, uniqueName } from '../support/aws.js';

async function bucketPair(client: S3Client, { versioned }: { versioned: boolean }) {
  const ingest = uniqueName('ingest');
  const processed = uniqueName('processed');
  await client.send(new CreateBucketCommand({ Bucket: ingest }));
  await client.send(new CreateBucketCommand({ Bucket: processed }));
  if (versioned) {
    await client.send(
      new PutBucketVersioningCommand({ Bucket: ingest, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  }
  return { ingest, processed };
}

/**
 * Stands in for the function: waits for the first smoke upload, reads its ETag and version
 * back from S3, and writes a report at the key the function would use for the event AWS
 * sends for that object (support/upload-report.ts). Resolves with that object.
 */
async function fakeProcessor(
  client: S3Client,
  ingest: string,
  processed: string,
  write: (object: StoredObject) => { key: string; body: string } = (object) => {
    const report = fakeUploadReport(object);
    return { key: report.outputs.report, body: JSON.stringify(report) };
  },
): Promise<StoredObject> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: ingest, Prefix: 'uploads/smoke/' }));
    const key = page.Contents?.[0]?.Key;
    if (key) {
      const head = await client.send(new HeadObjectCommand({ Bucket: ingest, Key: key }));
      const object: StoredObject = {
        bucket: ingest,
        key,
        eTag: head.ETag ?? '',
        versionId: head.VersionId,
        size: head.ContentLength ?? 0,
      };
      const output = write(object);
      await client.send(new PutObjectCommand({ Bucket: processed, Key: output.key, Body: output.body }));
      return object;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no smoke upload appeared in ${ingest}`);
}

describe('post-deploy smoke test', () => {
  const client = s3();
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it.each([
    ['a versioned', true],
    ['an unversioned', false],
  ])(
    'passes once the report appears at the key the function uses for %s ingest bucket',
    async (_, versioned) => {
      // Prepare
      const { ingest, processed } = await bucketPair(client, { versioned });
      const name = uniqueName('smoke');
      const processor = fakeProcessor(client, ingest, processed);

      // Act
      const result = await env.run(run, {
        ingest_bucket: ingest,
        processed_bucket: processed,
        upload_name: name,
        timeout_seconds: '30',
        poll_milliseconds: '100',
      });
      const uploaded = await processor;

      // Assess
      expect(result.failed, result.log).toBe(false);
      const expected = fakeUploadReport(uploaded);
      expect(uploaded.key).toBe(`uploads/smoke/${name}.csv`);
      expect(Boolean(uploaded.versionId)).toBe(versioned);
      expect(result.outputs).toEqual({
        upload_key: `uploads/smoke/${name}.csv`,
        upload_id: expected.uploadId,
        report_key: `reports/smoke/${expected.uploadId}.json`,
      });
      expect(result.summary).toContain('counts.sessions');
    },
  );

  it('uploads the bundled sample export under uploads/smoke/', async () => {
    const { ingest, processed } = await bucketPair(client, { versioned: true });
    const name = uniqueName('smoke');
    const processor = fakeProcessor(client, ingest, processed);

    await env.run(run, {
      ingest_bucket: ingest,
      processed_bucket: processed,
      upload_name: name,
      poll_milliseconds: '100',
    });
    await processor;

    const object = await client.send(
      new GetObjectCommand({ Bucket: ingest, Key: `uploads/smoke/${name}.csv` }),
    );
    expect(await object.Body?.transformToString()).toMatch(/^session_start,name,/);
  });

  it('keeps waiting when a report is named after the file instead of the upload id', async () => {
    const { ingest, processed } = await bucketPair(client, { versioned: true });
    const name = uniqueName('smoke');
    const processor = fakeProcessor(client, ingest, processed, (object) => ({
      key: `reports/smoke/${name}.json`,
      body: JSON.stringify(fakeUploadReport(object)),
    }));

    await expect(
      runSmokeTest({
        client,
        ingestBucket: ingest,
        processedBucket: processed,
        body: 'x',
        uploadName: name,
        timeoutMs: 1500,
        pollMs: 100,
      }),
    ).rejects.toMatchObject({ code: 'SMOKE_TIMEOUT' });
    await processor;
  });

  it('fails with SMOKE_REPORT_NOT_OK when the report says the file was rejected', async () => {
    const { ingest, processed } = await bucketPair(client, { versioned: false });
    const processor = fakeProcessor(client, ingest, processed, (object) => {
      const report = fakeUploadReport(object, {
        status: 'rejected',
        rejection: { code: 'EMPTY_FILE', message: 'The file has no rows.' },
        counts: { sessions: 0, sets: 0 },
      });
      return { key: report.outputs.report, body: JSON.stringify(report) };
    });

    const result = await env.run(run, {
      ingest_bucket: ingest,
      processed_bucket: processed,
      timeout_seconds: '30',
      poll_milliseconds: '100',
    });
    await processor;

    expect(result.failed).toBe(true);
    expect(result.log).toContain('SMOKE_REPORT_NOT_OK');
  });

  it('fails with SMOKE_TIMEOUT when no report appears in time', async () => {
    const { ingest, processed } = await bucketPair(client, { versioned: true });

    await expect(
      runSmokeTest({
        client,
        ingestBucket: ingest,
        processedBucket: processed,
        body: 'x',
        timeoutMs: 300,
        pollMs: 100,
      }),
    ).rejects.toMatchObject({ code: 'SMOKE_TIMEOUT' });
  });

  it('fails with SMOKE_REPORT_INVALID when the object at the report key is not JSON', async () => {
    const { ingest, processed } = await bucketPair(client, { versioned: true });
    const processor = fakeProcessor(client, ingest, processed, (object) => ({
      key: fakeUploadReport(object).outputs.report,
      body: 'oops',
    }));

    await expect(
      runSmokeTest({
        client,
        ingestBucket: ingest,
        processedBucket: processed,
        body: 'x',
        timeoutMs: 10_000,
        pollMs: 100,
      }),
    ).rejects.toMatchObject({ code: 'SMOKE_REPORT_INVALID' });
    await processor;
  });
});
