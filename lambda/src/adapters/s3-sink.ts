/**
 * Writes the outputs of an upload to the processed bucket (never the ingest bucket, which
 * would trigger the function again). The silver JSON Lines file is streamed as a multipart
 * upload, started on its first line, so memory does not grow with the number of sessions.
 */
import { PassThrough } from 'node:stream';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';

export interface LinesWriter {
  write(line: string): Promise<void>;
  /** Finishes the object; returns whether anything was written. */
  close(): Promise<boolean>;
  abort(): Promise<void>;
}

export interface OutputSink {
  openLines(key: string): LinesWriter;
  putText(key: string, body: string, contentType: string): Promise<void>;
}

export class S3OutputSink implements OutputSink {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putText(key: string, body: string, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  openLines(key: string): LinesWriter {
    let stream: PassThrough | undefined;
    let upload: Upload | undefined;
    let done: Promise<unknown> | undefined;
    const start = () => {
      stream = new PassThrough();
      upload = new Upload({
        client: this.s3,
        params: { Bucket: this.bucket, Key: key, Body: stream, ContentType: 'application/x-ndjson' },
        queueSize: 2,
        leavePartsOnError: false,
      });
      done = upload.done();
      // Surfaced by close(); avoid an unhandled rejection while lines are still being written.
      done.catch(() => undefined);
    };
    return {
      write: async (line) => {
        if (!stream) start();
        const s = stream as PassThrough;
        if (!s.write(`${line}\n`)) {
          await Promise.race([
            new Promise((resolve) => s.once('drain', resolve)),
            (done as Promise<unknown>).then(() => undefined),
          ]);
        }
      },
      close: async () => {
        if (!stream) return false;
        stream.end();
        await done;
        return true;
      },
      abort: async () => {
        if (!upload) return;
        stream?.destroy();
        await upload.abort().catch(() => undefined);
      },
    };
  }
}
