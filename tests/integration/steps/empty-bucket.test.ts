import {
  CreateBucketCommand,
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyBucket } from '../../../scripts/steps/empty-bucket/empty.js';
import { run } from '../../../scripts/steps/empty-bucket/run.js';
import { type ActionsEnv, actionsEnv } from '../../unit/steps/support/actions.js';
import { s3, uniqueName } from '../support/aws.js';

async function versionedBucket(client: S3Client): Promise<string> {
  const bucket = uniqueName('empty');
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  await client.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
  );
  return bucket;
}

async function remaining(client: S3Client, bucket: string): Promise<number> {
  const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
  return (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
}

async function inParallel(count: number, task: (i: number) => Promise<unknown>, width = 25): Promise<void> {
  for (let start = 0; start < count; start += width) {
    await Promise.all(Array.from({ length: Math.min(width, count - start) }, (_, j) => task(start + j)));
  }
}

describe('emptying buckets before a teardown', () => {
  const client = s3();
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('deletes every version and delete marker of a versioned bucket across several pages', async () => {
    // Prepare: 500 keys x 2 versions and 150 delete markers: more than one 1000-entry page.
    const bucket = await versionedBucket(client);
    await inParallel(500, async (i) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `uploads/a/${i}.csv`, Body: 'v1' }));
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `uploads/a/${i}.csv`, Body: 'v2' }));
    });
    await inParallel(150, (i) =>
      client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `uploads/a/${i}.csv` })),
    );

    // Act
    const result = await emptyBucket(client, bucket);

    // Assess
    expect(result).toEqual({ bucket, existed: true, versionsDeleted: 1000, deleteMarkersDeleted: 150 });
    expect(await remaining(client, bucket)).toBe(0);
  });

  it('treats a bucket that does not exist as already empty, so a teardown can be re-run', async () => {
    const result = await emptyBucket(client, uniqueName('absent'));

    expect(result).toMatchObject({ existed: false, versionsDeleted: 0, deleteMarkersDeleted: 0 });
  });

  it('empties an unversioned bucket too', async () => {
    const bucket = uniqueName('plain');
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    await inParallel(5, (i) =>
      client.send(new PutObjectCommand({ Bucket: bucket, Key: `k${i}`, Body: 'x' })),
    );

    const result = await emptyBucket(client, bucket);

    expect(result.versionsDeleted).toBe(5);
    expect(await remaining(client, bucket)).toBe(0);
  });

  it('empties every listed bucket and reports the counts in the job summary', async () => {
    // Prepare
    const first = await versionedBucket(client);
    const second = await versionedBucket(client);
    await client.send(new PutObjectCommand({ Bucket: first, Key: 'a.csv', Body: '1' }));
    await client.send(new DeleteObjectCommand({ Bucket: first, Key: 'a.csv' }));
    await client.send(new PutObjectCommand({ Bucket: second, Key: 'b.csv', Body: '2' }));

    // Act
    const result = await env.run(run, { buckets: `${first}\n${second}\n` });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ versions_deleted: '2', delete_markers_deleted: '1' });
    expect(result.summary).toContain(first);
    expect(result.summary).toContain(second);
    expect(await remaining(client, first)).toBe(0);
    expect(await remaining(client, second)).toBe(0);
  });
});
