/**
 * What Lambda would do with one event for a function applied into the emulator, which moto
 * cannot run (an image function needs a Docker engine): read the function's configuration
 * as applied (environment variables, memory, timeout), shape the event as AWS sends it
 * (emulator-differences.ts), and run the function's code with exactly that configuration.
 *
 * A child process per event, as a Lambda sandbox is, so that the emulator's certificate
 * (NODE_EXTRA_CA_CERTS, read only at process start) is trusted by every client the handler
 * creates. Started by lambda-service.ts:
 *   node --import tsx function-runtime.ts <function ARN> < raw moto event (JSON)
 * prints the handler's result as one JSON line, or exits 1 with the error.
 */
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, S3Event } from 'aws-lambda';
import { createHandler } from '../../../lambda/src/app.js';
import { decodeS3EventKey, toAwsEncodedS3Event } from '../../integration/setup/emulator-differences.js';

const functionArn = process.argv[2];
if (!functionArn?.startsWith('arn:')) throw new Error('usage: function-runtime.ts <function ARN> < event');
const region = functionArn.split(':')[3] as string;

const raw = JSON.parse(await new Response(process.stdin as unknown as ReadableStream).text()) as S3Event;
const configuration = await new LambdaClient({ region }).send(
  new GetFunctionConfigurationCommand({ FunctionName: functionArn }),
);
const variables = configuration.Environment?.Variables ?? {};

// S3 sends versionId on a versioned bucket; moto leaves it out (emulator-differences.ts).
const s3 = new S3Client({ region, forcePathStyle: true });
const event = toAwsEncodedS3Event(raw);
for (const record of event.Records) {
  const key = decodeS3EventKey(record.s3.object.key);
  const head = await s3.send(new HeadObjectCommand({ Bucket: record.s3.bucket.name, Key: key }));
  if (head.VersionId) record.s3.object.versionId = head.VersionId;
}

// Lambda sets AWS_REGION and the function's own names; the emulator's endpoint and
// credentials stay from our environment (they stand in for the execution role).
// Into process.env itself, as Lambda's runtime has them: the SDK clients the handler creates
// read their region from there.
Object.assign(process.env, variables, {
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_LAMBDA_FUNCTION_NAME: configuration.FunctionName,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(configuration.MemorySize),
  // Through an alias, the version it routes to, as Lambda reports it to the code it runs.
  AWS_LAMBDA_FUNCTION_VERSION: configuration.Version ?? '$LATEST',
});
const handler = createHandler(process.env);
const deadline = Date.now() + (configuration.Timeout ?? 3) * 1000;
const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: configuration.FunctionName ?? 'unknown',
  functionVersion: configuration.Version ?? '$LATEST',
  invokedFunctionArn: functionArn,
  memoryLimitInMB: String(configuration.MemorySize),
  awsRequestId: crypto.randomUUID(),
  logGroupName: configuration.LoggingConfig?.LogGroup ?? `/aws/lambda/${configuration.FunctionName}`,
  logStreamName: 'apply-test',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
const result = await handler(event, context);
process.stdout.write(`${JSON.stringify(result)}\n`);
