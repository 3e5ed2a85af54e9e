import { createReadStream } from 'node:fs';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summarizeExport } from '../../../lambda/src/core/index.js';
import { run, SAMPLE_EXPORT } from '../../../scripts/steps/smoke-test/run.js';
import {
  checkReport,
  parseReport,
  reportHighlights,
  reportLocationOf,
  runSmokeTest,
  SAMPLE_EXPORT_COUNTS,
  smokeUploadKey,
} from '../../../scripts/steps/smoke-test/smoke.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';
import { fakeUploadReport, functionReportKeyOf, type StoredObject } from './support/upload-report.js';

/**
 * An in-memory S3 for PutObject and GetObject: answers like S3 (quoted ETag, VersionId on a
 * versioned bucket, NoSuchKey for a missing key) and calls `onPut` after each upload, where a
 * test plays the function.
 */
function fakeS3(options: { versioned: boolean; onPut?: (object: StoredObject) => void }) {
  const objects = new Map<string, string>();
  let version = 0;
  const client = {
    async send(command: unknown) {
      if (command instanceof PutObjectCommand) {
        const { Bucket = '', Key = '', Body } = command.input;
        objects.set(`${Bucket}/${Key}`, String(Body));
        const object: StoredObject = {
          bucket: Bucket,
          key: Key,
          eTag: `"etag-${Key.length}-${String(Body).length}"`,
          versionId: options.versioned ? `v${++version}.AbC_dEf` : undefined,
        };
        options.onPut?.(object);
        return { ETag: object.eTag, ...(object.versionId ? { VersionId: object.versionId } : {}) };
      }
      if (command instanceof GetObjectCommand) {
        const text = objects.get(`${command.input.Bucket}/${command.input.Key}`);
        if (text === undefined)
          throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
        return { Body: { transformToString: async () => text } };
      }
      throw new Error(`fakeS3 does not handle ${(command as object).constructor.name}`);
    },
  };
  const put = (bucket: string, key: string, body: string) => objects.set(`${bucket}/${key}`, body);
  return { client: client as unknown as S3Client, objects, put };
}

const options = {
  ingestBucket: 'ingest',
  processedBucket: 'processed',
  body: 'csv',
  timeoutMs: 500,
  pollMs: 10,
};

