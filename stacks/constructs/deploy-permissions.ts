import { PROCESSED_REPORTS_PREFIX, SMOKE_ATHLETE, UPLOADS_PREFIX } from '../config/naming.js';
import type { DeployEnvironment } from '../config/types.js';
import type { AccountContext } from './account.js';
import {
  DYNAMODB_TABLE_ACTIONS,
  EXFILTRATION_ACTIONS,
  KMS_KEY_ACTIONS,
  LAMBDA_FUNCTION_ACTIONS,
  LOG_GROUP_ACTIONS,
  S3_BUCKET_ACTIONS,
  SCHEDULER_SCHEDULE_ACTIONS,
  SNS_TOPIC_ACTIONS,
  SQS_QUEUE_ACTIONS,
} from './deploy-actions.js';
import type { PolicyStatement } from './policy.js';

export interface EnvironmentScope {
  readonly account: AccountContext;
  readonly env: DeployEnvironment;
  /** Region the environment runs in. */
  readonly region: string;
  /** `<prefix>-<env>`: every resource of the environment is named `<namePrefix>-<kind>`. */
  readonly namePrefix: string;
  /** The environment's buckets (the smoke test writes to one and reads from the other). */
  readonly buckets: { readonly ingest: string; readonly processed: string };
  /** ARN of the permissions-boundary policy every role of the environment must carry. */
  readonly boundaryArn: string;
  /**
   * Name of the EventBridge rule that invokes the function, when the environment's
   * eventSource is 'eventbridge'; absent for the direct S3 notification (no events rights).
   */
  readonly uploadsRule?: string;
}

/** `arn:<partition>:<service>:<env region>:<account>:<resource>` */
function arnIn(scope: EnvironmentScope, service: string, resource: string): string {
  return `arn:${scope.account.partition}:${service}:${scope.region}:${scope.account.accountId}:${resource}`;
}

function iamArn(scope: EnvironmentScope, resource: string): string {
  return `arn:${scope.account.partition}:iam::${scope.account.accountId}:${resource}`;
}

const environmentTag = (env: string, key: 'aws:ResourceTag/environment' | 'aws:RequestTag/environment') => ({
  test: 'StringEquals',
  variable: key,
  values: [env],
});

/** `kms:ViaService` is one of these services in the environment's region. */
function viaServices(scope: EnvironmentScope, services: readonly string[]) {
  return {
    test: 'StringEquals',
    variable: 'kms:ViaService',
    values: services.map((service) => `${service}.${scope.region}.amazonaws.com`),
  };
}

/** The smoke athlete's reports: the only objects of the environment a deploy role reads. */
function smokeReports(scope: EnvironmentScope): string {
  return `arn:${scope.account.partition}:s3:::${scope.buckets.processed}/${PROCESSED_REPORTS_PREFIX}${SMOKE_ATHLETE}/*`;
}

/**
 * What a deploy role may do: its own state object and lock file, and the resources named
 * `<prefix>-<env>-*` in its region, with the exact actions Terraform calls for them
 * (deploy-actions.ts), no service wildcard. Roles it creates must carry the environment's
 * permissions boundary, so it cannot mint a role with more rights than the pipeline needs.
 * It reads no object but its state and the smoke test's report, and what would move data
 * out of the environment is denied outright.
 */
