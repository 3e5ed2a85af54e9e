import { describe, expect, it } from 'vitest';
import {
  decodeEventKey,
  outcomeFor,
  type S3EventLike,
  withVersionId,
} from '../../../scripts/main-job/local-pipeline.js';

const event = (key: string, versionId?: string): S3EventLike => ({
  Records: [
    { s3: { bucket: { name: 'in' }, object: { key, eTag: '"abc"', ...(versionId ? { versionId } : {}) } } },
  ],
});

describe('S3 events as the local run hands them to the handler', () => {
  it('decodes keys encoded by S3 (+ for space) and by moto (%2F for /) alike', () => {
    expect(decodeEventKey('uploads/demo/my+export.csv')).toBe('uploads/demo/my export.csv');
    expect(decodeEventKey('uploads%2Fdemo%2Fmy+export.csv')).toBe('uploads/demo/my export.csv');
  });

  it('adds the versionId PutObject returned when the emulator left it out, as AWS sends it', () => {
    const received = event('uploads%2Fdemo%2Fa.csv');

    const delivered = withVersionId(received, { key: 'uploads/demo/a.csv', eTag: 'abc', versionId: 'v2' });

    expect(delivered.Records[0]?.s3.object.versionId).toBe('v2');
    expect(delivered.Records[0]?.s3.object.key).toBe('uploads%2Fdemo%2Fa.csv');
    expect(received.Records[0]?.s3.object.versionId).toBeUndefined();
  });

  it('keeps a versionId the event already carries', () => {
    const delivered = withVersionId(event('uploads/demo/a.csv', 'v1'), {
      key: 'uploads/demo/a.csv',
      eTag: 'abc',
      versionId: 'v2',
    });

    expect(delivered.Records[0]?.s3.object.versionId).toBe('v1');
  });
});

describe('handler result of one upload', () => {
  const counts = null;

  it('is the outcome for the uploaded key', () => {
    const outcome = {
      uploadId: 'u-1',
      key: 'k',
      status: 'ok',
      reportKey: 'r',
      counts,
      published: true,
    } as const;

    expect(outcomeFor({ uploads: [outcome], skipped: 0 }, 'k')).toBe(outcome);
  });

  it('is an error naming the key when the object was gone or the record skipped', () => {
    const gone = {
      uploadId: 'u-1',
      key: 'k',
      status: 'gone',
      reportKey: null,
      counts,
      published: false,
    } as const;

    expect(() => outcomeFor({ uploads: [gone], skipped: 0 }, 'k')).toThrow(/k \(status 'gone'\)/);
    expect(() => outcomeFor({ uploads: [], skipped: 1 }, 'k')).toThrow(
      expect.objectContaining({ code: 'UPLOAD_NOT_PROCESSED' }),
    );
  });
});
