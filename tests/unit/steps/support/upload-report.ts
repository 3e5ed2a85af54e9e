/**
 * What the function does with one uploaded object, for tests of the smoke step: the S3 event
 * AWS documents for it (key URL-encoded, eTag without quotes, versionId on a versioned
 * bucket), read through the function's own event parser, named by the function's own
 * uploadIdOf/outputKeysOf, and a report of the function's own type at that key.
 */
import { outputKeysOf, uploadIdOf } from '../../../../lambda/src/core/upload-id.js';
import type { UploadReport } from '../../../../lambda/src/core/upload-report.js';
import { parseS3Event } from '../../../../lambda/src/events.js';

export interface StoredObject {
  readonly bucket: string;
  readonly key: string;
  /** As HeadObject/PutObject return it (quoted). */
  readonly eTag: string;
  readonly versionId?: string | undefined;
  readonly size?: number;
}

/** The ObjectCreated:Put event AWS sends for `object` (the emulator's differs; see DESIGN.md). */
export function awsObjectCreatedEvent(object: StoredObject): unknown {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: 'eu-central-1',
        eventTime: '2026-01-01T00:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        s3: {
          s3SchemaVersion: '1.0',
          bucket: { name: object.bucket, arn: `arn:aws:s3:::${object.bucket}` },
          object: {
            key: encodeURIComponent(object.key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size: object.size ?? 0,
            eTag: object.eTag.replace(/"/g, ''),
            ...(object.versionId ? { versionId: object.versionId } : {}),
            sequencer: '0065A1B2C3D4E5F600',
          },
        },
      },
    ],
  };
}

/** The upload id and report key the function uses for `object`, computed as the function does. */
export function functionReportKeyOf(object: StoredObject): {
  uploadId: string;
  reportKey: string;
  athlete: string;
} {
  const [upload] = parseS3Event(awsObjectCreatedEvent(object)).uploads;
  if (!upload) throw new Error(`the function would skip s3://${object.bucket}/${object.key}`);
  const uploadId = uploadIdOf(upload);
  return { uploadId, athlete: upload.athlete, reportKey: outputKeysOf(upload.athlete, uploadId).report };
}

/** A report as the function writes it for `object`; counts default to the bundled sample's. */
export function fakeUploadReport(
  object: StoredObject,
  overrides: Partial<Omit<UploadReport, 'counts'>> & { counts?: Partial<UploadReport['counts']> } = {},
): UploadReport {
  const { uploadId, athlete, reportKey } = functionReportKeyOf(object);
  const { counts, ...rest } = overrides;
  return {
    uploadId,
    athlete,
    source: {
      bucket: object.bucket,
      key: object.key,
      versionId: object.versionId ?? null,
      eTag: object.eTag.replace(/"/g, ''),
    },
    status: 'ok',
    rejection: null,
    supersededBy: null,
    format: 'canonical',
    variant: null,
    timezone: 'Europe/Berlin',
    assumedUnits: [],
    counts: {
      rows: 2,
      sessions: 1,
      newSessions: 1,
      updatedSessions: 0,
      unchangedSessions: 0,
      staleSessions: 0,
      sets: 2,
      skippedRows: 0,
      duplicateRows: 0,
      rejectedRows: 0,
      ...counts,
    },
    newSessions: [{ sessionStart: '2024-05-01T07:30:00', name: 'Smoke test', sets: 2 }],
    rejectedRows: [],
    outputs: { report: reportKey, silver: outputKeysOf(athlete, uploadId).silver, rejects: null },
    processedAt: '2026-01-01T00:00:05.000Z',
    functionVersion: '1',
    ...rest,
  };
}
