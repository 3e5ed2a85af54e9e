import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';

export interface AwsProviderProps {
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Send every API call to this endpoint (the AWS emulator). Credentials then come from
   * the usual AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY the test harness sets.
   * @default real AWS endpoints
   */
  readonly endpoint?: string;
}

/** Services the stacks call; each is pointed at the emulator endpoint for the emulator target. */
const EMULATED_SERVICES = [
  'cloudwatch',
  'dynamodb',
  'ecr',
  'events',
  'iam',
  'kms',
  'lambda',
  'logs',
  's3',
  // S3 Control (the provider reads bucket tags there); the binding spells it s3Control.
  's3Control',
  'sns',
  'sqs',
  'sts',
] as const;

/** The AWS provider of a stack, tagging every resource through default_tags. */
export function awsProvider(scope: Construct, props: AwsProviderProps): AwsProvider {
  const endpoint = props.endpoint;
  return new AwsProvider(scope, 'aws', {
    region: props.region,
    defaultTags: [{ tags: { ...props.tags } }],
    ...(endpoint
      ? {
          endpoints: [Object.fromEntries(EMULATED_SERVICES.map((service) => [service, endpoint]))],
          s3UsePathStyle: true,
          skipCredentialsValidation: true,
          skipMetadataApiCheck: 'true',
          // Since provider 6.23 aws_s3_bucket reads its tags through S3 Control, whose host
          // carries the account id (123456789012.127.0.0.1 on the emulator: no such host),
          // so both buckets ended tainted and destroy failed on refresh. Without an account
          // id the provider does not go there. Set from the first apply.
          skipRequestingAccountId: true,
        }
      : {}),
  });
}
