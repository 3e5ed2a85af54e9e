/**
 * Creates a pipeline environment's resources in the emulator, with the names the stacks use
 * (stacks/config naming), so the local run and integration tests exercise the same layout
 * as AWS. Where AWS invokes the function from the bucket notification, the emulator sends
 * the S3 event to an SQS queue instead, and `deliverS3Events` hands those real events to
 * the handler. A second queue subscribes to the summary topic, as an email subscriber would.
 */

import {
  CreateTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  PutBucketNotificationConfigurationCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { maxUploadBytes } from '../../lambda/src/core/invocation-budget.js';
import { ENVIRONMENTS, METRICS_NAMESPACE, SERVICE_NAME } from '../../stacks/config/environments.js';
import { SESSIONS_WEEK_INDEX } from '../../stacks/config/naming.js';
import type { FunctionSettings } from '../../stacks/config/types.js';

export interface PipelineNames {
  readonly buckets: { readonly ingest: string; readonly processed: string };
  readonly tables: { readonly sessions: string; readonly idempotency: string; readonly goldMarks: string };
  readonly topics: { readonly summary: string };
  readonly uploadsPrefix: string;
  readonly uploadSuffixes: readonly string[];
}

/** Names for a throwaway pipeline (tests, benchmarks) that never meets another one. */
export function throwawayPipelineNames(id: string): PipelineNames {
  return {
    buckets: { ingest: `${id}-ingest`, processed: `${id}-processed` },
    tables: { sessions: `${id}-sessions`, idempotency: `${id}-idempotency`, goldMarks: `${id}-gold-marks` },
    topics: { summary: `${id}-summary` },
    uploadsPrefix: 'uploads/',
    uploadSuffixes: ['.csv', '.jsonl'],
  };
}

export interface EmulatorPipeline {
  readonly names: PipelineNames;
  readonly topicArn: string;
  /** Receives the ingest bucket's S3 event notifications (stands in for the Lambda trigger). */
  readonly eventsQueueUrl: string;
  /** Subscribed to the summary topic: what a person subscribed to it would receive. */
  readonly summariesQueueUrl: string;
  /** The function's environment, as the stack sets it. */
  readonly functionEnv: Readonly<Record<string, string>>;
}

export interface PipelineClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
}

export function emulatorClients(): PipelineClients {
  return {
    s3: new S3Client({ forcePathStyle: true }),
    dynamodb: new DynamoDBClient({}),
    sns: new SNSClient({}),
    sqs: new SQSClient({}),
  };
}

/** Idempotent: running it again against the same emulator keeps what exists. */
export async function provisionPipeline(
  names: PipelineNames,
  clients: PipelineClients,
): Promise<EmulatorPipeline> {
  const { s3, dynamodb, sns, sqs } = clients;
  for (const bucket of [names.buckets.ingest, names.buckets.processed]) {
    await ignoreExists(s3.send(new CreateBucketCommand({ Bucket: bucket })));
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  }
  await ignoreExists(
    dynamodb.send(
      new CreateTableCommand({
        TableName: names.tables.sessions,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'athlete', AttributeType: 'S' },
          { AttributeName: 'sessionId', AttributeType: 'S' },
          { AttributeName: SESSIONS_WEEK_INDEX.partitionKey, AttributeType: 'S' },
          { AttributeName: SESSIONS_WEEK_INDEX.sortKey, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'athlete', KeyType: 'HASH' },
          { AttributeName: 'sessionId', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: SESSIONS_WEEK_INDEX.name,
            KeySchema: [
              { AttributeName: SESSIONS_WEEK_INDEX.partitionKey, KeyType: 'HASH' },
              { AttributeName: SESSIONS_WEEK_INDEX.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    ),
  );
  await ignoreExists(
    dynamodb.send(
      new CreateTableCommand({
        TableName: names.tables.goldMarks,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'athlete', AttributeType: 'S' },
          { AttributeName: 'week', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'athlete', KeyType: 'HASH' },
          { AttributeName: 'week', KeyType: 'RANGE' },
        ],
      }),
    ),
  );
  await ignoreExists(
    dynamodb.send(
      new CreateTableCommand({
        TableName: names.tables.idempotency,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    ),
  );
  await dynamodb
    .send(
      new UpdateTimeToLiveCommand({
        TableName: names.tables.idempotency,
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      }),
    )
    .catch(() => undefined); // already enabled

  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: names.topics.summary }));
  if (!TopicArn) throw new Error(`CreateTopic returned no ARN for ${names.topics.summary}`);

  const events = await createQueue(sqs, `${names.buckets.ingest}-events`);
  const summaries = await createQueue(sqs, `${names.topics.summary}-subscriber`);
  await allowSender(sqs, events, 's3.amazonaws.com', `arn:aws:s3:::${names.buckets.ingest}`);
  await allowSender(sqs, summaries, 'sns.amazonaws.com', TopicArn);
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: summaries.arn }));
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: names.buckets.ingest,
      NotificationConfiguration: {
        QueueConfigurations: names.uploadSuffixes.map((suffix) => ({
          Id: `uploads${suffix.replace('.', '-')}`,
          QueueArn: events.arn,
          Events: ['s3:ObjectCreated:*'],
          Filter: {
            Key: {
              FilterRules: [
                { Name: 'prefix', Value: names.uploadsPrefix },
                { Name: 'suffix', Value: suffix },
              ],
            },
          },
        })),
      },
    }),
  );

  const region = process.env.AWS_REGION ?? 'us-east-1';
  const account = TopicArn.split(':')[4] ?? '123456789012';
  return {
    names,
    topicArn: TopicArn,
    eventsQueueUrl: events.url,
    summariesQueueUrl: summaries.url,
    functionEnv: functionEnvironment(names, `arn:aws:sns:${region}:${account}:${names.topics.summary}`),
  };
}

