/**
 * AWS SDK v3 clients, created once per container and reused across invocations. Region,
 * credentials and endpoint come from the environment the SDK reads itself (AWS_REGION,
 * AWS_ENDPOINT_URL for an emulator); S3 switches to path-style addressing under an
 * endpoint override, because bucket sub-domains of 127.0.0.1 do not resolve.
 *
 * Every client gets a connection timeout and an idle timeout. Without them a stalled
 * connection (an S3 body that stops arriving mid-stream) waits for the Lambda timeout, and
 * the invocation dies with a timeout that names no call. With them the stalled call fails
 * with a TimeoutError (a StalledBodyError for an upload's body), the invocation fails fast
 * and Lambda's async retry takes over.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface AwsClients {
  /** Writes to the processed bucket. */
  readonly s3: S3Client;
  /** Reads uploads: its bodies are watched by S3ObjectSource, not by a socket timeout. */
  readonly s3Reads: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly sns: SNSClient;
}

export interface HttpTimeouts {
  /** Time allowed to establish the TCP/TLS connection. */
  readonly connectTimeoutMs: number;
  /** Time a call may go without a byte sent or received, also while a body streams. */
  readonly idleTimeoutMs: number;
}

export function createClients(
  env: Record<string, string | undefined>,
  /** From the function's configuration (HTTP_CONNECT_TIMEOUT_MS, HTTP_IDLE_TIMEOUT_MS). */
  timeouts: HttpTimeouts,
): AwsClients {
  const dynamodb = new DynamoDBClient({ requestHandler: idleTimed(timeouts) });
  const forcePathStyle = Boolean(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_S3);
  return {
    s3: new S3Client({ forcePathStyle, requestHandler: idleTimed(timeouts) }),
    s3Reads: new S3Client({ forcePathStyle, requestHandler: untilHeaders(timeouts) }),
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    sns: new SNSClient({ requestHandler: idleTimed(timeouts) }),
  };
}

/**
 * socketTimeout, not requestTimeout: in @smithy/node-http-handler 4.x requestTimeout runs
 * from the request's start until the response headers (and only logs a warning unless
 * throwOnRequestTimeout is set), so it says nothing about a body that stalls later and
 * would cut off a large but healthy multipart part upload. socketTimeout is an inactivity
 * timer on the socket that stays armed until the request closes and, on expiry, destroys
 * the response with a TimeoutError.
 */
function idleTimed(timeouts: HttpTimeouts): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: timeouts.connectTimeoutMs,
    socketTimeout: timeouts.idleTimeoutMs,
  });
}

/**
 * For GetObject, whose body the second pass reads in step with DynamoDB: while a batch is
 * compared and written nobody reads the body, the socket goes quiet by design, and a socket
 * timeout would kill a healthy read. So the socket timeout is off (0 also turns off any
 * service default), requestTimeout bounds the wait for the response headers, and
 * S3ObjectSource times only the waits for the next chunk of the body.
 */
function untilHeaders(timeouts: HttpTimeouts): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: timeouts.connectTimeoutMs,
    requestTimeout: timeouts.idleTimeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: 0,
  });
}
