/**
 * Before a teardown destroys an environment, its DynamoDB tables must be deletable: prod's
 * carry deletion protection (the stacks set it wherever buckets may not be force-destroyed),
 * and DeleteTable refuses them, which used to stop `destroy` halfway, after the buckets had
 * already been emptied. A protected table is kept first as an on-demand backup (backups
 * outlive the table), then its protection is lifted. Unprotected tables (dev, staging) and
 * tables that no longer exist are left alone.
 */
import {
  CreateBackupCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { StepError } from '../lib/errors.js';

export interface ReleasedTable {
  readonly table: string;
  /** false when the table did not exist (a teardown that is being run again). */
  readonly existed: boolean;
  readonly wasProtected: boolean;
  /** The on-demand backup taken before the protection was lifted. */
  readonly backupArn: string | undefined;
}

export type DynamoDbSend = Pick<DynamoDBClient, 'send'>;

/** `<table>-teardown-20260521T101500Z`: DynamoDB backup names allow [a-zA-Z0-9_.-]. */
export function backupName(table: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  return `${table}-teardown-${stamp}`;
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === 'ResourceNotFoundException';
}

export async function releaseTable(
  client: DynamoDbSend,
  table: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<ReleasedTable> {
  let protectedNow: boolean;
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: table }));
    protectedNow = described.Table?.DeletionProtectionEnabled === true;
  } catch (error) {
    if (isNotFound(error)) return { table, existed: false, wasProtected: false, backupArn: undefined };
    throw error;
  }
  if (!protectedNow) return { table, existed: true, wasProtected: false, backupArn: undefined };

  const backup = await client.send(
    new CreateBackupCommand({ TableName: table, BackupName: backupName(table, now) }),
  );
  const backupArn = backup.BackupDetails?.BackupArn;
  if (backupArn === undefined) {
    throw new StepError(
      'DELETE_FAILED',
      `${table}: DynamoDB created no backup, so its deletion protection stays on. Nothing was deleted.`,
    );
  }
  await client.send(new UpdateTableCommand({ TableName: table, DeletionProtectionEnabled: false }));
  return { table, existed: true, wasProtected: true, backupArn };
}
