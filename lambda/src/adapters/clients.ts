/**
 * AWS SDK v3 clients, created once per container and reused across invocations. Region,
 * credentials and endpoint come from the environment the SDK reads itself (AWS_REGION,
 * AWS_ENDPOINT_URL for an emulator); S3 switches to path-style addressing under an
 * endpoint override, because bucket sub-domains of 127.0.0.1 do not resolve.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClients {
  readonly s3: S3Client;
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly sns: SNSClient;
}

export function createClients(env: Record<string, string | undefined> = process.env): AwsClients {
  const dynamodb = new DynamoDBClient({});
  return {
    s3: new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_S3) }),
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } }),
    sns: new SNSClient({}),
  };
}