export function deployStatements(
  scope: EnvironmentScope,
  state: { readonly bucketArn: string; readonly key: string },
  ecrRepositoryArn: string,
): PolicyStatement[] {
  const p = scope.account.partition;
  const n = scope.namePrefix;
  return [
    {
      sid: 'ListOwnState',
      effect: 'Allow',
      actions: ['s3:ListBucket'],
      resources: [state.bucketArn],
      condition: [
        { test: 'StringEquals', variable: 's3:prefix', values: [state.key, `${state.key}.tflock`] },
      ],
    },
    {
      sid: 'ReadWriteOwnState',
      effect: 'Allow',
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [`${state.bucketArn}/${state.key}`],
    },
    {
      sid: 'OwnStateLockFile',
      effect: 'Allow',
      actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      resources: [`${state.bucketArn}/${state.key}.tflock`],
    },
    {
      // What Terraform calls to create, read, update and delete the buckets and their
      // configuration resources (provider 6.47, resource by resource, and the names IAM
      // authorizes them by: HeadBucket is s3:ListBucket, GetBucketEncryption is
      // s3:GetEncryptionConfiguration, ...); bucket tags go through S3 Control's
      // *TagsForResource with GetBucketTagging/PutBucketTagging as the provider's fallback.
      sid: 'ManageEnvironmentBuckets',
      effect: 'Allow',
      actions: S3_BUCKET_ACTIONS,
      resources: [`arn:${p}:s3:::${n}-*`],
    },
    {
      // Emptying a bucket for teardown (empty-bucket, force_destroy): delete, never read.
      sid: 'EmptyEnvironmentBuckets',
      effect: 'Allow',
      actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
      resources: [`arn:${p}:s3:::${n}-*/*`],
    },
    {
      // The smoke test uploads its sample as the athlete `smoke` and reads that upload's report.
      sid: 'SmokeTestUpload',
      effect: 'Allow',
      actions: ['s3:PutObject'],
      resources: [`arn:${p}:s3:::${scope.buckets.ingest}/${UPLOADS_PREFIX}${SMOKE_ATHLETE}/*`],
    },
    {
      sid: 'SmokeTestReport',
      effect: 'Allow',
      actions: ['s3:GetObject'],
      resources: [smokeReports(scope)],
    },
    {
      sid: 'EnvironmentTables',
      effect: 'Allow',
      // CreateBackup: teardown's release-tables backs a table up before deletion protection goes.
      actions: DYNAMODB_TABLE_ACTIONS,
      resources: [arnIn(scope, 'dynamodb', `table/${n}-*`)],
    },
    {
      sid: 'EnvironmentTopics',
      effect: 'Allow',
      actions: SNS_TOPIC_ACTIONS,
      resources: [arnIn(scope, 'sns', `${n}-*`)],
    },
    {
      sid: 'EnvironmentQueues',
      effect: 'Allow',
      actions: SQS_QUEUE_ACTIONS,
      resources: [arnIn(scope, 'sqs', `${n}-*`)],
    },
    {
      sid: 'EnvironmentFunction',
      effect: 'Allow',
      actions: LAMBDA_FUNCTION_ACTIONS,
      resources: [arnIn(scope, 'lambda', `function:${n}-*`)],
    },
    {
      // reprocess.yml invokes the gold run with this role; no other function is invoked.
      sid: 'InvokeGoldRun',
      effect: 'Allow',
      actions: ['lambda:InvokeFunction'],
      resources: [arnIn(scope, 'lambda', `function:${n}-gold`)],
    },
    {
      // The gold run's schedule passes its role (PassEnvironmentRoles, to scheduler).
      sid: 'EnvironmentSchedules',
      effect: 'Allow',
      actions: SCHEDULER_SCHEDULE_ACTIONS,
      resources: [arnIn(scope, 'scheduler', `schedule/default/${n}-*`)],
    },
    {
      // Only S3 (the upload notification) and EventBridge (its rule) may invoke the function.
      sid: 'LetS3AndEventBridgeInvokeTheFunction',
      effect: 'Allow',
      actions: ['lambda:AddPermission', 'lambda:RemovePermission'],
      resources: [arnIn(scope, 'lambda', `function:${n}-*`)],
      condition: [
        {
          test: 'StringEquals',
          variable: 'lambda:Principal',
          values: ['s3.amazonaws.com', 'events.amazonaws.com'],
        },
      ],
    },
    {
      sid: 'EnvironmentLogGroups',
      effect: 'Allow',
      actions: LOG_GROUP_ACTIONS,
      resources: [
        arnIn(scope, 'logs', `log-group:/aws/lambda/${n}-*`),
        arnIn(scope, 'logs', `log-group:sns/${scope.region}/${scope.account.accountId}/${n}-*`),
      ],
    },
    {
      // DescribeLogGroups is authorised on the account's log-group space, not on one group.
      sid: 'DescribeLogGroups',
      effect: 'Allow',
      actions: ['logs:DescribeLogGroups'],
      resources: [arnIn(scope, 'logs', 'log-group:*')],
    },
    {
      sid: 'EnvironmentAlarms',
      effect: 'Allow',
      actions: [
        'cloudwatch:DeleteAlarms',
        'cloudwatch:ListTagsForResource',
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
      ],
      resources: [arnIn(scope, 'cloudwatch', `alarm:${n}-*`)],
    },
    {
      // Terraform reads alarms with DescribeAlarms(AlarmNames), which CloudWatch authorizes on
      // the region's whole alarm space, not on the named alarm: scoped to <prefix>-*, every
      // plan would fail with AccessDenied. Alarm definitions hold no athlete data.
      sid: 'DescribeAlarms',
      effect: 'Allow',
      actions: ['cloudwatch:DescribeAlarms'],
      resources: [arnIn(scope, 'cloudwatch', 'alarm:*')],
    },
    {
      sid: 'ManageEnvironmentRoles',
      effect: 'Allow',
      actions: [
        'iam:DeleteRole',
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:ListRolePolicies',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
      ],
      resources: [iamArn(scope, `role/${n}-*`)],
    },
    {
      // The actions whose request context carries iam:PermissionsBoundary.
      sid: 'WriteBoundedEnvironmentRoles',
      effect: 'Allow',
      actions: [
        'iam:CreateRole',
        'iam:DeleteRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
      ],
      resources: [iamArn(scope, `role/${n}-*`)],
      condition: [{ test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [scope.boundaryArn] }],
    },
    {
      sid: 'KeepTheBoundary',
      effect: 'Deny',
      actions: ['iam:DeleteRolePermissionsBoundary'],
      resources: [iamArn(scope, 'role/*')],
    },
    {
      sid: 'PassEnvironmentRoles',
      effect: 'Allow',
      actions: ['iam:PassRole'],
      resources: [iamArn(scope, `role/${n}-*`)],
      condition: [
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          values: ['lambda.amazonaws.com', 'scheduler.amazonaws.com', 'sns.amazonaws.com'],
        },
      ],
    },
    {
      sid: 'ReadBoundary',
      effect: 'Allow',
      actions: ['iam:GetPolicy', 'iam:GetPolicyVersion'],
      resources: [scope.boundaryArn],
    },
    {
      // CreateKey has no resource to scope; the request must tag the key with this environment.
      sid: 'CreateEnvironmentKey',
      effect: 'Allow',
      actions: ['kms:CreateKey', 'kms:TagResource'],
      resources: ['*'],
      condition: [environmentTag(scope.env, 'aws:RequestTag/environment')],
    },
    {
      // CreateKey can only tag a new key when kms:TagResource covers every key in the account,
      // so the statement above would also let this role re-tag another environment's key as
      // its own and then disable, delete or re-policy it through ManageEnvironmentKey. Keys
      // that carry another environment's tag can be neither re-tagged nor untagged.
      sid: 'KeepOtherEnvironmentsKeys',
      effect: 'Deny',
      actions: ['kms:TagResource', 'kms:UntagResource'],
      resources: ['*'],
      condition: [
        { test: 'Null', variable: 'aws:ResourceTag/environment', values: ['false'] },
        { test: 'StringNotEquals', variable: 'aws:ResourceTag/environment', values: [scope.env] },
      ],
    },
    {
      // ... and no key, new or existing, may be tagged for another environment.
      sid: 'TagKeysOnlyForThisEnvironment',
      effect: 'Deny',
      actions: ['kms:CreateKey', 'kms:TagResource'],
      resources: ['*'],
      condition: [
        { test: 'Null', variable: 'aws:RequestTag/environment', values: ['false'] },
        { test: 'StringNotEquals', variable: 'aws:RequestTag/environment', values: [scope.env] },
      ],
    },
    {
      sid: 'ManageEnvironmentKey',
      effect: 'Allow',
      actions: KMS_KEY_ACTIONS,
      resources: [arnIn(scope, 'kms', 'key/*')],
      condition: [environmentTag(scope.env, 'aws:ResourceTag/environment')],
    },
    {
      // DynamoDB (the tables) and Lambda (the function's variables) create grants on the key
      // when the deploy role creates or updates them; only for themselves, never directly.
      sid: 'GrantEnvironmentKeyToItsServices',
      effect: 'Allow',
      actions: ['kms:CreateGrant'],
      resources: [arnIn(scope, 'kms', 'key/*')],
      condition: [
        environmentTag(scope.env, 'aws:ResourceTag/environment'),
        viaServices(scope, ['dynamodb', 'lambda']),
        { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] },
      ],
    },
    {
      // Lambda encrypts the function's variables with the caller's rights, and Scheduler the
      // gold schedule's input; S3 encrypts the smoke test's upload and decrypts its report.
      // Only through those services.
      sid: 'UseEnvironmentKeyThroughItsServices',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [arnIn(scope, 'kms', 'key/*')],
      condition: [
        environmentTag(scope.env, 'aws:ResourceTag/environment'),
        viaServices(scope, ['lambda', 's3', 'scheduler']),
      ],
    },
    {
      sid: 'EnvironmentKeyAlias',
      effect: 'Allow',
      actions: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [arnIn(scope, 'kms', `alias/${n}-*`)],
    },
    {
      // ListAliases has no resource-level permissions.
      sid: 'ListKeyAliases',
      effect: 'Allow',
      actions: ['kms:ListAliases'],
      resources: ['*'],
    },
    {
      // Lambda checks that whoever creates or updates the function can pull its image.
      sid: 'PullFunctionImage',
      effect: 'Allow',
      actions: ['ecr:BatchGetImage', 'ecr:DescribeImages', 'ecr:GetDownloadUrlForLayer'],
      resources: [ecrRepositoryArn],
    },
    ...(scope.uploadsRule ? [uploadsRuleStatement(scope, scope.uploadsRule)] : []),
    ...exfiltrationDenies(scope, state),
  ];
}

