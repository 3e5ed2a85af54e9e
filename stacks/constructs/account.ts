import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { Construct } from 'constructs';

/** Account id, partition and region as tokens, so ARNs never hard-code `aws` or an account. */
export class AccountContext extends Construct {
  readonly accountId: string;
  readonly partition: string;
  readonly region: string;

  constructor(scope: Construct, id: string, region: string) {
    super(scope, id);
    this.accountId = new DataAwsCallerIdentity(this, 'caller').accountId;
    this.partition = new DataAwsPartition(this, 'partition').partition;
    this.region = region;
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>` */
  arn(service: string, resource: string, options: { region?: boolean } = {}): string {
    return `arn:${this.partition}:${service}:${options.region === false ? '' : this.region}:${this.accountId}:${resource}`;
  }
}
