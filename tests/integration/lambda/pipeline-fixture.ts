/**
 * A whole pipeline in the emulator for one test file: uniquely named buckets, tables, topic
 * and queues (the stack's layout), a handler built against them, and helpers to upload an
 * export, receive its real S3 event and read back every output.
 */

import { createHash } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Context, S3Event, SQSEvent, SQSRecord } from 'aws-lambda';
import { type AwsClients, createClients } from '../../../lambda/src/adapters/clients.js';
import { createHandler, type Handler } from '../../../lambda/src/app.js';
import { loadConfig } from '../../../lambda/src/config.js';
import { createGoldHandler, type GoldHandler } from '../../../lambda/src/gold-app.js';
import {
  type EmulatorPipeline,
  emulatorClients,
  type PipelineClients,
  provisionPipeline,
  receiveS3Events,
  receiveSummaries,
  throwawayPipelineNames,
} from '../../../scripts/lib/emulator-pipeline.js';
import { toAwsEncodedS3Event } from '../setup/emulator-differences.js';
import { uniqueName } from '../support/aws.js';

export interface PipelineFixture {
  readonly pipeline: EmulatorPipeline;
  readonly clients: PipelineClients;
  readonly lambdaClients: AwsClients;
  handler: Handler;
  upload(key: string, body: string | Uint8Array, metadata?: Record<string, string>): Promise<unknown>;
  /** Uploads and returns the S3 event that the bucket notification produced, shaped as AWS sends it. */
  uploadAndReceiveEvent(
    key: string,
    body: string | Uint8Array,
    metadata?: Record<string, string>,
  ): Promise<unknown>;
  /**
   * Uploads each export and returns the SQS event Lambda's event source mapping builds from
   * the S3 notifications the queue received (S3 -> SQS -> Lambda): one message per upload,
   * in the order SQS gave them.
   */
  uploadAndReceiveSqsEvent(
    uploads: readonly { readonly key: string; readonly body: string | Uint8Array }[],
  ): Promise<SQSEvent>;
  invoke(event: unknown): ReturnType<Handler>;
  /** The gold entry point against these resources, with its clock at 06:00 UTC of `today`. */
  gold(today: string, event?: unknown): ReturnType<GoldHandler>;
  summaries(expected?: number, timeoutMs?: number): ReturnType<typeof receiveSummaries>;
  readJson<T>(key: string): Promise<T>;
  readText(key: string): Promise<string>;
  listProcessed(prefix?: string): Promise<string[]>;
  storedSessions(athlete: string): Promise<Record<string, unknown>[]>;
  /** Every mark of a week gold must recompute, by athlete then week. */
  goldMarks(): Promise<{ athlete: string; week: string; days: string[]; revision: number }[]>;
}

export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'workout-pipeline-emulator-processor',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:workout-pipeline-emulator-processor',
    memoryLimitInMB: '1024',
    awsRequestId: crypto.randomUUID(),
    logGroupName: '/aws/lambda/workout-pipeline-emulator-processor',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 120_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** `env` overrides the function's variables; a variable set to undefined is removed. */