/**
 * The function's environment variables as the emulator stack sets them (same keys, and the
 * settings of ENVIRONMENTS.emulator), pointing at `names`. A unit test compares it with the
 * synthesized emulator stack, so the local run cannot drift from what is deployed.
 */
export function functionEnvironment(
  names: PipelineNames,
  summaryTopicArn: string,
  settings: FunctionSettings = ENVIRONMENTS.emulator.function,
): Record<string, string> {
  return {
    PROCESSED_BUCKET: names.buckets.processed,
    SESSIONS_TABLE: names.tables.sessions,
    IDEMPOTENCY_TABLE: names.tables.idempotency,
    GOLD_MARKS_TABLE: names.tables.goldMarks,
    SUMMARY_TOPIC_ARN: summaryTopicArn,
    DEFAULT_TIMEZONE: settings.defaultTimezone,
    MAX_REJECTED_SHARE: String(settings.maxRejectedShare),
    MAX_UPLOAD_BYTES: String(maxUploadBytes(settings.memoryMb, settings.timeoutSeconds)),
    DEFAULT_WEIGHT_UNIT: settings.defaultWeightUnit,
    DEFAULT_DISTANCE_UNIT: settings.defaultDistanceUnit,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    ENVIRONMENT_NAME: ENVIRONMENTS.emulator.target,
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
  };
}

/** Receives S3 event messages until `expected` arrived or the deadline passed; deletes what it read. */
export async function receiveS3Events(
  sqs: SQSClient,
  queueUrl: string,
  { expected = 1, timeoutMs = 10_000 }: { expected?: number; timeoutMs?: number } = {},
): Promise<unknown[]> {
  const events: unknown[] = [];
  const deadline = Date.now() + timeoutMs;
  while (events.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? '{}') as { Records?: unknown[]; Event?: string };
      if (event.Records) events.push(event);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return events;
}

export interface ReceivedSummary {
  readonly subject: string;
  readonly message: string;
  readonly attributes: Record<string, string>;
}

/** Reads SNS notifications from the subscriber queue (deleting them), until `expected` or the deadline. */
export async function receiveSummaries(
  sqs: SQSClient,
  queueUrl: string,
  { expected = 1, timeoutMs = 5_000 }: { expected?: number; timeoutMs?: number } = {},
): Promise<ReceivedSummary[]> {
  const summaries: ReceivedSummary[] = [];
  const deadline = Date.now() + timeoutMs;
  while (summaries.length < expected && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    for (const message of Messages) {
      const envelope = JSON.parse(message.Body ?? '{}') as {
        Subject?: string;
        Message?: string;
        MessageAttributes?: Record<string, { Value: string }>;
      };
      summaries.push({
        subject: envelope.Subject ?? '',
        message: envelope.Message ?? '',
        attributes: Object.fromEntries(
          Object.entries(envelope.MessageAttributes ?? {}).map(([name, { Value }]) => [name, Value]),
        ),
      });
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return summaries;
}

export async function createQueue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${name}`);
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  if (!Attributes?.QueueArn) throw new Error(`No QueueArn for ${name}`);
  return { url: QueueUrl, arn: Attributes.QueueArn };
}

async function allowSender(
  sqs: SQSClient,
  queue: { url: string; arn: string },
  service: string,
  sourceArn: string,
) {
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queue.url,
      Attributes: {
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: service },
              Action: 'sqs:SendMessage',
              Resource: queue.arn,
              Condition: { ArnLike: { 'aws:SourceArn': sourceArn } },
            },
          ],
        }),
      },
    }),
  );
}

async function ignoreExists(request: Promise<unknown>): Promise<void> {
  try {
    await request;
  } catch (error) {
    const name = (error as Error).name;
    if (
      error instanceof ResourceInUseException ||
      name === 'BucketAlreadyOwnedByYou' ||
      name === 'BucketAlreadyExists'
    ) {
      return;
    }
    throw error;
  }
}
