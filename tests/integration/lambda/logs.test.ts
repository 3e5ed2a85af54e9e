/**
 * The function's log lines, as an operator queries them in CloudWatch Logs Insights: one
 * JSON line per upload with the request id, the object (bucket, key, version), the counts
 * and the duration, a line for every record or object it skips, and nothing of the
 * export's content or the function's credentials. Powertools Logger writes JSON lines to
 * process.stdout / process.stderr through its own Console, so the test reads those streams.
 */
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captured } from './captured-output.js';
import { MONDAY, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture, lambdaContext, type PipelineFixture } from './pipeline-fixture.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

const infoLogs = () => createPipelineFixture({ POWERTOOLS_LOG_LEVEL: 'INFO' });

/** The S3 event with the versionId AWS sends for a versioned bucket (moto leaves it out). */
async function versionedEvent(p: PipelineFixture, key: string, body: string) {
  const event = (await p.uploadAndReceiveEvent(key, body)) as S3Event;
  const { VersionId } = await p.clients.s3.send(
    new HeadObjectCommand({ Bucket: p.pipeline.names.buckets.ingest, Key: key }),
  );
  const record = event.Records[0];
  if (!record || !VersionId) throw new Error('expected one record and a versioned ingest bucket');
  record.s3.object.versionId = VersionId;
  return { event, versionId: VersionId };
}

describe('log lines an operator relies on', () => {
  it('logs a processed upload with request id, bucket, key, version, counts and duration', async () => {
    const p = await infoLogs();
    const key = 'uploads/ana/strong.csv';
    const { event, versionId } = await versionedEvent(p, key, strongExport([MONDAY, WEDNESDAY]));
    const context = lambdaContext();

    const { result, logs } = await captured(() => p.handler(event, context));

    const processed = logs.filter((r) => r.message === 'upload processed');
    expect(processed).toHaveLength(1);
    expect(processed[0]).toMatchObject({
      level: 'INFO',
      service: p.pipeline.functionEnv.POWERTOOLS_SERVICE_NAME,
      function_request_id: context.awsRequestId,
      uploadId: result.uploads[0]?.uploadId,
      bucket: p.pipeline.names.buckets.ingest,
      key,
      versionId,
      eTag: expect.stringMatching(/^[0-9a-f]{32}$/),
      status: 'ok',
      format: 'strong',
      counts: { rows: 5, sessions: 2, newSessions: 2, updatedSessions: 0, sets: 5, rejectedRows: 0 },
      published: true,
      durationMs: expect.any(Number),
    });
  });

  it('logs a rejected file with its rejection code and counts, at the same level as a processed one', async () => {
    const p = await infoLogs();
    const { event, versionId } = await versionedEvent(
      p,
      'uploads/ana/bank.csv',
      'Date,Payee,Amount\n2026-01-01,Shop,12.50\n',
    );
    const context = lambdaContext();

    const { logs } = await captured(() => p.handler(event, context));

    expect(logs.find((r) => r.message === 'upload processed')).toMatchObject({
      level: 'INFO',
      function_request_id: context.awsRequestId,
      key: 'uploads/ana/bank.csv',
      versionId,
      status: 'rejected',
      rejection: 'UNKNOWN_FORMAT',
      counts: expect.objectContaining({ newSessions: 0 }),
      durationMs: expect.any(Number),
    });
  });

  it('logs an object that vanished before it was read as a warning naming the version', async () => {
    const p = await infoLogs();
    const key = 'uploads/ana/gone.csv';
    const { event, versionId } = await versionedEvent(p, key, strongExport([MONDAY]));
    await p.clients.s3.send(
      new DeleteObjectCommand({ Bucket: p.pipeline.names.buckets.ingest, Key: key, VersionId: versionId }),
    );
    const context = lambdaContext();

    const { result, logs } = await captured(() => p.handler(event, context));

    expect(result.uploads[0]?.status).toBe('gone');
    expect(logs.filter((r) => r.level === 'WARN')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/no longer exists/),
        function_request_id: context.awsRequestId,
        bucket: p.pipeline.names.buckets.ingest,
        key,
        versionId,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('logs every record it skips with the reason', async () => {
    const p = await infoLogs();
    const context = lambdaContext();

    const { logs } = await captured(() =>
      p.handler({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'x' }, context),
    );

    expect(logs.filter((r) => r.message === 'record skipped')).toEqual([
      expect.objectContaining({
        level: 'INFO',
        reason: 'test-event',
        function_request_id: context.awsRequestId,
      }),
    ]);
  });

  it('drops a record with a bad %-escape with an ERROR line and still processes the other record', async () => {
    // Prepare: a real notification with a second record whose key cannot be decoded.
    const p = await infoLogs();
    const event = (await p.uploadAndReceiveEvent('uploads/ana/ok.csv', strongExport([MONDAY]))) as S3Event;
    const [good] = event.Records;
    if (!good) throw new Error('expected one record');
    const bad = structuredClone(good);
    bad.s3.object.key = 'uploads/ana/%E0%A4%A.csv';

    // Act
    const { logs, result } = await captured(() => p.handler({ Records: [bad, good] }, lambdaContext()));

    // Assess
    expect(result.uploads.map((u) => u.status)).toEqual(['ok']);
    expect(logs.filter((r) => r.message === 'record dropped: it can never be read')).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        reason: 'unreadable',
        key: 'uploads/ana/%E0%A4%A.csv',
        detail: expect.stringMatching(/not valid URL encoding/),
      }),
    ]);
  });

  it('logs neither the export content nor the credentials, even with rejected rows and at DEBUG', async () => {
    const secret = 'logs-test-secret-b8f3c1d27a9e';
    const token = 'logs-test-session-token-5e0a7c';
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', secret);
    vi.stubEnv('AWS_SESSION_TOKEN', token);
    const p = await createPipelineFixture({ POWERTOOLS_LOG_LEVEL: 'DEBUG' });
    const workout = { ...MONDAY, name: 'Private Rehab Session Q7' };
    const csv = strongExport([workout]).replace(';8;;;;;;;1h 5m\n', ';sevenish-Z3;;;;;;;1h 5m\n');
    const { event } = await versionedEvent(p, 'uploads/ana/private.csv', csv);

    const { result, text, logs } = await captured(() => p.handler(event, lambdaContext()));

    expect(result.uploads[0]?.counts).toMatchObject({ rejectedRows: 1, newSessions: 1 });
    expect(logs.length).toBeGreaterThan(0);
    for (const forbidden of [secret, token, 'Private Rehab', 'Bench Press', 'sevenish-Z3']) {
      expect(text).not.toContain(forbidden);
    }
  });
});