export async function createPipelineFixture(
  env: Record<string, string | undefined> = {},
): Promise<PipelineFixture> {
  const id = uniqueName('wp');
  const clients = emulatorClients();
  const pipeline = await provisionPipeline(throwawayPipelineNames(id), clients);
  const functionEnv = { ...process.env, ...pipeline.functionEnv, POWERTOOLS_LOG_LEVEL: 'ERROR', ...env };
  const lambdaClients = createClients(functionEnv, loadConfig(functionEnv));
  const processed = pipeline.names.buckets.processed;

  const fixture: PipelineFixture = {
    pipeline,
    clients,
    lambdaClients,
    handler: createHandler(functionEnv, { clients: lambdaClients }),
    upload: (key, body, metadata) =>
      clients.s3.send(
        new PutObjectCommand({
          Bucket: pipeline.names.buckets.ingest,
          Key: key,
          Body: body,
          Metadata: metadata,
        }),
      ),
    async uploadAndReceiveEvent(key, body, metadata) {
      await fixture.upload(key, body, metadata);
      const [event] = await receiveS3Events(clients.sqs, pipeline.eventsQueueUrl, { expected: 1 });
      if (!event) throw new Error(`no S3 event arrived for ${key}`);
      return toAwsEncodedS3Event(event as never);
    },
    async uploadAndReceiveSqsEvent(uploads) {
      for (const { key, body } of uploads) await fixture.upload(key, body);
      const queueUrl = pipeline.eventsQueueUrl;
      const { Attributes } = await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
      );
      const messages: Message[] = [];
      const deadline = Date.now() + 10_000;
      while (messages.length < uploads.length && Date.now() < deadline) {
        const { Messages = [] } = await clients.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        for (const message of Messages) {
          await clients.sqs.send(
            new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
          // S3's test event from when the notification was saved is not one of the uploads.
          if ((JSON.parse(message.Body ?? '{}') as { Records?: unknown }).Records) messages.push(message);
        }
      }
      if (messages.length !== uploads.length) {
        throw new Error(
          `expected ${uploads.length} S3 notifications in the queue, received ${messages.length}`,
        );
      }
      return { Records: messages.map((m) => sqsRecordOf(m, Attributes?.QueueArn ?? '')) };
    },
    invoke: (event) => fixture.handler(event, lambdaContext()),
    gold: (today, event = { gold: 'scheduled' }) =>
      createGoldHandler(functionEnv, { clients: lambdaClients, now: () => new Date(`${today}T06:00:00Z`) })(
        event,
        lambdaContext(),
      ),
    summaries: (expected = 1, timeoutMs = 3_000) =>
      receiveSummaries(clients.sqs, pipeline.summariesQueueUrl, { expected, timeoutMs }),
    async readText(key) {
      const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: processed, Key: key }));
      return (await Body?.transformToString('utf8')) ?? '';
    },
    async readJson<T>(key: string) {
      return JSON.parse(await fixture.readText(key)) as T;
    },
    async listProcessed(prefix = '') {
      const { Contents = [] } = await clients.s3.send(
        new ListObjectsV2Command({ Bucket: processed, Prefix: prefix }),
      );
      return Contents.map((c) => c.Key ?? '').sort();
    },
    async storedSessions(athlete) {
      const { Items = [] } = await clients.dynamodb.send(
        new QueryCommand({
          TableName: pipeline.names.tables.sessions,
          KeyConditionExpression: 'athlete = :a',
          ExpressionAttributeValues: { ':a': { S: athlete } },
        }),
      );
      return Items.map((item) =>
        Object.fromEntries(
          Object.entries(item).map(([k, v]) => [k, v.S ?? (v.N === undefined ? v : Number(v.N))]),
        ),
      );
    },
    async goldMarks() {
      const { Items = [] } = await clients.dynamodb.send(
        new ScanCommand({ TableName: pipeline.names.tables.goldMarks, ConsistentRead: true }),
      );
      return Items.map((item) => ({
        athlete: item.athlete?.S ?? '',
        week: item.week?.S ?? '',
        days: [...(item.days?.SS ?? [])].sort(),
        revision: Number(item.revision?.N),
      })).sort((a, b) => a.athlete.localeCompare(b.athlete) || a.week.localeCompare(b.week));
    },
  };
  return fixture;
}

/**
 * A received message as Lambda's SQS event source mapping hands it to the function. The
 * body is the emulator's S3 notification with its keys encoded as S3 encodes them (see
 * emulator-differences.ts), and md5OfBody matches that body.
 */
function sqsRecordOf(message: Message, queueArn: string): SQSRecord {
  const body = JSON.stringify(toAwsEncodedS3Event(JSON.parse(message.Body ?? '{}') as S3Event));
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body,
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'AIDAIT2UOQQY3AUEKVGXU',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
  };
}
