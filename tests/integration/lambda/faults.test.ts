/**
 * Faults injected at the HTTP level (msw) between the real SDK clients and the emulator:
 * throttling, 5xx, a lost race, a body that breaks or stalls mid-stream. Each case retries
 * the invocation as Lambda would and asserts the end state equals a clean run of the same
 * export in its own pipeline: the same stored sessions, the same report, silver and rejects
 * objects, exactly one summary with the same subject and attributes.
 */
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UploadReport } from '../../../lambda/src/core/upload-report.js';
import type { GoldRunReport } from '../../../lambda/src/gold.js';
import { captured } from './captured-output.js';
import { FRIDAY, MONDAY, type StrongWorkout, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture, lambdaContext, type PipelineFixture } from './pipeline-fixture.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

// One bad row, so the rejects object is part of every comparison.
const BAD_ROW = '2026-10-09 18:00:00;"Leg Day";"Squat (Barbell)";2;100;kg;ten;;;;;;;1h 5m\n';
const CSV = strongExport([MONDAY, WEDNESDAY, FRIDAY]) + BAD_ROW;
const CLEAN_COUNTS = {
  sessions: 3,
  newSessions: 3,
  updatedSessions: 0,
  unchangedSessions: 0,
  sets: 6,
  rejectedRows: 1,
};

/**
 * Matches one DynamoDB operation (JSON protocol: X-Amz-Target) on one table, `times` times;
 * `bodyIncludes` narrows it to requests whose JSON body contains that text.
 */
