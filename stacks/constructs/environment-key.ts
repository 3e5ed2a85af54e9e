import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias/index.js';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key/index.js';
import { KmsKeyPolicy } from '@cdktf/provider-aws/lib/kms-key-policy/index.js';
import { Construct } from 'constructs';
import type { AccountContext } from './account.js';
import { policyDocument } from './policy.js';

export interface EnvironmentKeyProps {
  readonly account: AccountContext;
  /** `alias/...` */
  readonly alias: string;
  /** Log groups (by name) whose events CloudWatch Logs encrypts with this key. */
  readonly logGroupNames: readonly string[];
  /** @default 30 (the maximum waiting period before AWS deletes the key) */
  readonly deletionWindowInDays?: number;
}

/**
 * One customer-managed key per environment for S3, DynamoDB, SNS, SQS, CloudWatch Logs and
 * the function's environment variables. Rotated yearly. Principals in the account get
 * access only through their IAM policies (the first statement delegates to IAM, as the
 * default key policy does); two services get narrow statements because they act as
 * themselves: CloudWatch Logs for the log groups, CloudWatch alarms for the encrypted
 * operations topic. The policy is a separate resource so its statements can name the
 * key's own ARN instead of "*".
 */
export class EnvironmentKey extends Construct {
  readonly key: KmsKey;
  readonly arn: string;
  /** Depend on this before a service (CloudWatch Logs) uses the key as itself. */
  readonly policy: KmsKeyPolicy;

  constructor(scope: Construct, id: string, props: EnvironmentKeyProps) {
    super(scope, id);
    const { account } = props;
    const root = `arn:${account.partition}:iam::${account.accountId}:root`;
    this.key = new KmsKey(this, 'key', {
      description: `Encrypts the data of ${props.alias.replace(/^alias\//, '')}`,
      enableKeyRotation: true,
      deletionWindowInDays: props.deletionWindowInDays ?? 30,
    });
    this.arn = this.key.arn;
    const document = policyDocument(this, 'policy-document', [
      {
        sid: 'DelegateToIam',
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: [root] }],
        actions: ['kms:*'],
        resources: [this.key.arn],
      },
      {
        sid: 'CloudWatchLogs',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: [`logs.${account.region}.amazonaws.com`] }],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: [this.key.arn],
        condition: [
          {
            test: 'ArnEquals',
            variable: 'kms:EncryptionContext:aws:logs:arn',
            values: props.logGroupNames.map((name) => account.arn('logs', `log-group:${name}`)),
          },
        ],
      },
      {
        sid: 'CloudWatchAlarmsToEncryptedTopic',
        effect: 'Allow',
        principals: [{ type: 'Service', identifiers: ['cloudwatch.amazonaws.com'] }],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: [this.key.arn],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account.accountId] }],
      },
    ]);
    this.policy = new KmsKeyPolicy(this, 'policy', { keyId: this.key.keyId, policy: document.json });
    new KmsAlias(this, 'alias', { name: props.alias, targetKeyId: this.key.keyId });
  }
}
