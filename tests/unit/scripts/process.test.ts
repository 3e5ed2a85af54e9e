import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambda/src/config.js';
import { collectExport, DEFAULT_MAX_REJECTED_SHARE } from '../../../lambda/src/core/index.js';
import { run } from '../../../scripts/process.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'core', 'fixtures', name);
const sample = (name: string) => join(import.meta.dirname, '..', '..', '..', 'samples', name);
const tempDir = () => mkdtempSync(join(tmpdir(), 'process-cli-'));
const OPTIONS = { athlete: 'local', timezone: 'UTC', maxRejectedShare: 0.5 };
const FUNCTION_ENV = {
  PROCESSED_BUCKET: 'p',
  SESSIONS_TABLE: 's',
  IDEMPOTENCY_TABLE: 'i',
  GOLD_MARKS_TABLE: 'g',
  SUMMARY_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:t',
};

const capture = () => {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (t: string) => (out.stdout += t) },
      stderr: { write: (t: string) => (out.stderr += t) },
    },
  };
};

describe('process CLI', () => {
  it('prints the format and counts of each file and exits 0 when rows were rejected but the file was not', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await run(
      ['--dry-run', '--max-rejected-share', '0.5', fixture('hevy-lbs.csv'), fixture('hevy-kg.csv')],
      io,
    );

    // Assess
    expect(code).toBe(0);
    expect(out.stdout).toContain('format     hevy (lbs-miles)');
    expect(out.stdout).toContain("INVALID_SET_TYPE     line 4: set type 'heavy'");
    expect(out.stdout).toContain('sessions   2');
  });

  it('prints one JSON document per file with --json', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await run(
      [
        '--dry-run',
        '--json',
        '--timezone',
        'America/New_York',
        '--max-rejected-share',
        '0.1',
        fixture('mapmyfitness.csv'),
      ],
      io,
    );

    // Assess
    expect(code).toBe(2);
    const doc = JSON.parse(out.stdout.trim());
    expect(doc).toMatchObject({
      format: 'mapmyfitness',
      variant: 'with-units-mi',
      rows: 5,
      sets: 0,
      sessions: 2,
      skipped: 1,
      duplicates: 1,
      rejected: [
        { line: 6, code: 'INVALID_NUMBER', message: "line 6: calories burned 'abc' is not a number" },
      ],
      status: 'rejected',
      code: 'TOO_MANY_REJECTED_ROWS',
    });
    expect(doc.reason).toContain('25%');
  });

  it('exits 2 when a file is rejected as a whole, and says why', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'process-cli-'));
    const file = join(dir, 'sheet.csv');
    writeFileSync(file, 'a,b,c\n1,2,3\n');
    const { out, io } = capture();

    // Act
    const code = await run(['--dry-run', file], io);

    // Assess
    expect(code).toBe(2);
    expect(out.stdout).toContain('REJECTED');
    expect(out.stdout).toContain('UNKNOWN_FORMAT');
  });

  it('explains a missing file or a directory without a stack trace and exits 1', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await run(['--dry-run', 'does-not-exist.csv', tmpdir()], io);

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toBe(`does-not-exist.csv: no such file\n${tmpdir()}: is a directory, not a file\n`);
  });

  it.each([['--help'], ['-h']])('prints the options and exits 0 on %s', async (flag) => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await run([flag], io);

    // Assess
    expect(code).toBe(0);
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('usage: npm run -s process');
    expect(out.stdout).toContain('--max-rejected-share S');
  });

  it('reads a unitless weight in the unit given and prints which units it assumed', async () => {
    // Prepare
    const file = join(tempDir(), 'old-strong.csv');
    writeFileSync(
      file,
      'Date,Workout Name,Exercise Name,Set Order,Weight,Reps\n2024-05-01 07:00:00,Legs,Squat,1,225,5\n',
    );
    const out = tempDir();
    const { out: printed, io } = capture();

    // Act
    const code = await run(['--out', out, '--weight-unit', 'lbs', file], io);

    // Assess
    expect(code).toBe(0);
    expect(printed.stdout).toContain('units      weight lbs (assumed: the header names none)');
    const [session] = readFileSync(join(out, 'old-strong.sessions.jsonl'), 'utf8').trim().split('\n');
    expect(JSON.parse(session ?? '{}').sets[0].weightKg).toBe(102.058283);
  });

  it('refuses a file by the same rejected share as the Lambda when none is given', async () => {
    // Prepare: 2 of 5 data rows bad (40%), under the shared default of one half.
    const file = join(tempDir(), 'forty-percent.csv');
    const good = (n: number) => `2024-05-0${n} 07:00:00;Day ${n};Squat;1;100;kg;5;;;;;;;`;
    writeFileSync(
      file,
      [
        'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration',
        good(1),
        good(2),
        good(3),
        '2024-05-04 07:00:00;Day 4;Squat;1;100;kg;ten;;;;;;;',
        '2024-05-05 07:00:00;Day 5;Squat;1;100;kg;six;;;;;;;',
        '',
      ].join('\n'),
    );
    const { out, io } = capture();

    // Act
    const code = await run(['--dry-run', '--json', file], io);

    // Assess
    expect(DEFAULT_MAX_REJECTED_SHARE).toBe(loadConfig(FUNCTION_ENV).maxRejectedShare);
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'ok', sessions: 3 });
  });

  it.each([
    [[]],
    [['--bogus', 'x.csv']],
    [['--timezone', 'Nowhere/Else', 'x.csv']],
    [['--athlete', ' ', 'x.csv']],
    [['--max-rejected-share', '7', 'x.csv']],
    [['--weight-unit', 'stone', 'x.csv']],
    [['--distance-unit', 'furlong', 'x.csv']],
    [['--out', ' ', 'x.csv']],
  ])('exits 1 with the usage on %j', async (argv) => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await run(argv, io);

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toContain('usage: npm run -s process');
  });
});

