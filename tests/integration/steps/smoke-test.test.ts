import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/steps/smoke-test/run.js';
import { runSmokeTest, smokeKeys } from '../../../scripts/steps/smoke-test/smoke.js';
import { type ActionsEnv, actionsEnv } from '../../unit/steps/support/actions.js';
import { s3, uniqueName } from '../support/aws.js';

async function bucketPair(client: S3Client): Promise<{ ingest: string; processed: string }> {
  const ingest = uniqueName('ingest');
  const processed = uniqueName('processed');
  await client.send(new CreateBucketCommand({ Bucket: ingest }));
  await client.send(new CreateBucketCommand({ Bucket: processed }));
  return { ingest, processed };
}

/** Stands in for the function: once the upload exists, writes its report. */
async function fakeProcessor(
  client: S3Client,
  ingest: string,
  processed: string,
  uploadId: string,
): Promise<void> {
  const keys = smokeKeys(uploadId);
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      await client.send(new GetObjectCommand({ Bucket: ingest, Key: keys.uploadKey }));
      await client.send(
        new PutObjectCommand({
          Bucket: processed,
          Key: keys.reportKey,
          Body: JSON.stringify({ uploadId, newSessions: 1, sets: 2, rejectedRows: 0 }),
        }),
      );
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('post-deploy smoke test', () => {
  const client = s3();
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('passes once the report of its upload appears, and summarises the report', async () => {
    // Prepare
    const { ingest, processed } = await bucketPair(client);
    const uploadId = uniqueName('smoke');
    const processor = fakeProcessor(client, ingest, processed, uploadId);

    // Act
    const result = await env.run(run, {
      ingest_bucket: ingest,
      processed_bucket: processed,
      upload_id: uploadId,
      timeout_seconds: '30',
      poll_milliseconds: '100',
    });
    await processor;

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({
      upload_key: `uploads/smoke/${uploadId}.csv`,
      report_key: `reports/smoke/${uploadId}.json`,
    });
    expect(result.summary).toContain('newSessions');
  });

  it('uploads the bundled sample export under uploads/smoke/', async () => {
    const { ingest, processed } = await bucketPair(client);
    const uploadId = uniqueName('smoke');
    const processor = fakeProcessor(client, ingest, processed, uploadId);

    await env.run(run, {
      ingest_bucket: ingest,
      processed_bucket: processed,
      upload_id: uploadId,
      poll_milliseconds: '100',
    });
    await processor;

    const object = await client.send(
      new GetObjectCommand({ Bucket: ingest, Key: `uploads/smoke/${uploadId}.csv` }),
    );
    expect(await object.Body?.transformToString()).toMatch(/^session_start,name,/);
  });

  it('fails with SMOKE_TIMEOUT when no report appears in time', async () => {
    const { ingest, processed } = await bucketPair(client);

    await expect(
      runSmokeTest({
        client,
        ingestBucket: ingest,
        processedBucket: processed,
        body: 'x',
        uploadId: uniqueName('smoke'),
        timeoutMs: 300,
        pollMs: 100,
      }),
    ).rejects.toMatchObject({ code: 'SMOKE_TIMEOUT' });
  });

  it('fails when the report is not JSON', async () => {
    const { ingest, processed } = await bucketPair(client);
    const uploadId = uniqueName('smoke');
    await client.send(
      new PutObjectCommand({ Bucket: processed, Key: smokeKeys(uploadId).reportKey, Body: 'oops' }),
    );

    await expect(
      runSmokeTest({
        client,
        ingestBucket: ingest,
        processedBucket: processed,
        body: 'x',
        uploadId,
        timeoutMs: 1000,
      }),
    ).rejects.toMatchObject({ code: 'SMOKE_REPORT_INVALID' });
  });
});