/** An action that only reads: what a plan's refresh calls. */
const READ_ACTION = /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]*$/;
/** Reads a plan never makes: object versions (their keys name athletes) and the smoke report. */
const NOT_FOR_PLANS = new Set(['s3:ListBucketVersions']);
const DEPLOY_ONLY_STATEMENTS = new Set(['SmokeTestReport']);

/**
 * What a plan role may do: the deploy role's statements with only their reads (a refresh
 * reads every attribute Terraform manages, with the same calls the deploy role makes), and
 * the same denies. It writes nothing, not even the state lock (`plan -lock=false`), and
 * reads no object but its environment's state.
 */
export function planStatements(
  scope: EnvironmentScope,
  state: { readonly bucketArn: string; readonly key: string },
  ecrRepositoryArn: string,
): PolicyStatement[] {
  return deployStatements(scope, state, ecrRepositoryArn).flatMap((statement) => {
    if (statement.effect === 'Deny') return [statement];
    if (statement.sid !== undefined && DEPLOY_ONLY_STATEMENTS.has(statement.sid)) return [];
    const actions = (statement.actions ?? []).filter((a) => READ_ACTION.test(a) && !NOT_FOR_PLANS.has(a));
    return actions.length > 0 ? [{ ...statement, actions }] : [];
  });
}

