import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

/**
 * The hashicorp/aws release every stack requires, exactly. The apply tests build the
 * provider from the Go module proxy, which serves only a commit after this release (main
 * on 2026-06-02, between 6.47.0 and 6.48.0; scripts/tofu/setup.sh): this is the release at
 * that commit, so what is tested is what is deployed, give or take that week's fixes
 * (docs/infrastructure.md). The cdktf bindings (@cdktf/provider-aws 21.22.1) were generated
 * for 6.25.0 and are no longer published; every attribute they write is applied by the tests.
 */
export const AWS_PROVIDER_VERSION = '6.47.0';

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
  TerraformStack.of(scope).addOverride('terraform.required_providers.aws.version', AWS_PROVIDER_VERSION);
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
