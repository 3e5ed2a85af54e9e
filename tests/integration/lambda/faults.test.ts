/**
 * Faults injected at the HTTP level (msw) between the real SDK clients and the emulator:
 * throttling, 5xx, a lost race, a body that breaks mid-stream. Each case retries the
 * invocation as Lambda would and asserts the end state equals a clean run: the same stored
 * sessions, the same counts, exactly one summary.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FRIDAY, MONDAY, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture, lambdaContext, type PipelineFixture } from './pipeline-fixture.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const CSV = strongExport([MONDAY, WEDNESDAY, FRIDAY]);
const CLEAN_COUNTS = { sessions: 3, newSessions: 3, updatedSessions: 0, unchangedSessions: 0, sets: 6 };

/** Matches one DynamoDB operation (JSON protocol: X-Amz-Target) on one table, `times` times. */
function dynamo(
  operation: string,
  table: string,
  times: number,
  respond: () => Response | Promise<Response>,
) {
  let left = times;
  return http.post(/.*/, async ({ request }) => {
    if (request.headers.get('x-amz-target') !== `DynamoDB_20120810.${operation}`) return passthrough();
    if (!(await request.clone().text()).includes(`"${table}"`) || left <= 0) return passthrough();
    left--;
    return respond();
  });
}

/** Matches SNS Publish (query protocol) `times` times. */
function snsPublish(times: number, respond: () => Response) {
  let left = times;
  return http.post(/.*/, async ({ request }) => {
    const body = await request.clone().text();
    if (!body.includes('Action=Publish') || left <= 0) return passthrough();
    left--;
    return respond();
  });
}

/** Matches GetObject on the ingest bucket `times` times. */
function getObject(p: PipelineFixture, times: number, respond: () => Response | Promise<Response>) {
  let left = times;
  return http.get(/.*/, ({ request }) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`/${p.pipeline.names.buckets.ingest}/`) || left <= 0) return passthrough();
    left--;
    return respond();
  });
}

const throttled = () =>
  HttpResponse.json(
    {
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: 'Rate exceeded',
    },
    { status: 400 },
  );
const slowDown = () =>
  new HttpResponse(
    '<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
    {
      status: 503,
      headers: { 'content-type': 'application/xml' },
    },
  );
const internalError = () =>
  new HttpResponse(
    '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalError</Code><Message>boom</Message></Error></ErrorResponse>',
    { status: 500, headers: { 'content-type': 'text/xml' } },
  );

async function expectCleanEndState(p: PipelineFixture, athlete = 'ana') {
  expect(await p.storedSessions(athlete)).toHaveLength(3);
  const summaries = await p.summaries(2, 2_500);
  expect(summaries).toHaveLength(1);
  expect(summaries[0]?.attributes.newSessions).toBe('3');
}