/**
 * Denied whatever else allows them: the exfiltration actions (deploy-actions.ts); reading any
 * object but the role's own state and the smoke test's report (athletes' uploads, sessions
 * and reports); changing a role's trust policy, because no IAM condition key can keep a
 * trust policy inside the account (UpdateAssumeRolePolicy has only iam:ResourceTag), so
 * the execution roles' trust stays what the code says; a KMS grant for anything but an AWS
 * resource; a key policy that skips the lockout safety check.
 */
function exfiltrationDenies(
  scope: EnvironmentScope,
  state: { readonly bucketArn: string; readonly key: string },
): PolicyStatement[] {
  return [
    { sid: 'NoDataExfiltration', effect: 'Deny', actions: EXFILTRATION_ACTIONS, resources: ['*'] },
    {
      sid: 'ReadNoAthleteData',
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      notResources: [
        `${state.bucketArn}/${state.key}`,
        `${state.bucketArn}/${state.key}.tflock`,
        smokeReports(scope),
      ],
    },
    {
      sid: 'KeepRoleTrustAsCoded',
      effect: 'Deny',
      actions: ['iam:UpdateAssumeRolePolicy'],
      resources: ['*'],
    },
    {
      sid: 'GrantKeysOnlyToAwsResources',
      effect: 'Deny',
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['false'] }],
    },
    {
      sid: 'KeepKeyPolicyLockoutCheck',
      effect: 'Deny',
      actions: ['kms:PutKeyPolicy'],
      resources: ['*'],
      condition: [{ test: 'Bool', variable: 'kms:BypassPolicyLockoutSafetyCheck', values: ['true'] }],
    },
  ];
}

