/**
 * The function behind an SQS queue (S3 -> SQS -> Lambda, ReportBatchItemFailures): the
 * emulator's S3 sends each upload's notification to the queue, the test hands the received
 * messages to the handler as Lambda's event source mapping would, and reads the partial
 * batch response. A payload of no known shape is dropped with an ERROR line, not thrown.
 */
import { readFileSync } from 'node:fs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captured } from './captured-output.js';
import { MONDAY, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture, type PipelineFixture } from './pipeline-fixture.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const awsSample = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../unit/fixtures/events/${name}`, import.meta.url), 'utf8')) as T;

/** The message of `event` whose S3 notification names `key`. */
function messageFor(event: SQSEvent, key: string): SQSRecord {
  const message = event.Records.find((m) => m.body.includes(`"key":"${key}"`));
  if (!message) throw new Error(`no message for ${key}`);
  return message;
}

/**
 * S3 answering GetObject of one upload with 503 SlowDown, every attempt: a failure the SDK's
 * own retries do not absorb, as during an S3 incident. The emulator cannot be made to fail
 * one object transiently; its S3 still answers every other request.
 */
function slowDownOn(p: PipelineFixture, key: string) {
  return http.get(/.*/, ({ request }) => {
    if (new URL(request.url).pathname !== `/${p.pipeline.names.buckets.ingest}/${key}`) return passthrough();
    return new HttpResponse(
      '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
      { status: 503, headers: { 'content-type': 'application/xml' } },
    );
  });
}

describe('the Lambda on an SQS event of S3 notifications (emulator)', () => {
  it('lists exactly the message whose upload failed in batchItemFailures; its redelivery then succeeds', async () => {
    // Prepare: two uploads, two real notifications through the queue; S3 fails the second's reads.
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveSqsEvent([
      { key: 'uploads/ana/monday.csv', body: strongExport([MONDAY]) },
      { key: 'uploads/ana/wednesday.csv', body: strongExport([WEDNESDAY]) },
    ]);
    const failing = messageFor(event, 'uploads/ana/wednesday.csv');
    server.use(slowDownOn(p, 'uploads/ana/wednesday.csv'));

    // Act
    const { result, logs } = await captured(() => p.invoke(event));
    server.resetHandlers();
    const redelivered = await p.invoke({ Records: [failing] });

    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: failing.messageId }]);
    expect(result.uploads.map((u) => [u.key, u.status])).toEqual([['uploads/ana/monday.csv', 'ok']]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'upload failed; SQS will deliver its message again',
        messageId: failing.messageId,
        key: 'uploads/ana/wednesday.csv',
        error: expect.objectContaining({ message: expect.stringMatching(/reduce your request rate/) }),
      }),
    );
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(redelivered.uploads.map((u) => [u.key, u.status])).toEqual([['uploads/ana/wednesday.csv', 'ok']]);
    expect((await p.storedSessions('ana')).map((s) => s.name).sort()).toEqual(['Pull Day', 'Push Day']);
    expect(await p.summaries(3)).toHaveLength(2);
  });

  it("drops a message that can never be read with an ERROR line, skips S3's test event, and reports neither", async () => {
    // Prepare: one real notification, then AWS's sample message ("Test message.") and S3's
    // test event as a queue receives it.
    const p = await createPipelineFixture({ POWERTOOLS_LOG_LEVEL: 'INFO' });
    const received = await p.uploadAndReceiveSqsEvent([
      { key: 'uploads/ana/monday.csv', body: strongExport([MONDAY]) },
    ]);
    const [notText] = awsSample<SQSEvent>('sqs-not-s3.json').Records;
    const [testEvent] = awsSample<SQSEvent>('sqs-s3-test-event.json').Records;
    if (!notText || !testEvent) throw new Error('expected the AWS samples to hold a message each');
    const event = { Records: [notText, testEvent, ...received.Records] };

    // Act
    const { result, logs } = await captured(() => p.invoke(event));

    // Assess
    expect(result).toMatchObject({ batchItemFailures: [], skipped: 2, uploads: [{ status: 'ok' }] });
    expect(logs.filter((r) => r.level === 'ERROR')).toEqual([
      expect.objectContaining({
        message: 'record dropped: it can never be read',
        reason: 'unreadable',
        messageId: notText.messageId,
        detail: `the body of SQS message ${notText.messageId} is not JSON (13 characters)`,
      }),
    ]);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'INFO',
        message: 'record skipped',
        reason: 'test-event',
        messageId: testEvent.messageId,
      }),
    );
  });
});

describe('the Lambda on a payload of no known shape (emulator)', () => {
  it('returns normally with the payload counted as skipped and one ERROR line, and processes nothing', async () => {
    // Prepare: AWS's EventBridge sample, an EC2 state change, as a rule aimed at the wrong function sends it.
    const p = await createPipelineFixture();
    const ec2StateChange = awsSample<unknown>('eventbridge-ec2-state-change.json');

    // Act
    const { result, logs } = await captured(() => p.invoke(ec2StateChange));

    // Assess
    expect(result).toEqual({ uploads: [], skipped: 1 });
    expect(logs).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'record dropped: it can never be read',
        reason: 'unreadable',
        detail: expect.stringMatching(/^the event is none of .*EventBridge event from 'aws\.ec2'/),
      }),
    ]);
    expect(await p.listProcessed()).toEqual([]);
    expect(await p.summaries(1, 1_500)).toHaveLength(0);
  });
});
