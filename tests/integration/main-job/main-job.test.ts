/**
 * `npm start` as a person runs it: the entry in a child process, pointed at the shared
 * emulator through AWS_ENDPOINT_URL (so it must leave it running), with a name suffix so
 * its resources never meet another test's. Asserts on what it prints and what it left.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { emulatorClients } from '../../../scripts/lib/emulator-pipeline.js';
import { localNames } from '../../../scripts/main-job/inputs.js';
import { FRIDAY, MONDAY, strongExport, WEDNESDAY } from '../lambda/exports.js';
import { uniqueName } from '../support/aws.js';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');
const RUN_TIMEOUT = 120_000;

interface JobRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function mainJob(args: readonly string[]): Promise<JobRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/main-job.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, INIT_CWD: PROJECT_ROOT },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `Total: ...` or `Pass N total: ...` as numbers. */
function totals(stdout: string, label = 'Total') {
  const line = stdout.split('\n').find((l) => l.startsWith(`${label}:`)) ?? '';
  const match =
    /(\d+) files? \((\d+) processed, (\d+) rejected\), sessions (\d+) new \/ (\d+) updated \/ (\d+) unchanged/.exec(
      line,
    );
  if (!match) throw new Error(`no '${label}:' line in:\n${stdout}`);
  const at = (index: number) => Number(match[index]);
  return { files: at(1), processed: at(2), rejected: at(3), new: at(4), updated: at(5), unchanged: at(6) };
}

/** The `sessions` line of a file's block in the first pass, e.g. `6 in file: 0 new, 0 updated, 6 unchanged`. */
function sessionsLine(stdout: string, file: string): string {
  const block = stdout.split(`\n${file}\n`)[1] ?? '';
  const match = /^ {2}sessions {3}(.+)$/m.exec(block);
  if (!match?.[1]) throw new Error(`no block for ${file} in:\n${stdout}`);
  return match[1];
}

async function storedSessionCount(table: string, athlete: string): Promise<number> {
  const { Count } = await emulatorClients().dynamodb.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'athlete = :a',
      ExpressionAttributeValues: { ':a': { S: athlete } },
      Select: 'COUNT',
    }),
  );
  return Count ?? 0;
}

async function processedKeys(bucket: string, prefix: string): Promise<string[]> {
  const { Contents = [] } = await emulatorClients().s3.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }),
  );
  return Contents.map((c) => c.Key ?? '');
}

