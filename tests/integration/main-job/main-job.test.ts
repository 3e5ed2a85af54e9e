/**
 * `npm start` as a person runs it: the entry in a child process, pointed at the shared
 * emulator through AWS_ENDPOINT_URL (so it must leave it running), with a name suffix so
 * its resources never meet another test's. Asserts on what it prints and what it left.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { Session } from '../../../lambda/src/core/model.js';
import type { UploadReport } from '../../../lambda/src/core/upload-report.js';
import { emulatorClients } from '../../../scripts/lib/emulator-pipeline.js';
import { localNames } from '../../../scripts/main-job/inputs.js';
import { run as processCli } from '../../../scripts/process.js';
import { FRIDAY, MONDAY, strongExport, WEDNESDAY } from '../lambda/exports.js';
import { uniqueName } from '../support/aws.js';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');
const RUN_TIMEOUT = 120_000;

interface JobRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function mainJob(args: readonly string[], entry = 'scripts/main-job.ts'): Promise<JobRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
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

/** Every file under `dir`, as the processed-bucket key it mirrors. */
async function localKeys(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

async function objectBytes(bucket: string, key: string): Promise<Buffer> {
  const { Body } = await emulatorClients().s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from((await Body?.transformToByteArray()) ?? []);
}

/** The upload reports copied to `dir` (not the gold run's, under reports/daily/), parsed. */
async function localReports(dir: string): Promise<UploadReport[]> {
  const keys = (await localKeys(dir)).filter(
    (key) => key.startsWith('reports/') && !key.startsWith('reports/daily/'),
  );
  return Promise.all(
    keys.map(async (key) => JSON.parse(await readFile(join(dir, key), 'utf8')) as UploadReport),
  );
}

const reportOf = (reports: readonly UploadReport[], file: string) =>
  reports.find((report) => report.source.key.endsWith(`/${file}`));

const jsonLines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Session);

/** Each local copy holds exactly what the pipeline wrote under the same key, and is printed. */
async function expectCopiesOf(bucket: string, dir: string, stdout: string): Promise<string[]> {
  const keys = await localKeys(dir);
  for (const key of keys) {
    expect(await readFile(join(dir, key))).toEqual(await objectBytes(bucket, key));
    // Gold files are many: their folder is printed, and each week's figures.
    expect(stdout).toContain(key.startsWith('gold/') ? join(dir, 'gold') : join(dir, key));
  }
  return keys;
}

