/**
 * Reading an upload over a real socket from a local HTTP server that answers GetObject the
 * way S3 does, because only a real socket shows what matters here: a body that stops
 * arriving fails the read within the idle timeout, while a reader that pauses (the second
 * pass does, for each batch it compares and writes) keeps its connection.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClients } from '../../../lambda/src/adapters/clients.js';
import {
  type OpenedObject,
  S3ObjectSource,
  StalledBodyError,
} from '../../../lambda/src/adapters/s3-source.js';
import type { UploadRef } from '../../../lambda/src/events.js';

const IDLE_MS = 500;
// Larger than what the socket buffers hold, so a paused reader leaves the socket silent.
const BIG = Buffer.alloc(16 * 1024 * 1024, 'a');

let server: Server | undefined;
/** Connections to the fake S3 that the client closed. */
let closedByClient = 0;
afterEach(async () => {
  vi.unstubAllEnvs();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A stand-in S3 endpoint: `/b/stall` sends half its body and then nothing, `/b/big` sends BIG. */
async function fakeS3(): Promise<string> {
  server = createServer((request, response) => {
    const error = (status: number, code: string) => {
      response.writeHead(status, { 'content-type': 'application/xml' });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message><RequestId>r</RequestId></Error>`,
      );
    };
    // What S3 answers for a key that no longer exists, with and without s3:ListBucket.
    if (request.url?.startsWith('/b/missing')) return error(404, 'NoSuchKey');
    if (request.url?.startsWith('/b/denied')) return error(403, 'AccessDenied');
    if (request.url?.startsWith('/b/stall')) {
      response.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000' });
      response.write('x'.repeat(500));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/csv', 'content-length': String(BIG.length) });
    // Kept alive, a connection whose body was read to its end would stay open in the pool.
    request.socket.on('close', () => closedByClient++);
    response.end(BIG);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function clientsFor(endpoint: string) {
  vi.stubEnv('AWS_ENDPOINT_URL_S3', endpoint);
  return createClients(
    { AWS_ENDPOINT_URL_S3: endpoint },
    { connectTimeoutMs: 1_000, idleTimeoutMs: IDLE_MS },
  );
}

const upload = (key: string): UploadRef => ({
  bucket: 'b',
  key,
  versionId: 'v1',
  eTag: 'e',
  size: 0,
  athlete: 'ana',
});

function bodyOf(opened: OpenedObject | undefined): AsyncIterable<Uint8Array> {
  if (!opened) throw new Error('the fake S3 answered GetObject with 404');
  return opened.body;
}

/** Reads the body, pausing once for `pauseMs` after the first chunk as a busy second pass would. */
async function readAll(body: AsyncIterable<Uint8Array>, pauseMs = 0): Promise<number> {
  let received = 0;
  for await (const chunk of body) {
    if (received === 0 && pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    received += chunk.byteLength;
  }
  return received;
}

describe('reading an upload whose body stalls', () => {
  it('fails with StalledBodyError within the idle timeout, naming the object and the bytes read', async () => {
    const clients = await clientsFor(await fakeS3());
    const source = new S3ObjectSource(clients.s3Reads, { idleTimeoutMs: IDLE_MS });
    const opened = await source.open(upload('stall.csv'));
    const started = performance.now();

    const read = readAll(bodyOf(opened));

    await expect(read).rejects.toThrow(StalledBodyError);
    await expect(read).rejects.toThrow('GetObject s3://b/stall.csv stalled after 500 of 1000 bytes');
    // Generous margin: without the timeout this read would wait for the Lambda timeout.
    expect(performance.now() - started).toBeLessThan(IDLE_MS + 10_000);
  });

  it('keeps reading when the reader itself pauses longer than the idle timeout', async () => {
    const clients = await clientsFor(await fakeS3());
    const source = new S3ObjectSource(clients.s3Reads, { idleTimeoutMs: IDLE_MS });
    const opened = await source.open(upload('big.csv'));

    expect(await readAll(bodyOf(opened), IDLE_MS * 4)).toBe(BIG.length);
  });

  it('closes the connection when the reader stops early (a file rejected at its header)', async () => {
    closedByClient = 0;
    const clients = await clientsFor(await fakeS3());
    const source = new S3ObjectSource(clients.s3Reads, { idleTimeoutMs: IDLE_MS });
    const opened = await source.open(upload('big.csv'));

    for await (const _chunk of bodyOf(opened)) break;

    await expect.poll(() => closedByClient, { timeout: 5_000 }).toBe(1);
  });

  it('would lose that read to a socket idle timeout, which is why uploads are read with their own client', async () => {
    const clients = await clientsFor(await fakeS3());
    // The writes client: socket idle timeout on, as for DynamoDB and SNS.
    const source = new S3ObjectSource(clients.s3, { idleTimeoutMs: 60_000 });
    const opened = await source.open(upload('big.csv'));

    await expect(readAll(bodyOf(opened), IDLE_MS * 4)).rejects.toThrow(
      /timed out after 500 ms of inactivity/,
    );
  });
});

describe('an upload that no longer exists', () => {
  it('is gone (skipped, not retried) when S3 answers 404, as it does with s3:ListBucket granted', async () => {
    const clients = await clientsFor(await fakeS3());
    const source = new S3ObjectSource(clients.s3Reads, { idleTimeoutMs: IDLE_MS });

    expect(await source.open(upload('missing.csv'))).toBeUndefined();
  });

  it('fails naming the permissions to check when S3 answers 403, as it does for a missing key without ListBucket', async () => {
    const clients = await clientsFor(await fakeS3());
    const source = new S3ObjectSource(clients.s3Reads, { idleTimeoutMs: IDLE_MS });

    await expect(source.open(upload('denied.csv'))).rejects.toThrow(
      /s3:\/\/b\/denied.csv was denied: .*s3:ListBucket on the bucket/,
    );
  });
});
