import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table/index.js';
import { Construct } from 'constructs';

export interface TableProps {
  readonly tableName: string;
  readonly partitionKey: string;
  /** @default no sort key */
  readonly sortKey?: string;
  /** Attribute DynamoDB deletes expired items by. @default no TTL */
  readonly ttlAttribute?: string;
  readonly kmsKeyArn: string;
  /** Refuse `destroy` (and deletes through the API). */
  readonly deletionProtection: boolean;
  /** Global secondary indexes with string keys, keys only. @default none */
  readonly indexes?: readonly TableIndex[];
}

export interface TableIndex {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** On-demand table (and indexes) with string keys, point-in-time recovery and customer-managed encryption. */
export class Table extends Construct {
  readonly table: DynamodbTable;
  readonly name: string;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id);
    const indexes = props.indexes ?? [];
    const keys = [
      ...new Set([
        props.partitionKey,
        ...(props.sortKey ? [props.sortKey] : []),
        ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
      ]),
    ];
    this.table = new DynamodbTable(this, 'table', {
      name: props.tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: props.partitionKey,
      ...(props.sortKey ? { rangeKey: props.sortKey } : {}),
      attribute: keys.map((name) => ({ name, type: 'S' })),
      ...(indexes.length > 0
        ? {
            globalSecondaryIndex: indexes.map((index) => ({
              name: index.name,
              hashKey: index.partitionKey,
              rangeKey: index.sortKey,
              projectionType: 'KEYS_ONLY',
            })),
          }
        : {}),
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.kmsKeyArn },
      ...(props.ttlAttribute ? { ttl: { attributeName: props.ttlAttribute, enabled: true } } : {}),
      deletionProtectionEnabled: props.deletionProtection,
    });
    this.name = this.table.name;
    this.arn = this.table.arn;
  }
}