describe('smoke test: where the report of the upload is', () => {
  it('uses the upload id the function derives from the version of a versioned bucket', () => {
    // Prepare
    const object = {
      bucket: 'ingest',
      key: 'uploads/smoke/run-1.csv',
      eTag: '"abc123"',
      versionId: 'Vx.1_a',
    };

    // Act
    const location = reportLocationOf(object);

    // Assess
    expect(location).toEqual(functionReportKeyOf(object));
    expect(location.reportKey).toMatch(/^reports\/smoke\/u-[0-9a-f]{24}\.json$/);
    expect(location.reportKey).not.toContain('run-1');
  });

  it('uses the eTag without quotes when the bucket is not versioned', () => {
    const object = { bucket: 'ingest', key: 'uploads/smoke/run-1.csv', eTag: '"abc123"' };

    const location = reportLocationOf({ ...object, versionId: undefined });

    expect(location).toEqual(functionReportKeyOf(object));
    expect(location.uploadId).not.toBe(reportLocationOf({ ...object, versionId: 'v1' }).uploadId);
  });

  it('refuses to guess when S3 returned neither a version nor an ETag', () => {
    expect(() =>
      reportLocationOf({
        bucket: 'ingest',
        key: 'uploads/smoke/x.csv',
        versionId: undefined,
        eTag: undefined,
      }),
    ).toThrow(expect.objectContaining({ code: 'SMOKE_UPLOAD_UNIDENTIFIED' }));
  });

  it('uploads under uploads/smoke/ and refuses a name that is not a plain file name', () => {
    expect(smokeUploadKey('run-1')).toBe('uploads/smoke/run-1.csv');
    expect(() => smokeUploadKey('../other/x')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});

describe('smoke test: waiting for the report', () => {
  it.each([
    ['a versioned', true],
    ['an unversioned', false],
  ])('passes when the function writes its report for %s ingest bucket', async (_, versioned) => {
    // Prepare
    const s3 = fakeS3({
      versioned,
      onPut: (object) => {
        const report = fakeUploadReport(object);
        s3.put('processed', report.outputs.report, JSON.stringify(report));
      },
    });

    // Act
    const result = await runSmokeTest({ ...options, client: s3.client, uploadName: 'run-1' });

    // Assess
    expect(result.uploadKey).toBe('uploads/smoke/run-1.csv');
    expect(result.reportKey).toBe(`reports/smoke/${result.uploadId}.json`);
    expect(result.report.counts.sessions).toBe(1);
    expect(result.versionId === undefined).toBe(!versioned);
  });

  it('does not take a report named after the file for the report of the upload', async () => {
    const s3 = fakeS3({
      versioned: true,
      onPut: (object) =>
        s3.put('processed', 'reports/smoke/run-1.json', JSON.stringify(fakeUploadReport(object))),
    });

    await expect(runSmokeTest({ ...options, client: s3.client, uploadName: 'run-1' })).rejects.toMatchObject({
      code: 'SMOKE_TIMEOUT',
    });
  });

  it('fails with SMOKE_REPORT_NOT_OK when the function rejected the sample', async () => {
    const s3 = fakeS3({
      versioned: true,
      onPut: (object) => {
        const report = fakeUploadReport(object, {
          status: 'rejected',
          rejection: { code: 'UNKNOWN_FORMAT', message: 'The header matches no known export.' },
        });
        s3.put('processed', report.outputs.report, JSON.stringify(report));
      },
    });

    await expect(runSmokeTest({ ...options, client: s3.client })).rejects.toMatchObject({
      code: 'SMOKE_REPORT_NOT_OK',
      message: expect.stringContaining('UNKNOWN_FORMAT'),
    });
  });

  it('fails with SMOKE_REPORT_NOT_OK when the report counts other sessions than the sample holds', async () => {
    const s3 = fakeS3({
      versioned: false,
      onPut: (object) => {
        const report = fakeUploadReport(object, { counts: { sessions: 0, sets: 0 } });
        s3.put('processed', report.outputs.report, JSON.stringify(report));
      },
    });

    await expect(runSmokeTest({ ...options, client: s3.client })).rejects.toMatchObject({
      code: 'SMOKE_REPORT_NOT_OK',
      message: expect.stringContaining('sessions 0 (expected 1)'),
    });
  });

  it('fails with SMOKE_REPORT_INVALID when the object at the report key is not a report', () => {
    expect(() => parseReport('oops', 'processed', 'reports/smoke/u-1.json')).toThrow(
      expect.objectContaining({ code: 'SMOKE_REPORT_INVALID' }),
    );
    expect(() => parseReport('{"status":"ok"}', 'processed', 'reports/smoke/u-1.json')).toThrow(
      expect.objectContaining({ code: 'SMOKE_REPORT_INVALID' }),
    );
  });

  it('refuses a report that names another upload', () => {
    const object = { bucket: 'ingest', key: 'uploads/smoke/a.csv', eTag: '"e"', versionId: 'v1' };
    const report = fakeUploadReport({ ...object, versionId: 'v2' });

    expect(() =>
      checkReport(
        report,
        { ...reportLocationOf(object), bucket: object.bucket, key: object.key },
        { sessions: 1 },
      ),
    ).toThrow(expect.objectContaining({ code: 'SMOKE_REPORT_INVALID' }));
  });

  it('summarises status, format and every count', () => {
    const report = fakeUploadReport({ bucket: 'ingest', key: 'uploads/smoke/a.csv', eTag: '"e"' });

    expect(reportHighlights(report)).toEqual(
      expect.arrayContaining([
        ['status', 'ok'],
        ['format', 'canonical'],
        ['counts.sessions', '1'],
        ['counts.sets', '2'],
      ]),
    );
  });
});

describe('smoke test: the bundled sample and the step inputs', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('expects exactly the sessions and sets the core finds in the bundled sample', async () => {
    const report = await summarizeExport(createReadStream(SAMPLE_EXPORT), {
      athlete: 'smoke',
      timezone: 'UTC',
      maxRejectedShare: 0,
    });

    expect(report.status).toBe('ok');
    expect(report.rejectedCount).toBe(0);
    expect({ sessions: report.sessions, sets: report.sets }).toEqual(SAMPLE_EXPORT_COUNTS);
  });

  it('requires the expected session count with another sample file, before uploading anything', async () => {
    const result = await env.run(run, {
      ingest_bucket: 'ingest',
      processed_bucket: 'processed',
      sample_file: env.file('other.csv', 'a,b\n'),
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
    expect(result.log).toContain('expected_sessions');
  });

  it('refuses an upload name that is not a plain file name, before uploading anything', async () => {
    const result = await env.run(run, {
      ingest_bucket: 'ingest',
      processed_bucket: 'processed',
      upload_name: 'a/b',
    });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
  });
});
