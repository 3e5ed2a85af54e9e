import { describe, expect, it } from 'vitest';
import { outputKeysOf, uploadIdOf } from '../../../lambda/src/core/upload-id.js';

describe('upload ids', () => {
  const upload = { bucket: 'ingest', key: 'uploads/ana/a.csv', versionId: 'v1', eTag: 'e1' };

  it('gives a redelivered event the same id, and another version of the same key a new one', () => {
    expect(uploadIdOf({ ...upload })).toBe(uploadIdOf(upload));
    expect(uploadIdOf({ ...upload, versionId: 'v2' })).not.toBe(uploadIdOf(upload));
    expect(uploadIdOf(upload)).toMatch(/^u-[0-9a-f]{24}$/);
  });

  it('falls back to the eTag when the bucket is not versioned', () => {
    const unversioned = { ...upload, versionId: undefined };
    expect(uploadIdOf(unversioned)).not.toBe(uploadIdOf({ ...unversioned, eTag: 'e2' }));
  });

  it('puts outputs under silver/, reports/ and rejected/ of the athlete', () => {
    expect(outputKeysOf('ana', 'u-1')).toEqual({
      silver: 'silver/sessions/athlete=ana/u-1.jsonl',
      report: 'reports/ana/u-1.json',
      rejects: 'rejected/ana/u-1.csv',
    });
  });
});
