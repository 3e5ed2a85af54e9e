import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule/index.js';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target/index.js';
import type { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy/index.js';
import { LambdaAlias } from '@cdktf/provider-aws/lib/lambda-alias/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { LambdaFunctionEventInvokeConfig } from '@cdktf/provider-aws/lib/lambda-function-event-invoke-config/index.js';
import { LambdaPermission } from '@cdktf/provider-aws/lib/lambda-permission/index.js';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification/index.js';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { maxUploadBytes } from '../../lambda/src/core/invocation-budget.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../config/environments.js';
import { COMMIT_TAG, LIVE_ALIAS } from '../config/naming.js';
import type { EventSource, FunctionSettings } from '../config/types.js';
import type { AccountContext } from './account.js';
import { functionBase, imageFunctionSettings } from './function-base.js';
import { functionRuntimeStatements, policyDocument } from './policy.js';

export interface ProcessorFunctionProps {
  readonly account: AccountContext;
  readonly functionName: string;
  /** The environment's name, e.g. `prod`: a dimension of every metric. */
  readonly environmentName: string;
  readonly roleName: string;
  readonly logGroupName: string;
  readonly logRetentionDays: number;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/<repo>@sha256:<digest>` */
  readonly imageUri: string;
  /**
   * Full SHA of the commit the image and this stack were built from, as tag `commit` on the
   * function: scripts/steps/deploy-order compares it with the commit a deploy brings.
   * @default no tag
   */
  readonly commit?: string;
  readonly settings: FunctionSettings;
  readonly kmsKeyArn: string;
  /** The key policy letting CloudWatch Logs use the key; the log group waits for it. */
  readonly kmsKeyPolicy?: ITerraformDependable;
  readonly ingest: { readonly name: string; readonly arn: string; readonly id: string };
  readonly processed: { readonly name: string; readonly arn: string };
  readonly sessionsTable: { readonly name: string; readonly arn: string };
  readonly idempotencyTable: { readonly name: string; readonly arn: string };
  /** The weeks gold recomputes, marked in every sessions transaction. */
  readonly goldMarksTable: { readonly name: string; readonly arn: string };
  readonly summaryTopicArn: string;
  readonly dlqArn: string;
  /** Key prefix the S3 notification watches, and what the function may read. */
  readonly uploadsPrefix: string;
  readonly uploadSuffixes: readonly string[];
  /** How uploads reach the function (stacks/config EventSource). */
  readonly eventSource: EventSource;
  /** Name of the EventBridge rule, used when eventSource is 'eventbridge'. */
  readonly uploadsRuleName: string;
  /** Prefixes of the processed bucket the function writes under (and nothing else). */
  readonly outputPrefixes: readonly string[];
  /** @default 'workout-pipeline' */
  readonly serviceName?: string;
  /** Permissions boundary of the roles this construct creates. @default none */
  readonly permissionsBoundaryArn?: string;
}

/**
 * The ingest Lambda: container image pinned by digest, its log group, its least-privilege
 * role, async retries with an on-failure destination, and the trigger on uploads: the
 * ingest bucket's S3 notification, or an EventBridge rule on the bucket's events.
 *
 * Every apply that changes the function publishes a version; the trigger invokes the alias
 * `live`, never the function itself. Terraform creates the alias at the first version and
 * then leaves where it points (and its canary routing) to the release step
 * (scripts/steps/release), which moves it after the smoke test and the bake, and back when
 * they fail: a plan after a rollback must not undo it.
 */
export class ProcessorFunction extends Construct {
  readonly function: LambdaFunction;
  /** `live`: what S3 or EventBridge invokes; the release step moves it between versions. */
  readonly alias: LambdaAlias;
  readonly role: IamRole;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ProcessorFunctionProps) {
    super(scope, id);
    const { settings } = props;

    ({ logGroup: this.logGroup, role: this.role } = functionBase(this, props));

    new IamRolePolicy(this, 'policy', {
      role: this.role.id,
      name: 'least-privilege',
      policy: policyDocument(this, 'permissions', [
        {
          sid: 'ReadUploads',
          effect: 'Allow',
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [`${props.ingest.arn}/${props.uploadsPrefix}*`],
        },
        {
          // Without it S3 answers a deleted object's GetObject with 403 AccessDenied instead
          // of 404, and a vanished upload would fail and retry instead of being skipped. The
          // bucket holds only uploads, which the function may read anyway. No s3:prefix
          // condition: AWS does not document one matching the check GetObject makes.
          sid: 'TellMissingUploads',
          effect: 'Allow',
          actions: ['s3:ListBucket'],
          resources: [props.ingest.arn],
        },
        {
          // AbortMultipartUpload: silver is a multipart upload, aborted when a write fails
          // (lib-storage's leavePartsOnError: false), so no parts are left behind.
          sid: 'WriteOutputs',
          effect: 'Allow',
          actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
          resources: props.outputPrefixes.map((prefix) => `${props.processed.arn}/${prefix}*`),
        },
        {
          // Batched reads, then new and changed sessions as conditional puts inside
          // TransactWriteItems, which IAM authorizes per item action (sessions-store.ts).
          sid: 'Sessions',
          effect: 'Allow',
          actions: ['dynamodb:BatchGetItem', 'dynamodb:PutItem'],
          resources: [props.sessionsTable.arn],
        },
        {
          // Powertools idempotency records, summary markers, and each object key's applied
          // version, which every sessions transaction checks (ConditionCheckItem).
          sid: 'Idempotency',
          effect: 'Allow',
          actions: [
            'dynamodb:ConditionCheckItem',
            'dynamodb:DeleteItem',
            'dynamodb:GetItem',
            'dynamodb:PutItem',
            'dynamodb:UpdateItem',
          ],
          resources: [props.idempotencyTable.arn],
        },
        {
          // Each sessions transaction marks the weeks it touched (ADD revision).
          sid: 'MarkGoldWeeks',
          effect: 'Allow',
          actions: ['dynamodb:UpdateItem'],
          resources: [props.goldMarksTable.arn],
        },
        {
          sid: 'PublishSummary',
          effect: 'Allow',
          actions: ['sns:Publish'],
          resources: [props.summaryTopicArn],
        },
        // Lambda delivers the on-failure destination with the function's own role.
        {
          sid: 'OnFailureDestination',
          effect: 'Allow',
          actions: ['sqs:SendMessage'],
          resources: [props.dlqArn],
        },
        ...functionRuntimeStatements(props.kmsKeyArn, this.logGroup.arn),
      ]).json,
    });

    this.function = new LambdaFunction(this, 'function', {
      functionName: props.functionName,
      description: 'Turns workout-app exports uploaded to S3 into deduplicated sessions and one summary',
      ...imageFunctionSettings({
        role: this.role,
        logGroup: this.logGroup,
        imageUri: props.imageUri,
        kmsKeyArn: props.kmsKeyArn,
      }),
      // A version per change, so the release step can move `live` to it and back.
      publish: true,
      memorySize: settings.memoryMb,
      timeout: settings.timeoutSeconds,
      // Unset (null) leaves the provider's default -1: no reservation, and an existing one is
      // removed on the next apply.
      ...(settings.reservedConcurrency !== null
        ? { reservedConcurrentExecutions: settings.reservedConcurrency }
        : {}),
      environment: {
        variables: {
          PROCESSED_BUCKET: props.processed.name,
          SESSIONS_TABLE: props.sessionsTable.name,
          IDEMPOTENCY_TABLE: props.idempotencyTable.name,
          GOLD_MARKS_TABLE: props.goldMarksTable.name,
          SUMMARY_TOPIC_ARN: props.summaryTopicArn,
          DEFAULT_TIMEZONE: settings.defaultTimezone,
          MAX_REJECTED_SHARE: String(settings.maxRejectedShare),
          // The largest export one invocation finishes within the timeout (invocation-budget.ts).
          MAX_UPLOAD_BYTES: String(maxUploadBytes(settings.memoryMb, settings.timeoutSeconds)),
          DEFAULT_WEIGHT_UNIT: settings.defaultWeightUnit,
          DEFAULT_DISTANCE_UNIT: settings.defaultDistanceUnit,
          POWERTOOLS_SERVICE_NAME: props.serviceName ?? SERVICE_NAME,
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          // The metrics' environment dimension (the alarms select on it).
          ENVIRONMENT_NAME: props.environmentName,
          POWERTOOLS_LOG_LEVEL: settings.logLevel,
        },
      },
      ...(props.commit !== undefined ? { tags: { [COMMIT_TAG]: props.commit } } : {}),
    });

    this.alias = new LambdaAlias(this, 'live', {
      name: LIVE_ALIAS,
      description: 'What uploads invoke; moved between versions by scripts/steps/release, not by Terraform',
      functionName: this.function.functionName,
      // Only where the alias starts: the first apply's version.
      functionVersion: this.function.version,
      lifecycle: { ignoreChanges: ['function_version', 'routing_config'] },
    });

    // On the alias, since that is what is invoked: retries and the on-failure destination
    // hold for whichever version it routes to.
    new LambdaFunctionEventInvokeConfig(this, 'async', {
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      maximumRetryAttempts: settings.maxRetryAttempts,
      maximumEventAgeInSeconds: settings.maxEventAgeSeconds,
      destinationConfig: { onFailure: { destination: props.dlqArn } },
    });

    if (props.eventSource === 'eventbridge') this.triggerFromEventBridge(props);
    else this.triggerFromNotification(props);
  }

  /** The bucket's own notification invokes the function, per upload suffix. */
  private triggerFromNotification(props: ProcessorFunctionProps): void {
    const permission = new LambdaPermission(this, 'allow-s3', {
      statementId: 'AllowIngestBucketNotifications',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      principal: 's3.amazonaws.com',
      sourceArn: props.ingest.arn,
      sourceAccount: props.account.accountId,
    });

    new S3BucketNotification(this, 'uploads', {
      bucket: props.ingest.id,
      lambdaFunction: props.uploadSuffixes.map((suffix) => ({
        id: `uploads-${suffix.replace(/^\./, '')}`,
        // The alias's qualified ARN (`...:function:<name>:live`).
        lambdaFunctionArn: this.alias.arn,
        events: ['s3:ObjectCreated:*'],
        filterPrefix: props.uploadsPrefix,
        filterSuffix: suffix,
      })),
      // S3 tests the destination when the notification is saved; the permission must exist.
      dependsOn: [permission],
    });
  }

  /**
   * The bucket sends every event to EventBridge (other consumers may add their own rules);
   * one rule on the default bus invokes the function, asynchronously as S3 would, for
   * objects created in this bucket under the uploads prefix with an upload suffix: the
   * same objects the notification filters select. EventBridge gives keys as stored, so
   * the pattern compares them unencoded.
   */
  private triggerFromEventBridge(props: ProcessorFunctionProps): void {
    new S3BucketNotification(this, 'uploads', { bucket: props.ingest.id, eventbridge: true });

    const rule = new CloudwatchEventRule(this, 'uploads-rule', {
      name: props.uploadsRuleName,
      description: `Objects created under ${props.uploadsPrefix} in the ingest bucket: invokes ${props.functionName}`,
      eventPattern: JSON.stringify({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [props.ingest.name] },
          object: {
            key: props.uploadSuffixes.map((suffix) => ({ wildcard: `${props.uploadsPrefix}*${suffix}` })),
          },
        },
      }),
    });

    new CloudwatchEventTarget(this, 'uploads-target', {
      rule: rule.name,
      targetId: 'processor',
      arn: this.alias.arn,
    });

    new LambdaPermission(this, 'allow-eventbridge', {
      statementId: 'AllowUploadsRule',
      action: 'lambda:InvokeFunction',
      functionName: this.function.functionName,
      qualifier: this.alias.name,
      principal: 'events.amazonaws.com',
      sourceArn: rule.arn,
    });
  }
}
