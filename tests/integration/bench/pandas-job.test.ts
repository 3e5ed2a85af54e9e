/**
 * scripts/bench/pandas_job.py is the peer the core's speed is measured against (`npm run
 * bench`, issue 19): it only counts if it does the core's job. On small generated exports
 * of every format, with bad values and repeated rows mixed in, it must give every session
 * the core's id and content hash, and the core's counts of rows, sets, skipped,
 * duplicate and rejected rows. Needs pandas in .venv (`npm run venv`), as the emulator does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { collectExport } from '../../../lambda/src/core/index.js';
import { delimiterOf, GENERATOR_FORMATS, generateText } from '../../../scripts/lib/generate/index.js';

const PYTHON = join(process.cwd(), '.venv', 'bin', 'python');
const JOB = join(process.cwd(), 'scripts', 'bench', 'pandas_job.py');
const dir = mkdtempSync(join(tmpdir(), 'pandas-job-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The export with its cut-short lines left out: pandas reads a missing trailing field as an
 * empty one (it cannot tell `a,b` from `a,b,`), where the core rejects the line. Every other
 * bad row stays in, and the first session's lines are repeated at the end.
 */
const exportFor = (format: (typeof GENERATOR_FORMATS)[number]): string => {
  const text = generateText({ format, sessions: 40, seed: 11, badRows: 8 });
  const records = parse(text, {
    delimiter: delimiterOf(format),
    bom: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
  }) as unknown as { record: string[]; raw: string }[];
  const width = records[0]?.record.length ?? 0;
  const lines = records.map(({ raw }) => (raw.endsWith('\n') ? raw : `${raw}\n`));
  const whole = lines.filter((_, i) => (records[i]?.record.length ?? 0) >= width);
  // FitNotes numbers no set, so a repeated day reads as more sets in both; leave it out there.
  const repeat = format === 'fitnotes' ? [] : whole.slice(1, 3);
  return [...whole, ...repeat].join('');
};

describe('the pandas job does the core job', () => {
  it.each(GENERATOR_FORMATS)('%s: same sessions, ids, content hashes and counts', async (format) => {
    const text = exportFor(format);
    const file = join(dir, `${format}.csv`);
    writeFileSync(file, text);
    const { sessions, report } = await collectExport([Buffer.from(text)], {
      athlete: 'ann',
      timezone: 'Europe/Berlin',
      maxRejectedShare: 0.5,
    });
    const out = execFileSync(PYTHON, [JOB, file, format, '--athlete', 'ann', '--emit', `${file}.jsonl`], {
      encoding: 'utf8',
    });
    const figures = JSON.parse(out) as Record<string, number>;
    const theirs = readFileSync(`${file}.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; contentHash: string })
      .map((s) => `${s.id} ${s.contentHash}`)
      .sort();
    expect(report.rejectedCount).toBeGreaterThan(0);
    if (format !== 'fitnotes') expect(report.duplicates).toBeGreaterThan(0);
    expect(theirs).toEqual(sessions.map((s) => `${s.id} ${s.contentHash}`).sort());
    expect(figures).toMatchObject({
      rows: report.rows,
      sessions: report.sessions,
      sets: report.sets,
      skipped: report.skipped,
      duplicates: report.duplicates,
      rejected: report.rejectedCount,
    });
  });
});
