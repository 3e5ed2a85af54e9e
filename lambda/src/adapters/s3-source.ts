/**
 * Reads an uploaded export from the ingest bucket as a stream of bytes, so memory stays
 * flat whatever the file size. Reads the exact version the event named (versionId, else
 * If-Match on the eTag), so a retry reads the same bytes the first attempt did.
 */
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { UploadRef } from '../events.js';

export interface OpenedObject {
  readonly body: AsyncIterable<Uint8Array>;
  /** `x-amz-meta-timezone` set by the uploader, if any. */
  readonly timezone: string | undefined;
  /** Closes the connection when the body will not be read. */
  discard(): void;
}

export interface ObjectSource {
  /** Returns undefined when that version no longer exists or was overwritten since the event. */
  open(upload: UploadRef): Promise<OpenedObject | undefined>;
}

export class S3ObjectSource implements ObjectSource {
  constructor(private readonly s3: S3Client) {}

  async open(upload: UploadRef): Promise<OpenedObject | undefined> {
    let output: GetObjectCommandOutput;
    try {
      output = await this.s3.send(
        new GetObjectCommand({
          Bucket: upload.bucket,
          Key: upload.key,
          ...(upload.versionId
            ? { VersionId: upload.versionId }
            : upload.eTag
              ? { IfMatch: `"${upload.eTag}"` }
              : {}),
        }),
      );
    } catch (error) {
      if (isGone(error)) return undefined;
      throw error;
    }
    const body = output.Body as AsyncIterable<Uint8Array> | undefined;
    if (!body || !(Symbol.asyncIterator in body)) {
      throw new Error(`GetObject s3://${upload.bucket}/${upload.key} returned no readable body`);
    }
    return {
      body: checkedLength(body, output.ContentLength, upload),
      timezone: output.Metadata?.timezone,
      discard: () => (body as { destroy?: () => void }).destroy?.(),
    };
  }
}

/**
 * A body that ends before Content-Length (a connection cut mid-stream) must fail the
 * invocation, so Lambda retries, rather than pass as a shorter, complete-looking file.
 * A body that stalls fails the same way once the socket has been idle too long.
 */
async function* checkedLength(
  body: AsyncIterable<Uint8Array>,
  expected: number | undefined,
  upload: UploadRef,
): AsyncGenerator<Uint8Array> {
  let received = 0;
  try {
    for await (const chunk of body) {
      received += chunk.byteLength;
      yield chunk;
    }
  } catch (error) {
    if ((error as { name?: string }).name !== 'TimeoutError') throw error;
    throw new StalledBodyError(
      `GetObject s3://${upload.bucket}/${upload.key} stalled after ${received} of ${expected ?? '?'} bytes (${(error as Error).message}); failing so Lambda retries`,
      { cause: error },
    );
  }
  if (expected !== undefined && received !== expected) {
    throw new TruncatedBodyError(
      `GetObject s3://${upload.bucket}/${upload.key} ended after ${received} of ${expected} bytes`,
    );
  }
}

export class TruncatedBodyError extends Error {
  override readonly name = 'TruncatedBodyError';
}

/**
 * The body stopped arriving for longer than the clients' idle timeout (HTTP_IDLE_TIMEOUT_MS).
 * Transient: thrown so the invocation fails fast and Lambda retries, rather than waiting
 * for the function's timeout.
 */
export class StalledBodyError extends Error {
  override readonly name = 'StalledBodyError';
}

/** The object (or that version of it) is no longer there to read: nothing to retry. */
function isGone(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NoSuchVersion' || name === 'PreconditionFailed';
}
