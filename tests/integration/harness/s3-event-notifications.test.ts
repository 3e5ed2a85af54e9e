import {
  CreateBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { decodeS3EventKey, encodeS3EventKey, toAwsEncodedS3Event } from '../setup/emulator-differences.js';
import { createQueue, receiveMessages, s3, sqs, uniqueName } from '../support/aws.js';

describe('S3 bucket notifications to SQS on the emulator', () => {
  it('deliver an ObjectCreated event for an uploaded export whose key has spaces and unicode', async () => {
    // Prepare
    const s3Client = s3();
    const sqsClient = sqs();
    const bucket = uniqueName('ingest');
    const queue = await createQueue(sqsClient, uniqueName('events'));
    await s3Client.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3Client.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await s3Client.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: bucket,
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              QueueArn: queue.arn,
              Events: ['s3:ObjectCreated:*'],
              Filter: {
                Key: {
                  FilterRules: [
                    { Name: 'prefix', Value: 'uploads/' },
                    { Name: 'suffix', Value: '.csv' },
                  ],
                },
              },
            },
          ],
        },
      }),
    );
    const key = 'uploads/zoë/Strong export 2026 – Müller.csv';
    const body = 'Date,Workout Name\n';

    // Act
    await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: 'other/ignored.csv', Body: body }));
    const messages = await receiveMessages(sqsClient, queue.url, { count: 2, timeoutMs: 5_000 });

    // Assess
    const events = messages.map((m) => JSON.parse(m.Body ?? '{}') as S3Event).filter((e) => e.Records);
    expect(events).toHaveLength(1);
    const record = events[0]?.Records[0];
    expect(record?.eventSource).toBe('aws:s3');
    expect(record?.eventName).toMatch(/^ObjectCreated:/);
    expect(record?.s3.bucket.name).toBe(bucket);
    expect(record?.s3.bucket.arn).toBe(`arn:aws:s3:::${bucket}`);
    expect(record?.s3.object.size).toBe(body.length);

    // What the handler sees is AWS's shape, whatever the emulator sent.
    const asAws = toAwsEncodedS3Event(events[0] as S3Event);
    expect(asAws.Records[0]?.s3.object.key).toBe(encodeS3EventKey(key));
    expect(decodeS3EventKey(asAws.Records[0]?.s3.object.key ?? '')).toBe(key);
    // Differences the harness accepts (see emulator-differences.ts): no versionId/sequencer on moto.
    expect(record?.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('gives the handler S3-encoded keys whichever emulator sent the event', () => {
    // Prepare: one key as moto 5.2 encodes it (quote_plus) and as S3 or LocalStack do.
    const event = (key: string) => ({ Records: [{ s3: { object: { key } } }] }) as unknown as S3Event;
    const s3Form = 'uploads/zo%C3%AB/my+run.csv';

    // Act
    const fromMoto = toAwsEncodedS3Event(event('uploads%2Fzo%C3%AB%2Fmy+run.csv'));
    const fromS3 = toAwsEncodedS3Event(event(s3Form));

    // Assess
    expect(fromMoto.Records[0]?.s3.object.key).toBe(s3Form);
    expect(fromS3.Records[0]?.s3.object.key).toBe(s3Form);
  });

  it('encodes keys as S3 does: spaces as +, other bytes as UTF-8 %-escapes', () => {
    expect(encodeS3EventKey('uploads/a b/ü+1.csv')).toBe('uploads/a+b/%C3%BC%2B1.csv');
    expect(decodeS3EventKey('uploads%2Fa+b%2F%C3%BC%2B1.csv')).toBe('uploads/a b/ü+1.csv');
  });
});
