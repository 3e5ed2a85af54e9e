import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket/index.js';
import { Annotations, type IAspect } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * When an environment must keep its data (prod, the bootstrap), no bucket may be
 * force-destroyed and every table has deletion protection.
 */
export class DataProtectionAspect implements IAspect {
  constructor(private readonly label: string) {}

  visit(node: IConstruct): void {
    if (
      node instanceof S3Bucket &&
      node.forceDestroyInput !== false &&
      node.forceDestroyInput !== undefined
    ) {
      Annotations.of(node).addError(
        `[data-protection] ${node.node.path}: ${this.label} buckets must not force-destroy`,
      );
    }
    if (node instanceof DynamodbTable && node.deletionProtectionEnabledInput !== true) {
      Annotations.of(node).addError(
        `[data-protection] ${node.node.path}: ${this.label} tables need deletion protection`,
      );
    }
  }
}
