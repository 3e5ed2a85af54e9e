/**
 * release-tables: the teardown step between the destroy plan and emptying the buckets. For
 * each table: if it has deletion protection (prod), take an on-demand backup, then lift the
 * protection so the saved destroy plan can delete it. See release.ts.
 *
 * Inputs: tables (one table name per line), region (optional). AWS_ENDPOINT_URL, when set,
 *         points at the emulator.
 * Outputs: backups (the backup ARNs, one per line). Writes a summary table.
 */
import * as core from '@actions/core';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { StepError } from '../lib/errors.js';
import { optionalInput, runStep } from '../lib/inputs.js';
import { type DynamoDbSend, type ReleasedTable, releaseTable } from './release.js';

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

export function parseTables(lines: readonly string[]): string[] {
  const tables = [...new Set(lines.map((l) => l.trim()).filter((l) => l !== ''))];
  if (tables.length === 0) throw new StepError('INVALID_INPUT', "Input 'tables' names no table.");
  const bad = tables.filter((t) => !TABLE_NAME.test(t));
  if (bad.length > 0) throw new StepError('INVALID_INPUT', `Not DynamoDB table names: ${bad.join(', ')}.`);
  return tables;
}

export async function run(
  client: (region: string | undefined) => DynamoDbSend = (region) => new DynamoDBClient({ region }),
): Promise<void> {
  await runStep(async () => {
    const tables = parseTables(core.getMultilineInput('tables'));
    const dynamodb = client(optionalInput('region'));
    const results: ReleasedTable[] = [];
    for (const table of tables) {
      const result = await releaseTable(dynamodb, table);
      core.info(
        !result.existed
          ? `${table}: does not exist`
          : result.wasProtected
            ? `${table}: backed up as ${result.backupArn}; deletion protection lifted`
            : `${table}: not protected; nothing to do`,
      );
      results.push(result);
    }
    core.setOutput('backups', results.flatMap((r) => (r.backupArn ? [r.backupArn] : [])).join('\n'));
    await core.summary
      .addHeading('Tables before the destroy', 3)
      .addTable([
        [
          { data: 'Table', header: true },
          { data: 'Deletion protection', header: true },
          { data: 'Backup kept', header: true },
        ],
        ...results.map((r) => [
          r.table,
          !r.existed ? 'table did not exist' : r.wasProtected ? 'was on, lifted' : 'off',
          r.backupArn ?? '',
        ]),
      ])
      .write();
  });
}
