import type { DeployEnvironment } from '../config/types.js';
import type { AccountContext } from './account.js';
import type { PolicyStatement } from './policy.js';

export interface EnvironmentScope {
  readonly account: AccountContext;
  readonly env: DeployEnvironment;
  /** Region the environment runs in. */
  readonly region: string;
  /** `<prefix>-<env>`: every resource of the environment is named `<namePrefix>-<kind>`. */
  readonly namePrefix: string;
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

/**
 * What a deploy role may do: its own state object and lock file, and the resources named
 * `<prefix>-<env>-*` in its region. Roles it creates must carry the environment's
 * permissions boundary, so it cannot mint a role with more rights than the pipeline needs.
 * Service-level action wildcards (`s3:*` ...) are scoped to those names: Terraform reads
 * and writes dozens of attributes per resource and teardown must empty versioned buckets.
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
      sid: 'EnvironmentBuckets',
      effect: 'Allow',
      actions: ['s3:*'],
      resources: [`arn:${p}:s3:::${n}-*`, `arn:${p}:s3:::${n}-*/*`],
    },
    {
      sid: 'EnvironmentTables',
      effect: 'Allow',
      actions: ['dynamodb:*'],
      resources: [arnIn(scope, 'dynamodb', `table/${n}-*`)],
    },
    {
      sid: 'EnvironmentTopics',
      effect: 'Allow',
      actions: ['sns:*'],
      resources: [arnIn(scope, 'sns', `${n}-*`)],
    },
    {
      sid: 'EnvironmentQueues',
      effect: 'Allow',
      actions: ['sqs:*'],
      resources: [arnIn(scope, 'sqs', `${n}-*`)],
    },
    {
      sid: 'EnvironmentFunction',
      effect: 'Allow',
      actions: ['lambda:*'],
      resources: [arnIn(scope, 'lambda', `function:${n}-*`)],
    },
    {
      sid: 'EnvironmentLogGroups',
      effect: 'Allow',
      actions: ['logs:*'],
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
        'cloudwatch:DescribeAlarms',
        'cloudwatch:ListTagsForResource',
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
      ],
      resources: [arnIn(scope, 'cloudwatch', `alarm:${n}-*`)],
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
        // IAM puts no iam:PermissionsBoundary in this action's request context, so under the
        // condition below it would always be denied. Every role it can reach was created
        // with the boundary (CreateRole requires it), so a new trust policy cannot give
        // anyone more than the boundary allows.
        'iam:UpdateAssumeRolePolicy',
      ],
      resources: [iamArn(scope, `role/${n}-*`)],
    },
    {
      // The actions whose request context carries iam:PermissionsBoundary.
      sid: 'WriteBoundedEnvironmentRoles',
      effect: 'Allow',
      actions: ['iam:CreateRole', 'iam:DeleteRolePolicy', 'iam:PutRolePolicy'],
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
          values: ['lambda.amazonaws.com', 'sns.amazonaws.com'],
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
      actions: ['kms:*'],
      resources: [arnIn(scope, 'kms', 'key/*')],
      condition: [environmentTag(scope.env, 'aws:ResourceTag/environment')],
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
        'dynamodb:UpdateItem',
      ],
      resources: [arnIn(scope, 'dynamodb', `table/${n}-*`)],
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
