/**
 * The exact IAM actions a deploy role needs for the resources a pipeline stack creates,
 * instead of service wildcards (`s3:*` would also let it open a bucket to another account's
 * replication, export a table, or read every athlete's upload).
 *
 * Derived from what hashicorp/aws 6.47 calls for each resource type in create, read (every
 * plan refreshes), update and delete, including its waiters and tag handling, under the
 * names IAM authorizes them by (the Service Authorization Reference), and proven enough by
 * the apply test that plans, applies, re-plans and destroys dev with the dev deploy role's
 * own credentials in the emulator with its IAM checks on (tests/apply; what the emulator
 * can and cannot check is in emulator-differences.ts). Sorted; a test keeps them so.
 */

/** aws_s3_bucket and its aws_s3_bucket_* configuration resources, aws_s3_bucket_notification. */
export const S3_BUCKET_ACTIONS = [
  's3:CreateBucket',
  's3:DeleteBucket',
  's3:DeleteBucketPolicy',
  's3:GetAccelerateConfiguration',
  's3:GetBucketAcl',
  's3:GetBucketCORS',
  's3:GetBucketLogging',
  's3:GetBucketNotification',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketOwnershipControls',
  's3:GetBucketPolicy',
  's3:GetBucketPublicAccessBlock',
  's3:GetBucketRequestPayment',
  // The provider's fallback when S3 Control's ListTagsForResource is refused.
  's3:GetBucketTagging',
  's3:GetBucketVersioning',
  's3:GetBucketWebsite',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  // HeadBucket (existence and region) is authorized as ListBucket.
  's3:ListBucket',
  // Emptying a versioned bucket (teardown, force_destroy) lists its versions.
  's3:ListBucketVersions',
  // Bucket tags: read and written through S3 Control, authorized as these s3: actions.
  's3:ListTagsForResource',
  's3:PutBucketNotification',
  's3:PutBucketOwnershipControls',
  // The buckets' own policies (TLS only, the function's access). No condition key can limit
  // what a bucket policy says; the denies below and the boundary bound the rest.
  's3:PutBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketTagging',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:TagResource',
  's3:UntagResource',
];

/** aws_dynamodb_table (TTL, point-in-time recovery, tags), and teardown's release-tables. */
export const DYNAMODB_TABLE_ACTIONS = [
  'dynamodb:CreateBackup',
  'dynamodb:CreateTable',
  'dynamodb:DeleteTable',
  'dynamodb:DescribeContinuousBackups',
  'dynamodb:DescribeTable',
  'dynamodb:DescribeTimeToLive',
  'dynamodb:ListTagsOfResource',
  'dynamodb:TagResource',
  'dynamodb:UntagResource',
  'dynamodb:UpdateContinuousBackups',
  'dynamodb:UpdateTable',
  'dynamodb:UpdateTimeToLive',
];

/** aws_sns_topic, aws_sns_topic_policy (a topic attribute). */
export const SNS_TOPIC_ACTIONS = [
  'sns:CreateTopic',
  'sns:DeleteTopic',
  'sns:GetTopicAttributes',
  'sns:ListTagsForResource',
  'sns:SetTopicAttributes',
  'sns:TagResource',
  'sns:UntagResource',
];

/** aws_sqs_queue, aws_sqs_queue_policy (a queue attribute). */
export const SQS_QUEUE_ACTIONS = [
  'sqs:CreateQueue',
  'sqs:DeleteQueue',
  'sqs:GetQueueAttributes',
  'sqs:ListQueueTags',
  'sqs:SetQueueAttributes',
  'sqs:TagQueue',
  'sqs:UntagQueue',
];

/**
 * aws_lambda_function (an image function; reserved concurrency where an environment sets it),
 * aws_lambda_function_event_invoke_config; GetFunction is also how deploy-order reads the
 * deployed commit. AddPermission is granted apart, only for S3 and EventBridge.
 */
export const LAMBDA_FUNCTION_ACTIONS = [
  // aws_lambda_alias `live`; the release step reads and moves it (scripts/steps/release).
  'lambda:CreateAlias',
  'lambda:CreateFunction',
  'lambda:DeleteAlias',
  'lambda:DeleteFunction',
  'lambda:DeleteFunctionConcurrency',
  'lambda:DeleteFunctionEventInvokeConfig',
  'lambda:GetAlias',
  'lambda:GetFunction',
  'lambda:GetFunctionConcurrency',
  'lambda:GetFunctionEventInvokeConfig',
  'lambda:GetPolicy',
  // GetFunction returns the function's tags only with ListTags.
  'lambda:ListTags',
  'lambda:ListVersionsByFunction',
  // publish = true: every change of the function publishes a version.
  'lambda:PublishVersion',
  'lambda:PutFunctionConcurrency',
  'lambda:PutFunctionEventInvokeConfig',
  'lambda:TagResource',
  'lambda:UntagResource',
  'lambda:UpdateAlias',
  'lambda:UpdateFunctionCode',
  'lambda:UpdateFunctionConfiguration',
];

/**
 * aws_scheduler_schedule (the daily gold run, in the default schedule group). A schedule
 * has no tags (only groups do), so nothing to tag or read tags of.
 */
export const SCHEDULER_SCHEDULE_ACTIONS = [
  'scheduler:CreateSchedule',
  'scheduler:DeleteSchedule',
  'scheduler:GetSchedule',
  'scheduler:UpdateSchedule',
];

/** aws_cloudwatch_log_group (retention, KMS key, tags). */
export const LOG_GROUP_ACTIONS = [
  'logs:AssociateKmsKey',
  'logs:CreateLogGroup',
  'logs:DeleteLogGroup',
  'logs:DeleteRetentionPolicy',
  'logs:DisassociateKmsKey',
  'logs:ListTagsForResource',
  'logs:PutRetentionPolicy',
  'logs:TagResource',
  'logs:UntagResource',
];

/** aws_kms_key (rotation, deletion), aws_kms_key_policy, the key side of aws_kms_alias. */
export const KMS_KEY_ACTIONS = [
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

/**
 * Actions that would move an environment's data out of it, or open it to another account,
 * and that no pipeline resource needs: denied outright, so no later Allow can grant them.
 */
export const EXFILTRATION_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:ExportTableToPointInTime',
  'dynamodb:GetItem',
  'dynamodb:PutResourcePolicy',
  'dynamodb:Query',
  'dynamodb:RestoreTableFromBackup',
  'dynamodb:RestoreTableToPointInTime',
  'dynamodb:Scan',
  'kms:ReplicateKey',
  'lambda:CreateFunctionUrlConfig',
  'lambda:UpdateFunctionUrlConfig',
  'logs:CreateExportTask',
  'logs:FilterLogEvents',
  'logs:GetLogEvents',
  'logs:PutDestination',
  'logs:PutDestinationPolicy',
  'logs:PutSubscriptionFilter',
  's3:CreateAccessPoint',
  's3:PutAccessPointPolicy',
  's3:PutBucketAcl',
  's3:PutBucketLogging',
  's3:PutInventoryConfiguration',
  's3:PutObjectAcl',
  's3:PutReplicationConfiguration',
  'sns:AddPermission',
  'sns:Subscribe',
  'sqs:AddPermission',
  'sqs:ReceiveMessage',
];