function dynamo(
  operation: string,
  table: string,
  times: number,
  respond: () => Response | Promise<Response>,
  bodyIncludes = '',
) {
  let left = times;
  // Not ours: undefined lets the next handler look at it (passthrough() would end the lookup).
  return http.post(/.*/, async ({ request }) => {
    if (request.headers.get('x-amz-target') !== `DynamoDB_20120810.${operation}`) return undefined;
    const body = await request.clone().text();
    if (!body.includes(`"${table}"`) || !body.includes(bodyIncludes) || left <= 0) return undefined;
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
const dynamoInternalError = () =>
  HttpResponse.json(
    { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' },
    { status: 500 },
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

/** What a user can read back after an upload; nothing that names the bucket or the time. */
interface EndState {
  readonly report: Pick<UploadReport, 'status' | 'format' | 'counts' | 'newSessions' | 'rejectedRows'>;
  readonly silver: readonly unknown[];
  readonly rejects: string | null;
  readonly stored: readonly unknown[];
  readonly summaries: readonly { subject: string; attributes: Record<string, string> }[];
}

async function endStateOf(p: PipelineFixture, reportKey?: string, athlete = 'ana'): Promise<EndState> {
  const reports = await p.listProcessed('reports/');
  if (!reportKey) expect(reports).toHaveLength(1);
  const report = await p.readJson<UploadReport>(reportKey ?? reports[0] ?? '');
  // Failed attempts must leave no stray objects behind (aborted multipart uploads).
  expect(await p.listProcessed(`silver/sessions/athlete=${athlete}/${report.uploadId}`)).toEqual(
    report.outputs.silver ? [report.outputs.silver] : [],
  );
  expect(await p.listProcessed(`rejected/${athlete}/${report.uploadId}`)).toEqual(
    report.outputs.rejects ? [report.outputs.rejects] : [],
  );
  const silver = report.outputs.silver
    ? (await p.readText(report.outputs.silver))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { id: string })
        .sort((a, b) => a.id.localeCompare(b.id))
    : [];
  const stored = (await p.storedSessions(athlete))
    .map(({ sessionId, contentHash, setCount, name, sessionStart }) => ({
      sessionId,
      contentHash,
      setCount,
      name,
      sessionStart,
    }))
    .sort((a, b) => String(a.sessionId).localeCompare(String(b.sessionId)));
  // The upload id hashes the bucket, which differs between pipelines.
  const summaries = (await p.summaries(2, 2_500)).map(
    ({ subject, attributes: { uploadId, ...attributes } }) => ({
      subject,
      attributes,
    }),
  );
  const { status, format, counts, newSessions, rejectedRows } = report;
  return {
    report: { status, format, counts, newSessions, rejectedRows },
    silver,
    rejects: report.outputs.rejects ? await p.readText(report.outputs.rejects) : null,
    stored,
    summaries,
  };
}

/** Runs each export through a fresh pipeline with no faults; the end state of the last one. */
async function cleanRun(...exports: readonly string[]): Promise<EndState> {
  const p = await createPipelineFixture();
  let reportKey: string | null = null;
  for (const [index, csv] of exports.entries()) {
    const result = await p.invoke(await p.uploadAndReceiveEvent(`uploads/ana/export-${index}.csv`, csv));
    reportKey = result.uploads[0]?.reportKey ?? null;
    if (index < exports.length - 1) await p.summaries(1);
  }
  return endStateOf(p, reportKey ?? undefined);
}

let clean: EndState;
beforeAll(async () => {
  clean = await cleanRun(CSV);
  // The comparison is only worth something if the clean run has every object.
  expect(clean.report.counts).toMatchObject(CLEAN_COUNTS);
  expect(clean.silver).toHaveLength(3);
  expect(clean.rejects).toMatch(/^line,code,reason\r\n.*reps 'ten'/s);
  expect(clean.summaries).toHaveLength(1);
}, 60_000);

async function expectCleanEndState(p: PipelineFixture, reportKey?: string, expected = clean) {
  expect(await endStateOf(p, reportKey)).toEqual(expected);
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
    const half = new TextEncoder().encode(CSV.slice(0, Math.floor(CSV.length / 2)));
    // The connection is cut after half the object: the body ends short of its Content-Length.
    server.use(
      getObject(p, 10, () => {
        return new HttpResponse(half, {
          status: 200,
          headers: { 'content-type': 'text/csv', 'content-length': String(Buffer.byteLength(CSV)) },
        });
      }),
    );

    await expect(p.invoke(event)).rejects.toThrow(
      new RegExp(`ended after ${half.byteLength} of ${Buffer.byteLength(CSV)} bytes|aborted`),
    );
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('an S3 body that stalls mid-stream fails within the idle timeout; the retry gives clean counts', async () => {
    const idleTimeoutMs = 1_000;
    const p = await createPipelineFixture({ HTTP_IDLE_TIMEOUT_MS: String(idleTimeoutMs) });
    const event = await p.uploadAndReceiveEvent('uploads/ana/strong.csv', CSV);
    const half = new TextEncoder().encode(CSV.slice(0, Math.floor(CSV.length / 2)));
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
    await expect(failed).rejects.toThrow(
      `stalled after ${half.byteLength} of ${Buffer.byteLength(CSV)} bytes`,
    );
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
    // Powertools saves the COMPLETED record with UpdateItem on the idempotency table (the
    // object-version claim is an UpdateItem there too, and must go through).
    server.use(
      dynamo('UpdateItem', p.pipeline.names.tables.idempotency, 10, () => internalError(), 'COMPLETED'),
    );
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

describe('DynamoDB throttling on the conditional writes', () => {
  it('a throttled transaction of new sessions fails the invocation; the retry gives the clean end state', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/export-0.csv', CSV);
    server.use(dynamo('TransactWriteItems', p.pipeline.names.tables.sessions, 30, throttled));

    await expect(p.invoke(event)).rejects.toThrow(/ProvisionedThroughputExceeded|Rate exceeded/);
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject(CLEAN_COUNTS);
    await expectCleanEndState(p);
  });

  it('a throttled transaction with a changed session fails the invocation; the retry counts it updated once', async () => {
    const editedWednesday: StrongWorkout = {
      ...WEDNESDAY,
      sets: [...WEDNESDAY.sets, { exercise: 'Row', order: 1, kg: 50, reps: 12 }],
    };
    const earlier = strongExport([MONDAY, WEDNESDAY]);
    const later = strongExport([MONDAY, editedWednesday, FRIDAY]) + BAD_ROW;
    const expected = await cleanRun(earlier, later);
    const p = await createPipelineFixture();
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/export-0.csv', earlier));
    await p.summaries(1);
    const event = await p.uploadAndReceiveEvent('uploads/ana/export-1.csv', later);
    // The transaction that replaces the changed session (conditional on its old content).
    server.use(dynamo('TransactWriteItems', p.pipeline.names.tables.sessions, 10, throttled, ':expected'));

    await expect(p.invoke(event)).rejects.toThrow(/ProvisionedThroughputExceeded|Rate exceeded/);
    server.resetHandlers();
    const retried = await p.invoke(event);

    expect(retried.uploads[0]?.counts).toMatchObject({
      newSessions: 1,
      updatedSessions: 1,
      unchangedSessions: 1,
    });
    await expectCleanEndState(p, retried.uploads[0]?.reportKey ?? '', expected);
  });
});

describe('the summary marker (written after the SNS publish) failing to save', () => {
  const markerOf = async (p: PipelineFixture, uploadId: string) =>
    (
      await p.clients.dynamodb.send(
        new GetItemCommand({
          TableName: p.pipeline.names.tables.idempotency,
          Key: { id: { S: `summary#${uploadId}` } },
          ConsistentRead: true,
        }),
      )
    ).Item;

  it('does not fail the upload, and a redelivered event publishes nothing more', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/export-0.csv', CSV);
    // Powertools writes its own records with PutItem on the same table; only the marker fails.
    server.use(dynamo('PutItem', p.pipeline.names.tables.idempotency, 10, dynamoInternalError, 'summary#'));

    const { result, logs } = await captured(() => p.invoke(event));
    server.resetHandlers();
    const redelivered = await p.invoke(event);

    expect(result.uploads[0]).toMatchObject({ counts: CLEAN_COUNTS, published: true });
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: expect.stringMatching(/summary published but its marker was not saved/),
        uploadId: result.uploads[0]?.uploadId,
      }),
    );
    expect(await markerOf(p, result.uploads[0]?.uploadId ?? '')).toBeUndefined();
    // The Powertools record, saved as the invocation succeeded, answers the redelivery.
    expect(redelivered).toEqual(result);
    await expectCleanEndState(p);
  });

  it('with the idempotency record failing too, the retry publishes a second summary (the documented window)', async () => {
    const p = await createPipelineFixture();
    const event = await p.uploadAndReceiveEvent('uploads/ana/export-0.csv', CSV);
    const table = p.pipeline.names.tables.idempotency;
    server.use(
      dynamo('PutItem', table, 10, dynamoInternalError, 'summary#'),
      // Powertools saves the COMPLETED record with UpdateItem.
      dynamo('UpdateItem', table, 10, dynamoInternalError, 'COMPLETED'),
    );
    const shortLived: Context = { ...lambdaContext(), getRemainingTimeInMillis: () => 1_000 };

    await expect(p.handler(event, shortLived)).rejects.toThrow();
    server.resetHandlers();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const retried = await p.handler(event, lambdaContext());

    expect(retried.uploads[0]).toMatchObject({ counts: CLEAN_COUNTS, published: true });
    const [summary] = clean.summaries;
    expect(await endStateOf(p)).toEqual({ ...clean, summaries: [summary, summary] });
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
        if (request.headers.get('x-amz-target') !== 'DynamoDB_20120810.TransactWriteItems') {
          return passthrough();
        }
        const body = (await request.clone().json()) as {
          TransactItems: { Put?: { TableName: string; Item: Record<string, { S?: string }> } }[];
        };
        const first = body.TransactItems[0]?.Put;
        if (first?.TableName !== sessionsTable || raced) return passthrough();
        raced = true;
        // Another upload stores the first session of the transaction first, with the same
        // content: the transaction is cancelled, that session read again, the rest written.
        await p.lambdaClients.dynamodb.send(
          new PutItemCommand({
            TableName: sessionsTable,
            Item: {
              ...first.Item,
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

  it("fails a gold run for the athlete whose sessions cannot be read, after the others', keeping its marks", async () => {
    // Prepare: ana and bea each uploaded a week; reading bea's sessions fails every time.
    const p = await createPipelineFixture();
    await p.invoke(await p.uploadAndReceiveEvent('uploads/ana/a.csv', strongExport([MONDAY])));
    await p.invoke(await p.uploadAndReceiveEvent('uploads/bea/b.csv', strongExport([WEDNESDAY])));
    server.use(dynamo('Query', p.pipeline.names.tables.sessions, 100, dynamoInternalError, '{"S":"bea"}'));

    // Act
    const attempt = p.gold('2026-10-20');

    // Assess: the run fails naming bea; ana's gold is written and her mark cleared.
    await expect(attempt).rejects.toThrow(
      /^Gold failed for 1 athlete \(bea: Internal server error\); their marks stay/,
    );
    const report = await p.readJson<GoldRunReport>('reports/daily/2026-10-20.json');
    expect(report.athletes.map((a) => a.athlete)).toEqual(['ana']);
    expect(report.failed).toEqual([{ athlete: 'bea', error: 'Internal server error' }]);
    expect((await p.goldMarks()).map((m) => m.athlete)).toEqual(['bea']);
    expect(await p.listProcessed('gold/weekly/')).toEqual([
      'gold/weekly/athlete=ana/2026/week_41--2026-10-05__2026-10-11.json',
    ]);
  });
});
