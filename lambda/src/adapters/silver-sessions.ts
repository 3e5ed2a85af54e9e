/**
 * Reads sessions back from silver (`silver/sessions/athlete=<a>/<upload id>.jsonl`, one JSON
 * session per line, written by the upload that last changed them), for the gold run's
 * sessions whose item holds no complete digest: those stored before digests existed, and
 * those whose exercise summaries were too large to store. The file is streamed line by
 * line and only the lines of the sessions asked for are parsed, so memory stays small
 * whatever the file's size.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { Session } from '../core/model.js';
import { outputKeysOf } from '../core/upload-id.js';

export interface SilverSessions {
  /** The sessions of `ids` the upload's silver file holds (a missing file holds none). */
  read(athlete: string, uploadId: string, ids: ReadonlySet<string>): Promise<Map<string, Session>>;
}

export class S3SilverSessions implements SilverSessions {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async read(athlete: string, uploadId: string, ids: ReadonlySet<string>): Promise<Map<string, Session>> {
    const found = new Map<string, Session>();
    let body: Readable;
    try {
      const output = await this.s3.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: outputKeysOf(athlete, uploadId).silver }),
      );
      body = output.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return found;
      throw error;
    }
    const lines = createInterface({ input: body, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      // A session's own id is the line's first "id" (its sets carry none).
      const id = /"id":"([^"]+)"/.exec(line)?.[1];
      if (id === undefined || !ids.has(id)) continue;
      found.set(id, JSON.parse(line) as Session);
      if (found.size === ids.size) {
        lines.close();
        body.destroy();
        break;
      }
    }
    return found;
  }
}
