/**
 * Test-side helpers over real SDK clients pointed at the emulator (emulator-env.ts sets
 * AWS_ENDPOINT_URL, which SDK v3 reads itself). Resource names are unique per call so
 * tests never depend on each other or on run order.
 */
import { randomUUID } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

/** Lower-case, S3- and SQS-safe, unique per call. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

// Path-style because a bucket sub-domain of 127.0.0.1 does not resolve.
export const s3 = () => new S3Client({ forcePathStyle: true });
export const sqs = () => new SQSClient({});
export const sns = () => new SNSClient({});

export { createQueue } from '../../../scripts/lib/emulator-pipeline.js';

/** Long-polls until `count` messages arrived or the deadline passes; returns what arrived. */
export async function receiveMessages(
  client: SQSClient,
  queueUrl: string,
  { count = 1, timeoutMs = 10_000 }: { count?: number; timeoutMs?: number } = {},
): Promise<Message[]> {
  const deadline = Date.now() + timeoutMs;
  const messages: Message[] = [];
  while (messages.length < count && Date.now() < deadline) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    messages.push(...Messages);
  }
  return messages;
}
