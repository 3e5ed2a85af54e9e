/**
 * Reads an uploaded export from the ingest bucket as a stream of bytes, so memory stays
 * flat whatever the file size. Reads the exact version the event named (versionId, else
 * If-Match on the eTag), so a retry reads the same bytes the first attempt did. A body that
 * stops arriving fails the read after `idleTimeoutMs` of waiting for it (StalledBodyError).
 */
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { UploadRef } from '../events.js';

export interface OpenedObject {
  readonly body: AsyncIterable<Uint8Array>;
  /** `x-amz-meta-timezone` set by the uploader, if any. */
  readonly timezone: string | undefined;
  /** `x-amz-meta-weight-unit` / `x-amz-meta-distance-unit`: the units of unitless columns. */
  readonly weightUnit: string | undefined;
  readonly distanceUnit: string | undefined;
  /** `x-amz-meta-restore`: `true` writes back contents a session had before (change-detection.ts). */
  readonly restore: string | undefined;
  /** Content-Length of the version, when S3 says. */
  readonly size: number | undefined;
  /** When this version was written: orders versions of a key when the event has no sequencer. */
  readonly lastModified: Date | undefined;
  /** Closes the connection when the body will not be read. */
  discard(): void;
}

export interface ObjectSource {
  /** Returns undefined when that version no longer exists or was overwritten since the event. */
  open(upload: UploadRef): Promise<OpenedObject | undefined>;
}

export interface S3ObjectSourceOptions {
  /** How long a read may wait for the body's next bytes (HTTP_IDLE_TIMEOUT_MS). */
  readonly idleTimeoutMs: number;
}

export class S3ObjectSource implements ObjectSource {
  constructor(
    /** A client without a socket timeout (AwsClients.s3Reads): this class times the body. */
    private readonly s3: S3Client,
    private readonly options: S3ObjectSourceOptions,
  ) {}

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
      if ((error as { name?: string }).name === 'AccessDenied') {
        // Transient for Lambda (it retries), but name the likely cause for the operator.
        throw new Error(
          `GetObject s3://${upload.bucket}/${upload.key} was denied: the function's role needs s3:GetObject and s3:GetObjectVersion on the uploads and s3:ListBucket on the bucket (without ListBucket, S3 answers 403 for an object that no longer exists)`,
          { cause: error },
        );
      }
      throw error;
    }
    const body = output.Body as AsyncIterable<Uint8Array> | undefined;
    if (!body || !(Symbol.asyncIterator in body)) {
      throw new Error(`GetObject s3://${upload.bucket}/${upload.key} returned no readable body`);
    }
    const discard = () => (body as { destroy?: () => void }).destroy?.();
    return {
      body: checkedBody(body, { expected: output.ContentLength, upload, discard, ...this.options }),
      timezone: output.Metadata?.timezone,
      weightUnit: output.Metadata?.['weight-unit'],
      distanceUnit: output.Metadata?.['distance-unit'],
      restore: output.Metadata?.restore,
      size: output.ContentLength,
      lastModified: output.LastModified,
      discard,
    };
  }
}

interface BodyCheck {
  readonly expected: number | undefined;
  readonly upload: UploadRef;
  readonly idleTimeoutMs: number;
  readonly discard: () => void;
}

/**
 * A body that ends before Content-Length (a connection cut mid-stream) must fail the
 * invocation, so Lambda retries, rather than pass as a shorter, complete-looking file.
 * A body that stalls fails the same way. Only the time spent waiting for the next chunk
 * counts: the second pass stops reading while it compares and writes a batch, and that
 * pause is no stall.
 */
async function* checkedBody(body: AsyncIterable<Uint8Array>, check: BodyCheck): AsyncGenerator<Uint8Array> {
  const { expected, upload } = check;
  const chunks = body[Symbol.asyncIterator]();
  let received = 0;
  let ended = false;
  try {
    for (;;) {
      const next = await nextWithin(chunks, check.idleTimeoutMs);
      if (next === STALLED) {
        throw new StalledBodyError(
          `GetObject s3://${upload.bucket}/${upload.key} stalled after ${received} of ${expected ?? '?'} bytes: nothing arrived for ${check.idleTimeoutMs} ms (HTTP_IDLE_TIMEOUT_MS); failing so Lambda retries`,
        );
      }
      if (next.done) break;
      received += next.value.byteLength;
      yield next.value;
    }
    ended = true;
  } finally {
    // A stall, an error, or a reader that stopped early (a file rejected at its header):
    // close the connection rather than leave it half read in the pool.
    if (!ended) check.discard();
  }
  if (expected !== undefined && received !== expected) {
    throw new TruncatedBodyError(
      `GetObject s3://${upload.bucket}/${upload.key} ended after ${received} of ${expected} bytes`,
    );
  }
}

const STALLED = Symbol('stalled');

async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  timeoutMs: number,
): Promise<IteratorResult<T> | typeof STALLED> {
  let timer: NodeJS.Timeout | undefined;
  const next = iterator.next();
  // After a stall the body is destroyed and this read rejects; nobody awaits it any more.
  next.catch(() => undefined);
  try {
    return await Promise.race([
      next,
      new Promise<typeof STALLED>((resolve) => {
        timer = setTimeout(() => resolve(STALLED), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export class TruncatedBodyError extends Error {
  override readonly name = 'TruncatedBodyError';
}

/**
 * The body stopped arriving for longer than the idle timeout (HTTP_IDLE_TIMEOUT_MS).
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