describe('npm start on the shipped samples', () => {
  const suffix = uniqueName('mj');
  const names = localNames(suffix);
  let first: JobRun;

  it(
    'processes every sample and prints format, sessions, rejected rows, the summary received and the outputs',
    async () => {
      const samples = (await readdir(join(PROJECT_ROOT, 'samples'))).filter((f) => /\.(csv|jsonl)$/.test(f));

      first = await mainJob(['--name-suffix', suffix]);

      expect(first.stderr).not.toMatch(/npm start:/);
      expect(first.code).toBe(0);
      for (const sample of samples) expect(first.stdout).toContain(`samples/${sample}\n`);
      expect(first.stdout).toMatch(/^ {2}format {5}strong \(/m);
      expect(first.stdout).toMatch(/^ {2}sessions {3}\d+ in file: \d+ new, \d+ updated, \d+ unchanged$/m);
      expect(first.stdout).toMatch(/^ {2}bad rows {3}line \d+: .+ \[[A-Z_]+\]$/m);
      expect(first.stdout).toMatch(/^ +Subject: Workout upload \(demo\): \d+ new workouts?/m);
      expect(first.stdout).toContain(`  outputs    report   s3://${names.buckets.processed}/reports/demo/`);
      expect(first.stdout).toContain(`rejects  s3://${names.buckets.processed}/rejected/demo/`);
      // The function's CloudWatch metric lines stay out of the per-file results.
      expect(first.stdout).not.toContain('"_aws"');
      const total = totals(first.stdout);
      expect(total.files).toBe(samples.length);
      expect(total.new).toBeGreaterThan(0);
      // canonical.csv, canonical.jsonl and strong.csv hold the same six workouts in three
      // formats: the first file stores them, the other two find them unchanged.
      expect(sessionsLine(first.stdout, 'samples/canonical.csv')).toBe(
        '6 in file: 6 new, 0 updated, 0 unchanged',
      );
      expect(sessionsLine(first.stdout, 'samples/canonical.jsonl')).toBe(
        '6 in file: 0 new, 0 updated, 6 unchanged',
      );
      expect(sessionsLine(first.stdout, 'samples/strong.csv')).toBe(
        '6 in file: 0 new, 0 updated, 6 unchanged',
      );
      expect(total.updated).toBe(0);
      expect(first.stdout).toContain('Left the emulator at');
    },
    RUN_TIMEOUT,
  );

  it('leaves one report per sample and every new session in the emulator', async () => {
    const total = totals(first.stdout);

    const reports = await processedKeys(names.buckets.processed, 'reports/demo/');
    const silver = await processedKeys(names.buckets.processed, 'silver/sessions/athlete=demo/');
    const stored = await storedSessionCount(names.tables.sessions, 'demo');

    expect(reports).toHaveLength(total.files);
    expect(silver.length).toBeGreaterThan(0);
    expect(stored).toBe(total.new);
  });

  it(
    'finds every session already stored when run again (0 new) and stores none twice',
    async () => {
      const before = totals(first.stdout);

      const again = await mainJob(['--name-suffix', suffix]);

      expect(again.code).toBe(0);
      const total = totals(again.stdout);
      expect(total.new).toBe(0);
      // No two samples hold the same workout with different content, so nothing flips to 'updated'.
      expect(total.updated).toBe(0);
      expect(total.unchanged).toBe(before.new + before.updated + before.unchanged);
      expect(await storedSessionCount(names.tables.sessions, 'demo')).toBe(before.new);
    },
    RUN_TIMEOUT,
  );
});

describe("npm start on the person's own files", () => {
  it(
    'processes the files given, shows an unknown format as a rejected result, and dedupes a second pass',
    async () => {
      const suffix = uniqueName('mj');
      const names = localNames(suffix);
      const dir = await mkdtemp(join(tmpdir(), 'main-job-'));
      const mine = join(dir, 'my strong export.csv');
      const unknown = join(dir, 'notes.csv');
      await writeFile(mine, strongExport([MONDAY, WEDNESDAY, FRIDAY]));
      await writeFile(unknown, 'when,what\n2026-10-05,ran a bit\n');

      const run = await mainJob(['--name-suffix', suffix, '--athlete', 'ana', '--twice', mine, unknown]);

      expect(run.code).toBe(0);
      expect(run.stdout).toContain(
        `${mine}\n  uploaded   s3://${names.buckets.ingest}/uploads/ana/my strong export.csv`,
      );
      expect(run.stdout).toMatch(/^ {2}REJECTED {3}UNKNOWN_FORMAT: .+/m);
      expect(run.stdout).toMatch(/Subject: Workout upload \(ana\): File rejected: notes\.csv/);
      expect(totals(run.stdout, 'Pass 1 total')).toMatchObject({
        files: 2,
        processed: 1,
        rejected: 1,
        new: 3,
      });
      expect(totals(run.stdout, 'Pass 2 total')).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
      expect(await storedSessionCount(names.tables.sessions, 'ana')).toBe(3);
    },
    RUN_TIMEOUT,
  );

  it('names a missing file and exits 1 without starting anything', async () => {
    const run = await mainJob(['--name-suffix', uniqueName('mj'), 'no-such-export.csv']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('File not found: no-such-export.csv');
    expect(run.stdout).not.toContain('emulator');
  });

  it('explains every flag with --help', async () => {
    const run = await mainJob(['--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--twice');
    expect(run.stdout).toContain('--athlete');
  });
});
