import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy/index.js';
import { Aspects, LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DataProtectionAspect } from './aspects/data-protection.js';
import { EncryptionAspect } from './aspects/encryption.js';
import { RequiredTagsAspect } from './aspects/tags.js';
import {
  GOLD_PREFIXES,
  PROCESSED_PREFIXES,
  resourceNames,
  SESSIONS_WEEK_INDEX,
  stateKey,
} from './config/naming.js';
import type { EnvironmentConfig } from './config/types.js';
import { AccountContext } from './constructs/account.js';
import { PipelineAlarms } from './constructs/alarms.js';
import { awsProvider } from './constructs/aws-provider.js';
import { EnvironmentKey } from './constructs/environment-key.js';
import { GoldFunction } from './constructs/gold-function.js';
import { denyInsecureTransport, policyDocument } from './constructs/policy.js';
import { ProcessorFunction } from './constructs/processor-function.js';
import { SecureBucket } from './constructs/secure-bucket.js';
import { Table } from './constructs/table.js';
import { Topic } from './constructs/topic.js';

/** Where a pipeline stack keeps its Terraform state. */
export type PipelineState =
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly region: string;
      /** The emulator's endpoint, for a stack applied into it. @default real S3 */
      readonly endpoint?: string;
    }
  /** Local file, for the emulator: path relative to the stack's directory under cdktf.out/stacks. */
  | { readonly kind: 'local'; readonly path: string };

export interface PipelineStackProps {
  readonly config: EnvironmentConfig;
  /** Image by digest (validated by readSynthInputs). */
  readonly imageUri: string;
  /** Full SHA of the commit deployed, recorded on the function as tag `commit`. @default no tag */
  readonly commit?: string;
  readonly state: PipelineState;
  /** Endpoint of the AWS emulator, for the emulator target. @default real AWS */
  readonly endpoint?: string;
}

/** 14 days, the longest SQS keeps a message. */
const DLQ_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Everything one environment runs: buckets, tables, topics, DLQ, the function and its alarms. */
export class PipelineStack extends TerraformStack {
  readonly names: ReturnType<typeof resourceNames>;

