/**
 * The id of one upload: a stable hash of the exact object version (bucket, key, and the
 * versionId, else the eTag). A redelivered or retried event gets the same id, so every
 * output it writes lands on the same keys and every session it stored is recognised as its own.
 */
import { createHash } from 'node:crypto';

export interface UploadIdentity {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string | undefined;
  readonly eTag: string;
}

export function uploadIdOf(upload: UploadIdentity): string {
  const version = upload.versionId ? `v:${upload.versionId}` : `e:${upload.eTag}`;
  const digest = createHash('sha256').update(`${upload.bucket}\n${upload.key}\n${version}`).digest('hex');
  return `u-${digest.slice(0, 24)}`;
}

/** Where each output of an upload goes in the processed bucket (DESIGN.md, Data flow). */
export function outputKeysOf(athlete: string, uploadId: string) {
  return {
    silver: `silver/sessions/athlete=${athlete}/${uploadId}.jsonl`,
    report: `reports/${athlete}/${uploadId}.json`,
    rejects: `rejected/${athlete}/${uploadId}.csv`,
  } as const;
}

/**
 * The id of the record of which version of an object key was applied (sessions-store.ts),
 * in the idempotency table beside the per-upload markers. Hashed: a key may be 1,024 bytes.
 */
export function objectVersionIdOf(bucket: string, key: string): string {
  return `object-version#${createHash('sha256').update(`${bucket}\n${key}`).digest('hex').slice(0, 32)}`;
}