/** What the gold phase wrote: its files and its run report. */
const isGold = (key: string) => key.startsWith('gold/') || key.startsWith('reports/daily/');

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
  let out: string;

  it(
    'processes every sample and prints format, sessions, rejected rows, the summary received and the outputs',
    async () => {
      const samples = (await readdir(join(PROJECT_ROOT, 'samples'))).filter((f) => /\.(csv|jsonl)$/.test(f));

      out = await mkdtemp(join(tmpdir(), 'main-job-out-'));
      first = await mainJob(['--name-suffix', suffix, '--out', out]);

      expect(first.stderr).not.toMatch(/npm start:/);
      expect(first.code).toBe(0);
      for (const sample of samples) expect(first.stdout).toContain(`samples/${sample}\n`);
      expect(first.stdout).toMatch(/^ {2}format {5}strong \(/m);
      expect(first.stdout).toMatch(/^ {2}sessions {3}\d+ in file: \d+ new, \d+ updated, \d+ unchanged$/m);
      expect(first.stdout).toMatch(/^ {2}bad rows {3}line \d+: .+ \[[A-Z_]+\]$/m);
      expect(first.stdout).toMatch(/^ +Subject: Workout upload \(demo\): \d+ new workouts?/m);
      expect(first.stdout).toContain(`  outputs    report   ${out}/reports/demo/`);
      expect(first.stdout).toContain(`rejects  ${out}/rejected/demo/`);
      expect(first.stdout).toContain(`(copied from s3://${names.buckets.processed}/, same keys)`);
      expect(first.stdout).toContain(`Outputs copied to ${out}/`);
      expect(first.stdout).toContain("for athlete 'demo', local times in UTC (the function's default)");
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

  it('copies every output the reports list to --out, byte for byte under its key', async () => {
    const total = totals(first.stdout);

    const keys = await expectCopiesOf(names.buckets.processed, out, first.stdout);
    const reports = await localReports(out);

    expect(reports).toHaveLength(total.files);
    const listed = reports.flatMap((r) =>
      Object.values(r.outputs).filter((key): key is string => key !== null),
    );
    expect(keys.filter((key) => !isGold(key))).toEqual(listed.sort());
    // canonical.csv holds six workouts, all new on the first upload; its silver holds them.
    const canonical = reportOf(reports, 'canonical.csv');
    expect(canonical?.counts).toMatchObject({ sessions: 6, newSessions: 6, rejectedRows: 0 });
    expect(await jsonLines(join(out, canonical?.outputs.silver ?? ''))).toHaveLength(6);
    expect(canonical?.outputs.rejects).toBeNull();
    expect(keys.some((key) => key.startsWith('rejected/demo/'))).toBe(true);
  });

  it(
    'finds every session already stored when run again (0 new) and stores none twice',
    async () => {
      const before = totals(first.stdout);

      const again = await mainJob([
        '--name-suffix',
        suffix,
        '--out',
        await mkdtemp(join(tmpdir(), 'main-job-out-')),
      ]);

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
      const workouts = [MONDAY, WEDNESDAY, FRIDAY];
      await writeFile(mine, strongExport(workouts));
      await writeFile(unknown, 'when,what\n2026-10-05,ran a bit\n');
      const out = join(dir, 'results');

      const run = await mainJob([
        '--name-suffix',
        suffix,
        '--athlete',
        'ana',
        '--twice',
        '--out',
        out,
        mine,
        unknown,
      ]);

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
      // The daily gold run after both passes: the week the three workouts marked, by hand
      // from exports.ts: 60x10 + 70x8 + 40x8 + 120x5 + 0x10 + 100x5 = 2,580 kg in 6 sets.
      expect(run.stdout).toContain('({"gold":"scheduled"}), recomputes every week these uploads marked:');
      expect(run.stdout).toContain('  1 athlete, 3 daily files, 1 weekly file; run report ');
      expect(run.stdout).toContain(
        '  ana 2026-W41 (2026-10-05 to 2026-10-11): 3 workouts, 6 sets, 2,580 kg, no personal records',
      );
      expect(run.stdout).toContain(
        '    Week 41 (2026-10-05 to 2026-10-11): 3 workouts, 2,580 kg, no personal records',
      );
      // Both passes' outputs, copied: the fixture's workouts are new in pass 1 only.
      await expectCopiesOf(names.buckets.processed, out, run.stdout);
      expect(await localKeys(out)).toEqual(
        expect.arrayContaining([
          'gold/daily/athlete=ana/2026-10-07.json',
          'gold/weekly/athlete=ana/2026/week_41--2026-10-05__2026-10-11.json',
        ]),
      );
      const reports = await localReports(out);
      const strong = reports.filter((r) => r.source.key.endsWith('my strong export.csv'));
      expect(strong.map((r) => r.counts.newSessions).sort()).toEqual([0, workouts.length]);
      const sets = workouts.reduce((n, w) => n + w.sets.length, 0);
      for (const report of strong) {
        expect(report).toMatchObject({ status: 'ok', format: 'strong', timezone: 'UTC' });
        expect(report.counts).toMatchObject({ rows: sets, sessions: workouts.length, sets, rejectedRows: 0 });
        expect(report.outputs.rejects).toBeNull();
      }
      const stored = strong.find((r) => r.counts.newSessions === workouts.length);
      const sessions = await jsonLines(join(out, stored?.outputs.silver ?? ''));
      expect(sessions.map((s) => [s.sessionStart, s.name, s.sets.length])).toEqual(
        workouts.map((w) => [w.date.replace(' ', 'T'), w.name, w.sets.length]),
      );
      const rejected = reports.filter((r) => r.source.key.endsWith('notes.csv'));
      expect(rejected).toHaveLength(2);
      for (const report of rejected) {
        expect(report).toMatchObject({ status: 'rejected', rejection: { code: 'UNKNOWN_FORMAT' } });
        expect(report.outputs.silver).toBeNull();
      }
    },
    RUN_TIMEOUT,
  );

  it(
    'reads the local times in --timezone, and stores the very sessions npm run process writes with it',
    async () => {
      const suffix = uniqueName('mj');
      const names = localNames(suffix);
      const dir = await mkdtemp(join(tmpdir(), 'main-job-'));
      const file = join(dir, 'week.csv');
      await writeFile(file, strongExport([MONDAY, WEDNESDAY]));
      const out = join(dir, 'results');
      const cli = (timezone: string) => [
        '--athlete',
        'tz',
        '--timezone',
        timezone,
        '--out',
        join(dir, timezone.replace('/', '-')),
        file,
      ];
      const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

      const run = await mainJob([
        ...['--name-suffix', suffix, '--athlete', 'tz', '--timezone', 'America/New_York'],
        ...['--out', out, file],
      ]);

      expect(run.stderr).not.toMatch(/npm start:/);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("for athlete 'tz', local times in America/New_York.");
      await expectCopiesOf(names.buckets.processed, out, run.stdout);
      const [report] = await localReports(out);
      expect(report).toMatchObject({ timezone: 'America/New_York', counts: { newSessions: 2 } });
      const stored = await jsonLines(join(out, report?.outputs.silver ?? ''));
      expect(stored.map((s) => s.timezone)).toEqual(['America/New_York', 'America/New_York']);

      expect(await processCli(cli('America/New_York'), quiet)).toBe(0);
      expect(await processCli(cli('UTC'), quiet)).toBe(0);
      const fromCli = await jsonLines(join(dir, 'America-New_York', 'week.sessions.jsonl'));
      const inUtc = await jsonLines(join(dir, 'UTC', 'week.sessions.jsonl'));
      expect(stored).toEqual(fromCli);
      // The zone is part of what a session is: the same rows read in UTC are other content.
      expect(inUtc.map((s) => s.contentHash)).not.toEqual(stored.map((s) => s.contentHash));
    },
    RUN_TIMEOUT,
  );

  it('refuses a --timezone that is not an IANA zone, before starting anything', async () => {
    const run = await mainJob(['--name-suffix', uniqueName('mj'), '--timezone', 'Mars/Olympus']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain("npm start: --timezone 'Mars/Olympus' is not an IANA timezone");
    expect(run.stdout).not.toContain('emulator');
  });

  it('refuses an --out it cannot write to, before starting anything', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'main-job-'));
    await writeFile(join(dir, 'file'), '');

    const run = await mainJob(['--name-suffix', uniqueName('mj'), '--out', join(dir, 'file', 'out')]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/npm start: --out .+: cannot create or write to this folder \(ENOTDIR\)/);
    expect(run.stdout).not.toContain('emulator');
  });

  it('names a missing file and exits 1 without starting anything', async () => {
    const run = await mainJob(['--name-suffix', uniqueName('mj'), 'no-such-export.csv']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('File not found: no-such-export.csv');
    expect(run.stdout).not.toContain('emulator');
  });

  it(
    'reprocesses the day npm run report names, for that day and its week only',
    async () => {
      // Prepare
      const suffix = uniqueName('mj');
      const dir = await mkdtemp(join(tmpdir(), 'main-job-'));
      const mine = join(dir, 'strong.csv');
      await writeFile(mine, strongExport([MONDAY, WEDNESDAY, FRIDAY]));

      // Act
      const run = await mainJob(
        [
          '--name-suffix',
          suffix,
          '--athlete',
          'ana',
          '--date',
          '2026-10-07',
          '--out',
          join(dir, 'out'),
          mine,
        ],
        'scripts/report.ts',
      );

      // Assess: Wednesday 120 x 5 + 0 x 10.
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Gold: a reprocess of 2026-10-07 ({"runDate":"2026-10-07"}');
      expect(run.stdout).toContain('  1 athlete, 1 daily file, 1 weekly file; run report ');
      expect(run.stdout).toContain('  Its last day, 2026-10-07: 1 workout, 2 sets, 600 kg');
      expect(await localKeys(join(dir, 'out'))).toEqual(
        expect.arrayContaining([
          'gold/daily/athlete=ana/2026-10-07.json',
          'reports/daily/reprocess/2026-10-07__2026-10-07.json',
        ]),
      );
    },
    RUN_TIMEOUT,
  );

  it(
    'runs gold with nothing to compute when no upload stored a session, and says so',
    async () => {
      // Prepare: one file in no format the pipeline knows.
      const dir = await mkdtemp(join(tmpdir(), 'main-job-'));
      const unknown = join(dir, 'notes.csv');
      await writeFile(unknown, 'when,what\n2026-10-05,ran a bit\n');

      // Act
      const run = await mainJob(['--name-suffix', uniqueName('mj'), '--out', join(dir, 'out'), unknown]);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('  0 athletes, 0 daily files, 0 weekly files; run report ');
      expect(run.stdout).not.toContain('Gold files copied');
    },
    RUN_TIMEOUT,
  );

  it('asks npm run report for the day to reprocess, starting nothing without it', async () => {
    const run = await mainJob([], 'scripts/report.ts');

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'npm run report: name the day to reprocess, e.g. npm run report -- --date 2024-09-18',
    );
  });

  it('explains every flag with --help', async () => {
    const run = await mainJob(['--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--twice');
    expect(run.stdout).toContain('--athlete');
    expect(run.stdout).toContain('--timezone');
    expect(run.stdout).toContain('--out');
  });
});