describe('process CLI results', () => {
  it('writes the clean sessions, which read back as the same sessions, and every rejected row', async () => {
    // Prepare
    const out = tempDir();
    const { io } = capture();

    // Act
    const code = await run(['--out', out, sample('strong-with-bad-rows.csv')], io);

    // Assess
    expect(code).toBe(0);
    const original = await collectExport([readFileSync(sample('strong-with-bad-rows.csv'))], OPTIONS);
    const readBack = await collectExport(
      [readFileSync(join(out, 'strong-with-bad-rows.sessions.jsonl'))],
      OPTIONS,
    );
    const idsAndHashes = (sessions: { id: string; contentHash: string }[]) =>
      sessions.map((s) => `${s.id} ${s.contentHash}`).sort();
    expect(readBack.report).toMatchObject({ format: 'jsonl', status: 'ok', sessions: 8 });
    expect(idsAndHashes(readBack.sessions)).toEqual(idsAndHashes(original.sessions));
    expect(readFileSync(join(out, 'strong-with-bad-rows.rejected.csv'), 'utf8').split('\r\n')).toEqual([
      'line,code,reason',
      "26,NOT_WHOLE_NUMBER,line 26: reps 'ten' is not a whole number",
      "64,NOT_WHOLE_NUMBER,line 64: reps 'ten' is not a whole number",
      `87,INVALID_DATE,"line 87: date '2024-13-45 10:00:30' is not a date (like 2024-05-01 07:30:00 or May 6, 2025)"`,
      '',
    ]);
    expect(readdirSync(out).sort()).toEqual([
      'strong-with-bad-rows.rejected.csv',
      'strong-with-bad-rows.sessions.jsonl',
    ]);
  });

  it('lists every rejected row in the rejects file, also past what the report lists', async () => {
    // Prepare
    const out = tempDir();
    const file = join(out, 'many-bad.csv');
    const header = 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n';
    const good = Array.from({ length: 3000 }, (_, i) => `2024-01-01 10:00;A;Squat;${i + 1};100;kg;5\n`);
    const bad = Array.from({ length: 1500 }, (_, i) => `2024-01-02 10:00;B;Squat;${i + 1};100;kg;ten\n`);
    writeFileSync(file, header + good.join('') + bad.join(''));
    const { out: printed, io } = capture();

    // Act
    const code = await run(['--json', '--max-rejected-share', '0.5', '--out', out, file], io);

    // Assess
    expect(code).toBe(0);
    expect(JSON.parse(printed.stdout).rejected).toHaveLength(1000);
    const rows = readFileSync(join(out, 'many-bad.rejected.csv'), 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(1 + 1500);
    expect(rows.at(-1)).toBe("4501,NOT_WHOLE_NUMBER,line 4501: reps 'ten' is not a whole number");
  });

  it('writes nothing with --dry-run', async () => {
    // Prepare
    const out = join(tempDir(), 'results');
    const { io } = capture();

    // Act
    const code = await run(['--dry-run', '--out', out, sample('strong.csv')], io);

    // Assess
    expect(code).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('leaves nothing of a file rejected as a whole, not even an older result of the same name', async () => {
    // Prepare
    const out = tempDir();
    const file = join(out, 'export.csv');
    writeFileSync(file, readFileSync(sample('strong-with-bad-rows.csv')));
    await run(['--out', out, file], capture().io);
    writeFileSync(file, 'a,b,c\n1,2,3\n');
    const { out: printed, io } = capture();

    // Act
    const code = await run(['--json', '--out', out, file], io);

    // Assess
    expect(code).toBe(2);
    expect(JSON.parse(printed.stdout)).not.toHaveProperty('written');
    expect(readdirSync(out)).toEqual(['export.csv']);
  });

  it('says when --out cannot be a folder, instead of blaming the input', async () => {
    // Prepare
    const notAFolder = join(tempDir(), 'taken');
    writeFileSync(notAFolder, 'a file, not a folder');
    const { out, io } = capture();

    // Act
    const code = await run(['--out', notAFolder, sample('strong.csv')], io);

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toBe(`--out ${notAFolder}: cannot create the folder for results (EEXIST)\n`);
    expect(out.stdout).toBe('');
  });

  it('refuses two inputs whose results would have the same name', async () => {
    // Prepare
    const other = join(tempDir(), 'strong.csv');
    writeFileSync(other, readFileSync(sample('strong.csv')));
    const { out, io } = capture();

    // Act
    const code = await run(['--out', tempDir(), sample('strong.csv'), other], io);

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toContain('would write the same results');
  });

  it('writes the sessions of the athlete given with --athlete, under ids of that athlete', async () => {
    // Prepare
    const out = tempDir();

    // Act
    await run(['--athlete', 'ana', '--out', out, sample('hevy.csv')], capture().io);

    // Assess
    const lines = readFileSync(join(out, 'hevy.sessions.jsonl'), 'utf8').trim().split('\n');
    const written = lines.map((line) => JSON.parse(line) as { id: string; athlete: string });
    const asLocal = await collectExport([readFileSync(sample('hevy.csv'))], OPTIONS);
    expect(written.map((s) => s.athlete)).toEqual(written.map(() => 'ana'));
    expect(written.map((s) => s.id).sort()).not.toEqual(asLocal.sessions.map((s) => s.id).sort());
  });
});