  constructor(scope: Construct, props: PipelineStackProps) {
    const names = resourceNames(props.config.target);
    super(scope, names.stack);
    this.names = names;
    const { config } = props;

    awsProvider(this, { region: config.region, tags: config.tags, endpoint: props.endpoint });
    this.configureState(props.state);
    const account = new AccountContext(this, 'account', config.region);

    const key = new EnvironmentKey(this, 'key', {
      account,
      alias: names.kmsKeyAlias,
      logGroupNames: [names.logGroup],
      deletionWindowInDays: config.forceDestroy ? 7 : 30,
    });
    const functionRoleArn = `arn:${account.partition}:iam::${account.accountId}:role/${names.functionRole}`;
    // The gold run publishes each athlete's weekly message to the same topic.
    const goldRoleArn = `arn:${account.partition}:iam::${account.accountId}:role/${names.gold.role}`;
    // Deploy roles may only create roles that carry the boundary the bootstrap stack made.
    const permissionsBoundaryArn =
      config.target === 'emulator'
        ? undefined
        : `arn:${account.partition}:iam::${account.accountId}:policy/${names.permissionsBoundary}`;

    const ingest = new SecureBucket(this, 'ingest', {
      bucketName: names.buckets.ingest,
      kmsKeyArn: key.arn,
      forceDestroy: config.forceDestroy,
      lifecycleRules: [
        {
          id: 'uploads-to-infrequent-access',
          status: 'Enabled',
          filter: [{ prefix: names.uploadsPrefix }],
          transition: [{ days: config.lifecycle.ingestInfrequentAccessDays, storageClass: 'STANDARD_IA' }],
        },
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: config.lifecycle.ingestNoncurrentDays }],
        },
      ],
      // Outputs never go into the ingest bucket: a write there would trigger the function again.
      policyStatements: [
        {
          sid: 'DenyWritesByTheFunction',
          effect: 'Deny',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: ['s3:PutObject'],
          resources: [`arn:${account.partition}:s3:::${names.buckets.ingest}/*`],
          condition: [{ test: 'ArnEquals', variable: 'aws:PrincipalArn', values: [functionRoleArn] }],
        },
      ],
    });
    const processed = new SecureBucket(this, 'processed', {
      bucketName: names.buckets.processed,
      kmsKeyArn: key.arn,
      forceDestroy: config.forceDestroy,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: config.lifecycle.processedNoncurrentDays }],
        },
        {
          id: 'expire-rejected-rows',
          status: 'Enabled',
          filter: [{ prefix: 'rejected/' }],
          expiration: [{ days: config.lifecycle.rejectedExpirationDays }],
        },
      ],
    });

    const sessions = new Table(this, 'sessions', {
      tableName: names.tables.sessions,
      partitionKey: 'athlete',
      sortKey: 'sessionId',
      indexes: [SESSIONS_WEEK_INDEX],
      kmsKeyArn: key.arn,
      deletionProtection: !config.forceDestroy,
    });
    // The weeks gold recomputes: (athlete, week), marked by every sessions transaction.
    const goldMarks = new Table(this, 'gold-marks', {
      tableName: names.tables.goldMarks,
      partitionKey: 'athlete',
      sortKey: 'week',
      kmsKeyArn: key.arn,
      deletionProtection: !config.forceDestroy,
    });
    // Powertools idempotency persistence defaults: key `id`, TTL attribute `expiration`.
    const idempotency = new Table(this, 'idempotency', {
      tableName: names.tables.idempotency,
      partitionKey: 'id',
      ttlAttribute: 'expiration',
      kmsKeyArn: key.arn,
      deletionProtection: !config.forceDestroy,
    });

    const summary = new Topic(this, 'summary', {
      account,
      topicName: names.topics.summary,
      permissionsBoundaryArn,
      kmsKeyArn: key.arn,
      subscriptions: config.subscriptions.summary,
      publishStatements: (topicArn) => [
        {
          sid: 'OnlyTheFunctionPublishes',
          effect: 'Deny',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: ['sns:Publish'],
          resources: [topicArn],
          condition: [
            { test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [functionRoleArn, goldRoleArn] },
          ],
        },
        {
          sid: 'FunctionPublishes',
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: [functionRoleArn, goldRoleArn] }],
          actions: ['sns:Publish'],
          resources: [topicArn],
        },
      ],
    });
    const operations = new Topic(this, 'operations', {
      account,
      topicName: names.topics.operations,
      permissionsBoundaryArn,
      kmsKeyArn: key.arn,
      subscriptions: config.subscriptions.operations,
      publishStatements: (topicArn) => [
        {
          sid: 'CloudWatchAlarmsPublish',
          effect: 'Allow',
          principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [topicArn],
          condition: [
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] },
            {
              test: 'ArnLike',
              variable: 'aws:SourceArn',
              values: [account.arn('cloudwatch', `alarm:${names.stack}-*`)],
            },
          ],
        },
      ],
    });

    const dlq = new SqsQueue(this, 'dlq', {
      name: names.queues.dlq,
      messageRetentionSeconds: DLQ_RETENTION_SECONDS,
      kmsMasterKeyId: key.arn,
      kmsDataKeyReusePeriodSeconds: 300,
    });
    new SqsQueuePolicy(this, 'dlq-policy', {
      queueUrl: dlq.url,
      policy: policyDocument(this, 'dlq-policy-document', [denyInsecureTransport([dlq.arn], ['sqs:*'])]).json,
    });

    const processor = new ProcessorFunction(this, 'processor', {
      account,
      functionName: names.function,
      environmentName: config.target,
      roleName: names.functionRole,
      logGroupName: names.logGroup,
      logRetentionDays: config.logRetentionDays,
      imageUri: props.imageUri,
      ...(props.commit !== undefined ? { commit: props.commit } : {}),
      settings: config.function,
      kmsKeyArn: key.arn,
      kmsKeyPolicy: key.policy,
      ingest: { name: ingest.name, arn: ingest.arn, id: ingest.bucket.id },
      processed: { name: processed.name, arn: processed.arn },
      sessionsTable: { name: sessions.name, arn: sessions.arn },
      idempotencyTable: { name: idempotency.name, arn: idempotency.arn },
      goldMarksTable: { name: goldMarks.name, arn: goldMarks.arn },
      summaryTopicArn: summary.arn,
      dlqArn: dlq.arn,
      uploadsPrefix: names.uploadsPrefix,
      uploadSuffixes: names.uploadSuffixes,
      eventSource: config.eventSource,
      uploadsRuleName: names.uploadsRule,
      outputPrefixes: PROCESSED_PREFIXES,
      permissionsBoundaryArn,
    });

    const gold = new GoldFunction(this, 'gold', {
      account,
      names: names.gold,
      environmentName: config.target,
      logRetentionDays: config.logRetentionDays,
      imageUri: props.imageUri,
      ...(props.commit !== undefined ? { commit: props.commit } : {}),
      settings: config.gold,
      defaultTimezone: config.function.defaultTimezone,
      logLevel: config.function.logLevel,
      kmsKeyArn: key.arn,
      kmsKeyPolicy: key.policy,
      processed: { name: processed.name, arn: processed.arn },
      sessionsTable: { name: sessions.name, arn: sessions.arn },
      idempotencyTable: { name: idempotency.name, arn: idempotency.arn },
      goldMarksTable: { name: goldMarks.name, arn: goldMarks.arn },
      summaryTopicArn: summary.arn,
      outputPrefixes: GOLD_PREFIXES,
      permissionsBoundaryArn,
    });

    new PipelineAlarms(this, 'alarms', {
      namePrefix: names.stack,
      functionName: names.function,
      environmentName: config.target,
      functionTimeoutSeconds: config.function.timeoutSeconds,
      reservedConcurrency: config.function.reservedConcurrency,
      dlqName: names.queues.dlq,
      thresholds: config.alarms,
      operationsTopicArn: operations.arn,
      gold: { functionName: names.gold.function, timeoutSeconds: config.gold.timeoutSeconds },
    });

    const outputs: Record<string, string> = {
      ingest_bucket_name: ingest.name,
      processed_bucket_name: processed.name,
      sessions_table_name: sessions.name,
      idempotency_table_name: idempotency.name,
      gold_marks_table_name: goldMarks.name,
      summary_topic_arn: summary.arn,
      operations_topic_arn: operations.arn,
      dlq_url: dlq.url,
      dlq_arn: dlq.arn,
      function_name: processor.function.functionName,
      function_arn: processor.function.arn,
      // The version this apply published (or the latest one, when the function did not
      // change) and the alias uploads invoke: the release step's inputs.
      function_version: processor.function.version,
      function_alias_name: processor.alias.name,
      function_alias_arn: processor.alias.arn,
      function_image_uri: processor.function.imageUri,
      log_group_name: processor.logGroup.name,
      gold_function_name: gold.function.functionName,
      gold_schedule_name: gold.schedule.name,
      kms_key_arn: key.arn,
    };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });

    Aspects.of(this).add(new EncryptionAspect());
    Aspects.of(this).add(new RequiredTagsAspect());
    if (!config.forceDestroy) Aspects.of(this).add(new DataProtectionAspect(config.target));
  }

  private configureState(state: PipelineState): void {
    if (state.kind === 'local') {
      new LocalBackend(this, { path: state.path });
      return;
    }
    const env = this.names.target;
    if (env === 'emulator') throw new Error('the emulator target keeps local state');
    new S3Backend(this, {
      bucket: state.bucket,
      key: stateKey(env),
      region: state.region,
      encrypt: true,
      ...(state.endpoint
        ? {
            endpoints: { s3: state.endpoint },
            usePathStyle: true,
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: true,
          }
        : {}),
    });
    // Terraform >= 1.10 locks with a lock file next to the state; no DynamoDB lock table.
    this.addOverride('terraform.backend.s3.use_lockfile', true);
  }
}
