import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../scripts/process.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'core', 'fixtures', name);

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
      ['--max-rejected-share', '0.5', fixture('hevy-lbs.csv'), fixture('hevy-kg.csv')],
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
    const code = await run(['--json', '--timezone', 'America/New_York', fixture('mapmyfitness.csv')], io);

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
    const code = await run([file], io);

    // Assess
    expect(code).toBe(2);
    expect(out.stdout).toContain('REJECTED');
    expect(out.stdout).toContain('UNKNOWN_FORMAT');
  });

  it('explains a missing file or a directory without a stack trace and exits 1', async () => {
    // Prepare
    const { out, io } = capture();

    // Act
    const code = await run(['does-not-exist.csv', tmpdir()], io);

    // Assess
    expect(code).toBe(1);
    expect(out.stderr).toBe(`does-not-exist.csv: no such file\n${tmpdir()}: is a directory, not a file\n`);
  });

  it.each([
    [[]],
    [['--bogus', 'x.csv']],
    [['--timezone', 'Nowhere/Else', 'x.csv']],
    [['--athlete', ' ', 'x.csv']],
    [['--max-rejected-share', '7', 'x.csv']],
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
