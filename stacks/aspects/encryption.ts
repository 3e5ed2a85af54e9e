import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group/index.js';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository/index.js';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic/index.js';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue/index.js';
import { Annotations, type IAspect, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { resolveValue } from './resolve.js';

/**
 * Every data store is encrypted at rest, and every bucket has its public access blocked.
 * Adds a synth error (which fails `cdktf synth`) naming the resource that is not.
 */
export class EncryptionAspect implements IAspect {
  visit(node: IConstruct): void {
    const problem = this.problemOf(node);
    if (problem) Annotations.of(node).addError(`[encryption] ${node.node.path}: ${problem}`);
  }

  private problemOf(node: IConstruct): string | undefined {
    if (node instanceof S3Bucket) return bucketProblem(node);
    if (node instanceof DynamodbTable) {
      const sse = node.serverSideEncryptionInput;
      return sse?.enabled === true && sse.kmsKeyArn
        ? undefined
        : 'table needs server-side encryption with a KMS key';
    }
    if (node instanceof SnsTopic)
      return node.kmsMasterKeyIdInput ? undefined : 'topic needs kms_master_key_id';
    if (node instanceof SqsQueue) {
      return node.kmsMasterKeyIdInput || node.sqsManagedSseEnabledInput === true
        ? undefined
        : 'queue needs kms_master_key_id or SQS-managed SSE';
    }
    if (node instanceof CloudwatchLogGroup)
      return node.kmsKeyIdInput ? undefined : 'log group needs kms_key_id';
    if (node instanceof EcrRepository) {
      const config = node.encryptionConfigurationInput;
      return Array.isArray(config) && config[0]?.encryptionType === 'KMS'
        ? undefined
        : 'repository needs KMS encryption';
    }
    if (node instanceof LambdaFunction && node.environmentInput) {
      return node.kmsKeyArnInput ? undefined : 'function with environment variables needs kms_key_arn';
    }
    return undefined;
  }
}

function bucketProblem(bucket: S3Bucket): string | undefined {
  const stack = TerraformStack.of(bucket);
  const ref = JSON.stringify(resolveValue(stack, bucket.id));
  const siblings = stack.node.findAll();
  const refersToBucket = (b: string | undefined) =>
    b !== undefined && JSON.stringify(resolveValue(stack, b)) === ref;
  const encrypted = siblings.some(
    (n) => n instanceof S3BucketServerSideEncryptionConfigurationA && refersToBucket(n.bucketInput),
  );
  const blocked = siblings.some(
    (n) =>
      n instanceof S3BucketPublicAccessBlock &&
      refersToBucket(n.bucketInput) &&
      n.blockPublicAclsInput === true &&
      n.blockPublicPolicyInput === true &&
      n.ignorePublicAclsInput === true &&
      n.restrictPublicBucketsInput === true,
  );
  const problems = [
    ...(encrypted ? [] : ['no server-side encryption configuration']),
    ...(blocked ? [] : ['public access not fully blocked']),
  ];
  return problems.length > 0 ? problems.join('; ') : undefined;
}
