import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration/index.js';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls/index.js';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy/index.js';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block/index.js';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration/index.js';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning/index.js';
import { Construct } from 'constructs';
import type { PolicyStatement } from './policy.js';
import { denyInsecureTransport, policyDocument } from './policy.js';

export interface SecureBucketProps {
  readonly bucketName: string;
  /** Customer-managed key for SSE-KMS. @default the AWS-managed aws/s3 key */
  readonly kmsKeyArn?: string;
  /** Let `destroy` delete a non-empty bucket. @default false */
  readonly forceDestroy?: boolean;
  /** Lifecycle rules besides the built-in abort of incomplete multipart uploads. @default [] */
  readonly lifecycleRules?: readonly S3BucketLifecycleConfigurationRule[];
  /** Statements added to the bucket policy after the TLS-only deny. @default [] */
  readonly policyStatements?: readonly PolicyStatement[];
}

/** Days after which S3 discards the parts of an upload that never completed. */
const ABORT_MULTIPART_DAYS = 7;

/**
 * A bucket that is versioned, SSE-KMS encrypted (with an S3 bucket key), private (public
 * access blocked, ACLs disabled), TLS-only, and has lifecycle rules.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly name: string;
  readonly arn: string;
  readonly versioning: S3BucketVersioningA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      forceDestroy: props.forceDestroy ?? false,
    });
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;

    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: 'aws:kms',
            ...(props.kmsKeyArn ? { kmsMasterKeyId: props.kmsKeyArn } : {}),
          },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'public-access', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const document = policyDocument(this, 'policy-document', [
      denyInsecureTransport([this.bucket.arn, `${this.bucket.arn}/*`], ['s3:*']),
      ...(props.policyStatements ?? []),
    ]);
    // The public access block must exist first, or S3 may evaluate the policy as public.
    new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      policy: document.json,
      dependsOn: [publicAccess],
    });

    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'abort-incomplete-multipart-uploads',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_MULTIPART_DAYS }],
        },
        ...(props.lifecycleRules ?? []),
      ],
      dependsOn: [this.versioning],
    });
  }
}