/**
 * What Terraform calls to create, read, retarget, tag and delete the one EventBridge rule
 * (default bus) of an environment wired through EventBridge, on that rule only.
 */
function uploadsRuleStatement(scope: EnvironmentScope, rule: string): PolicyStatement {
  return {
    sid: 'EnvironmentUploadsRule',
    effect: 'Allow',
    actions: [
      'events:DeleteRule',
      'events:DescribeRule',
      'events:ListTagsForResource',
      'events:ListTargetsByRule',
      'events:PutRule',
      'events:PutTargets',
      'events:RemoveTargets',
      'events:TagResource',
      'events:UntagResource',
    ],
    resources: [arnIn(scope, 'events', `rule/${rule}`)],
  };
}

/**
 * The most any role of the environment can ever do, whatever policy the deploy role puts
 * on it: exactly what the function and SNS delivery logging need, on the environment's names.
 */
export function boundaryStatements(scope: EnvironmentScope): PolicyStatement[] {
  const p = scope.account.partition;
  const n = scope.namePrefix;
  return [
    {
      // AbortMultipartUpload: the function aborts a silver upload whose write failed.
      sid: 'EnvironmentObjects',
      effect: 'Allow',
      actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject'],
      resources: [`arn:${p}:s3:::${n}-*/*`],
    },
    {
      // So a missing upload answers 404, not 403 (the function's TellMissingUploads).
      sid: 'EnvironmentBuckets',
      effect: 'Allow',
      actions: ['s3:ListBucket'],
      resources: [`arn:${p}:s3:::${n}-*`],
    },
    {
      sid: 'EnvironmentItems',
      effect: 'Allow',
      actions: [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        // The gold run: an athlete's history, the week index, the pending marks.
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ],
      // Also the tables' indexes (`table/<name>/index/<index>`).
      resources: [arnIn(scope, 'dynamodb', `table/${n}-*`)],
    },
    {
      // The gold schedule's role invokes the gold function.
      sid: 'InvokeEnvironmentFunctions',
      effect: 'Allow',
      actions: ['lambda:InvokeFunction'],
      resources: [arnIn(scope, 'lambda', `function:${n}-*`)],
    },
    { sid: 'Publish', effect: 'Allow', actions: ['sns:Publish'], resources: [arnIn(scope, 'sns', `${n}-*`)] },
    {
      sid: 'SendToDlq',
      effect: 'Allow',
      actions: ['sqs:SendMessage'],
      resources: [arnIn(scope, 'sqs', `${n}-*`)],
    },
    {
      sid: 'UseEnvironmentKey',
      effect: 'Allow',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [arnIn(scope, 'kms', 'key/*')],
      condition: [environmentTag(scope.env, 'aws:ResourceTag/environment')],
    },
    {
      sid: 'WriteLogs',
      effect: 'Allow',
      actions: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:PutRetentionPolicy',
      ],
      resources: [
        arnIn(scope, 'logs', `log-group:/aws/lambda/${n}-*`),
        arnIn(scope, 'logs', `log-group:sns/${scope.region}/${scope.account.accountId}/${n}-*`),
      ],
    },
    {
      // X-Ray has no resource-level permissions.
      sid: 'XRayTracing',
      effect: 'Allow',
      actions: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: ['*'],
    },
  ];
}