describe('transient AWS failures: retried, then the same result as a clean run', () => {
  it('S3 503 SlowDown on every attempt fails the invocation; the retry stores everything once', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    server.use(getObject(p, 10, slowDown));

    await expect(p.invoke(event)).rejects.toThrow(/SlowDown|reduce your request rate/);
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('a single S3 503 is absorbed by the SDK retry inside the same invocation', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    server.use(getObject(p, 1, slowDown));

    const result = await p.invoke(event);

    expect(result.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('DynamoDB throttling on the batched read fails the invocation; the retry gives clean counts', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    server.use(dynamo('BatchGetItem', p.pipeline.names.tables.sessions, 20, throttled));

    await expect(p.invoke(event)).rejects.toThrow(/ProvisionedThroughputExceeded|Rate exceeded/);
    server.resetHandlers();

    expect((await p.invoke(event)).uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('keys DynamoDB leaves unprocessed in a batched read are read again', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    const table = p.pipeline.names.tables.sessions;
    server.use(
      dynamo('BatchGetItem', table, 1, async () =>
        HttpResponse.json({ Responses: { [table]: [] }, UnprocessedKeys: {} }),
      ),
    );
    let unprocessedOnce = true;
    server.use(
      http.post(/.*/, async ({ request }) => {
        if (request.headers.get('x-amz-target') !== 'DynamoDB_20120810.BatchGetItem' || !unprocessedOnce) {
          return passthrough();
        }
        unprocessedOnce = false;
        const body = (await request.clone().json()) as { RequestItems: Record<string, unknown> };
        return HttpResponse.json({ Responses: { [table]: [] }, UnprocessedKeys: body.RequestItems });
      }),
    );

    expect((await p.invoke(event)).uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    expect(unprocessedOnce).toBe(false);
  });

  it('SNS failing after the sessions were stored: the retry still reports them new and publishes once', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    server.use(snsPublish(10, internalError));

    await expect(p.invoke(event)).rejects.toThrow();
    expect(await p.storedSessions('ana')).toHaveLength(3);
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('a body cut off mid-stream fails the invocation; the retry gives clean counts', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    const half = new TextEncoder().encode(CSV.slice(0, CSV.length / 2));
    // The connection is cut after half the object: the body ends short of its Content-Length.
    server.use(
      getObject(p, 10, () => {
        return new HttpResponse(half, {
          status: 200,
          headers: { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(CSV)) },
        });
      }),
    );

    await expect(p.invoke(event)).rejects.toThrow(/ended after 291 of 582 bytes|aborted/);
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('an S3 body that stalls mid-stream fails within the idle timeout; the retry gives clean counts', async () => {
    const idleTimeoutMs = 1_000;
    const p = await createPipelineFixture({ HTTP_IDLE_TIMEOUT_MS: String(idleTimeoutMs) });
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    const half = new TextEncoder().encode(CSV.slice(0, CSV.length / 2));
    // Half the object arrives, then nothing more: the connection stays open and silent.
    server.use(
      getObject(p, 1, () => {
        const stalled = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(half) });
        return new HttpResponse(stalled, {
          status: 200,
          headers: { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(CSV)) },
        });
      }),
    );

    const started = performance.now();
    const failed = p.invoke(event);

    await expect(failed).rejects.toThrow(expect.objectContaining({ name: 'StalledBodyError' }));
    await expect(failed).rejects.toThrow(/stalled after 291 of 582 bytes/);
    // Generous margin: without the idle timeout this waits for the Lambda timeout (minutes).
    expect(performance.now() - started).toBeLessThan(idleTimeoutMs + 15_000);
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('a failure after publishing (idempotency record not saved) does not publish a second summary', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    // Powertools saves the COMPLETED record with UpdateItem on the idempotency table.
    server.use(dynamo('UpdateItem', p.pipeline.names.tables.idempotency, 10, () => internalError()));
    const shortLived: Context = { ...lambdaContext(), getRemainingTimeInMillis: () => 1_000 };

    await expect(p.handler(event, shortLived)).rejects.toThrow();
    server.resetHandlers();
    // The in-progress record expires with the (short) remaining time; then Lambda's retry runs again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const retried = await p.handler(event, lambdaContext());

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    expect(retried.uploads[0]?.published).toBe(false);
    await expectCleanEndState(p);
  });
});

describe('races between uploads', () => {
  it('a session another upload stored between our read and our write is counted unchanged, not new', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    const sessionsTable = p.pipeline.names.tables.sessions;
    let raced = false;
    server.use(
      http.post(/.*/, async ({ request }) => {
        if (request.headers.get('x-amz-target') !== 'DynamoDB_20120810.PutItem') return passthrough();
        const body = (await request.clone().json()) as {
          TableName: string;
          Item: Record<string, { S?: string }>;
        };
        // Check and claim with no await in between: the writes run concurrently.
        if (body.TableName !== sessionsTable || raced) return passthrough();
        raced = true;
        // Another upload stores the same session first, with the same content.
        await p.lambdaClients.dynamodb.send(
          new PutItemCommand({
            TableName: sessionsTable,
            Item: {
              ...body.Item,
              firstUpload: { S: 'u-other' },
              lastChangedUpload: { S: 'u-other' },
            } as never,
          }),
        );
        return passthrough();
      }),
    );

    const result = await p.invoke(event);

    expect(raced).toBe(true);
    expect(result.uploads[0]?.counts).toMatchObject({ newSessions: 2, unchangedSessions: 1 });
    expect(await p.storedSessions('ana')).toHaveLength(3);
  });
});
