/**
 * A whole pipeline in the emulator for one test file: uniquely named buckets, tables, topic
 * and queues (the stack's layout), a handler built against them, and helpers to upload an
 * export, receive its real S3 event and read back every output.
 */

import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { type AwsClients, createClients } from '../../../lambda/src/adapters/clients.js';
import { createHandler, type Handler } from '../../../lambda/src/app.js';
import { loadConfig } from '../../../lambda/src/config.js';
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
  invoke(event: unknown): ReturnType<Handler>;
  summaries(expected?: number, timeoutMs?: number): ReturnType<typeof receiveSummaries>;
  readJson<T>(key: string): Promise<T>;
  readText(key: string): Promise<string>;
  listProcessed(prefix?: string): Promise<string[]>;
  storedSessions(athlete: string): Promise<Record<string, unknown>[]>;
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
    invoke: (event) => fixture.handler(event, lambdaContext()),
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
  };
  return fixture;
}
