/**
 * Empties an S3 bucket completely, versioned or not: every object version and every delete
 * marker, page by page (ListObjectVersions returns at most 1000 entries, which is also
 * DeleteObjects' batch limit). Each page is listed from the start again after the previous
 * one was deleted instead of following NextKeyMarker: the marker then points at deleted
 * entries, which the emulator does not page past, and listing from the start is correct on
 * both. A bucket that does not exist counts as already empty, so a teardown that failed
 * halfway can simply be run again.
 */
import {
  DeleteObjectsCommand,
  type DeleteObjectsCommandOutput,
  ListObjectVersionsCommand,
  type ObjectIdentifier,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StepError } from '../lib/errors.js';

/** DeleteObjects accepts at most this many keys per request. */
export const DELETE_BATCH_SIZE = 1000;

export interface EmptyBucketResult {
  readonly bucket: string;
  /** false when the bucket did not exist. */
  readonly existed: boolean;
  readonly versionsDeleted: number;
  readonly deleteMarkersDeleted: number;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function isNoSuchBucket(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'NoSuchBucket' || (error as { Code?: string }).Code === 'NoSuchBucket')
  );
}

export async function emptyBucket(
  client: S3Client,
  bucket: string,
  { onProgress }: { onProgress?: (line: string) => void } = {},
): Promise<EmptyBucketResult> {
  let versionsDeleted = 0;
  let deleteMarkersDeleted = 0;
  let previousFirst: string | undefined;
  for (;;) {
    let page: Awaited<ReturnType<typeof listPage>>;
    try {
      page = await listPage(client, bucket);
    } catch (error) {
      if (isNoSuchBucket(error) && versionsDeleted + deleteMarkersDeleted === 0) {
        return { bucket, existed: false, versionsDeleted: 0, deleteMarkersDeleted: 0 };
      }
      throw error;
    }
    const versions = (page.Versions ?? []).map(toIdentifier);
    const markers = (page.DeleteMarkers ?? []).map(toIdentifier);
    const entries = [...versions, ...markers];
    if (entries[0] === undefined) break;
    // Every listed entry was deleted, so a page starting where the last one did means no progress.
    const first = `${entries[0].Key}@${entries[0].VersionId}`;
    if (first === previousFirst) {
      throw new StepError('DELETE_FAILED', `${bucket}: ${first} is still listed after it was deleted.`);
    }
    previousFirst = first;
    for (const batch of chunk(entries, DELETE_BATCH_SIZE)) {
      const response = await client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch, Quiet: true } }),
      );
      throwOnErrors(bucket, response);
    }
    versionsDeleted += versions.length;
    deleteMarkersDeleted += markers.length;
    onProgress?.(
      `${bucket}: ${versionsDeleted} versions and ${deleteMarkersDeleted} delete markers deleted so far`,
    );
  }
  return { bucket, existed: true, versionsDeleted, deleteMarkersDeleted };
}

function listPage(client: S3Client, bucket: string) {
  return client.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: DELETE_BATCH_SIZE }));
}

function toIdentifier(entry: { Key?: string; VersionId?: string }): ObjectIdentifier {
  if (entry.Key === undefined)
    throw new StepError('DELETE_FAILED', 'ListObjectVersions returned an entry without a key.');
  return { Key: entry.Key, VersionId: entry.VersionId };
}

function throwOnErrors(bucket: string, response: DeleteObjectsCommandOutput): void {
  const errors = response.Errors ?? [];
  if (errors.length === 0) return;
  const sample = errors
    .slice(0, 5)
    .map((e) => `${e.Key}@${e.VersionId ?? 'null'}: ${e.Code} ${e.Message ?? ''}`.trim())
    .join('; ');
  throw new StepError(
    'DELETE_FAILED',
    `${errors.length} object versions in ${bucket} could not be deleted (first: ${sample}). Check the role's s3:DeleteObjectVersion permission and any Object Lock retention.`,
  );
}
