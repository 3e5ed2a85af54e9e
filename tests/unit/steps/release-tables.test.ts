import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupName, releaseTable } from '../../../scripts/steps/release-tables/release.js';
import { parseTables, run } from '../../../scripts/steps/release-tables/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const NOW = new Date('2026-05-21T10:15:00.123Z');
const BACKUP_ARN =
  'arn:aws:dynamodb:eu-west-1:123456789012:table/workout-pipeline-prod-sessions/backup/01716286500000-abcdef12';

/** A DynamoDB client stand-in: tables by name with their protection, and every command it was sent. */
function fakeDynamoDb(tables: Record<string, { protected: boolean }>, { backupFails = false } = {}) {
  const sent: { command: string; input: Record<string, unknown> }[] = [];
  const client = {
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input });
      const table = tables[String(command.input.TableName)];
      if (table === undefined) {
        throw Object.assign(new Error('Requested resource not found'), { name: 'ResourceNotFoundException' });
      }
      if (name === 'DescribeTableCommand') return { Table: { DeletionProtectionEnabled: table.protected } };
      if (name === 'CreateBackupCommand')
        return backupFails ? {} : { BackupDetails: { BackupArn: BACKUP_ARN } };
      if (name === 'UpdateTableCommand') {
        table.protected = Boolean(command.input.DeletionProtectionEnabled);
        return {};
      }
      throw new Error(`unexpected ${name}`);
    },
  } as unknown as Pick<DynamoDBClient, 'send'>;
  return { client, sent, commands: () => sent.map((s) => s.command) };
}

describe('releasing tables before a teardown', () => {
  it('backs a protected table up, then lifts its deletion protection', async () => {
    // Prepare
    const fake = fakeDynamoDb({ 'workout-pipeline-prod-sessions': { protected: true } });

    // Act
    const result = await releaseTable(fake.client, 'workout-pipeline-prod-sessions', { now: NOW });

    // Assess
    expect(result).toEqual({
      table: 'workout-pipeline-prod-sessions',
      existed: true,
      wasProtected: true,
      backupArn: BACKUP_ARN,
    });
    expect(fake.commands()).toEqual(['DescribeTableCommand', 'CreateBackupCommand', 'UpdateTableCommand']);
    expect(fake.sent[1]?.input.BackupName).toBe('workout-pipeline-prod-sessions-teardown-20260521T101500Z');
    expect(fake.sent[2]?.input).toEqual({
      TableName: 'workout-pipeline-prod-sessions',
      DeletionProtectionEnabled: false,
    });
  });

  it('leaves an unprotected table (dev, staging) alone', async () => {
    const fake = fakeDynamoDb({ 'workout-pipeline-dev-sessions': { protected: false } });

    const result = await releaseTable(fake.client, 'workout-pipeline-dev-sessions');

    expect(result).toMatchObject({ existed: true, wasProtected: false, backupArn: undefined });
    expect(fake.commands()).toEqual(['DescribeTableCommand']);
  });

  it('counts a table that no longer exists as released, so a teardown can be run again', async () => {
    const fake = fakeDynamoDb({});

    const result = await releaseTable(fake.client, 'workout-pipeline-prod-sessions');

    expect(result).toMatchObject({ existed: false, wasProtected: false });
  });

  it('keeps the protection on when no backup was made', async () => {
    // Prepare
    const tables = { 'workout-pipeline-prod-sessions': { protected: true } };
    const fake = fakeDynamoDb(tables, { backupFails: true });

    // Act
    const released = releaseTable(fake.client, 'workout-pipeline-prod-sessions');

    // Assess
    await expect(released).rejects.toMatchObject({ code: 'DELETE_FAILED' });
    expect(fake.commands()).not.toContain('UpdateTableCommand');
    expect(tables['workout-pipeline-prod-sessions'].protected).toBe(true);
  });

  it('names backups with characters DynamoDB accepts', () => {
    expect(backupName('workout-pipeline-prod-idempotency', NOW)).toMatch(/^[a-zA-Z0-9_.-]{3,255}$/);
  });
});

describe('release-tables step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('releases every listed table and lists the backups in the summary', async () => {
    // Prepare
    const fake = fakeDynamoDb({
      'workout-pipeline-prod-sessions': { protected: true },
      'workout-pipeline-prod-idempotency': { protected: false },
    });

    // Act
    const result = await env.run(() => run(() => fake.client), {
      tables: 'workout-pipeline-prod-sessions\nworkout-pipeline-prod-idempotency\n',
      region: 'eu-west-1',
    });

    // Assess
    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ backups: BACKUP_ARN });
    expect(result.summary).toContain(BACKUP_ARN);
    expect(result.summary).toContain('was on, lifted');
  });

  it('refuses values that are not table names before calling AWS', async () => {
    const fake = fakeDynamoDb({});

    const result = await env.run(() => run(() => fake.client), { tables: 'arn:aws:dynamodb:x' });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('INVALID_INPUT');
    expect(fake.sent).toEqual([]);
  });

  it('refuses an empty table list', () => {
    expect(() => parseTables(['', ' '])).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
