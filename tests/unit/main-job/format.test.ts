import { describe, expect, it } from 'vitest';
import {
  type FileResult,
  formatFileResult,
  formatTotals,
  totalsOf,
} from '../../../scripts/main-job/format.js';

const counts = {
  rows: 40,
  sessions: 4,
  newSessions: 3,
  updatedSessions: 1,
  unchangedSessions: 0,
  staleSessions: 0,
  sets: 36,
  skippedRows: 2,
  duplicateRows: 1,
  rejectedRows: 7,
};

function processed(overrides: Partial<FileResult> = {}): FileResult {
  return {
    label: 'samples/strong.csv',
    ingestUri: 's3://in/uploads/demo/strong.csv',
    processedBucket: 'out',
    copies: {
      report: 'out/run/reports/demo/u-1.json',
      silver: 'out/run/silver/sessions/athlete=demo/u-1.jsonl',
      rejects: 'out/run/rejected/demo/u-1.csv',
    },
    published: true,
    summary: {
      subject: 'Workout upload (demo): 3 new workouts, 1 updated, 7 rows rejected',
      message: '3 new workouts, 36 sets, 7 rows rejected: see report.\n\nFile: strong.csv',
      attributes: { uploadId: 'u-1' },
    },
    report: {
      status: 'ok',
      format: 'strong',
      variant: 'semicolon',
      rejection: null,
      counts,
      rejectedRows: Array.from({ length: 7 }, (_, i) => ({
        line: i + 2,
        code: 'INVALID_NUMBER' as const,
        message: `line ${i + 2}: reps 'ten' is not a number`,
      })),
      outputs: {
        report: 'reports/demo/u-1.json',
        silver: 'silver/sessions/athlete=demo/u-1.jsonl',
        rejects: 'rejected/demo/u-1.csv',
      },
    },
    ...overrides,
  };
}

describe('per-file result block', () => {
  it('shows the format with its variant and the sessions by outcome', () => {
    const text = formatFileResult(processed()).join('\n');

    expect(text).toContain('format     strong (semicolon)');
    expect(text).toContain('sessions   4 in file: 3 new, 1 updated, 0 unchanged');
    expect(text).toContain('rows       40 read: 2 skipped, 1 duplicate, 7 rejected');
  });

  it('lists the first rejected rows with line and reason, and how many more the rejects file holds', () => {
    const lines = formatFileResult(processed(), { maxRejectedRows: 2 });

    expect(lines).toContain("  bad rows   line 2: reps 'ten' is not a number [INVALID_NUMBER]");
    expect(lines).toContain("             line 3: reps 'ten' is not a number [INVALID_NUMBER]");
    expect(lines).toContain('             ... and 5 more in the rejects file');
  });

  it('prints the summary subject and body as the subscriber received them', () => {
    const lines = formatFileResult(processed());

    expect(lines).toContain(
      '             Subject: Workout upload (demo): 3 new workouts, 1 updated, 7 rows rejected',
    );
    expect(lines).toContain('             | 3 new workouts, 36 sets, 7 rows rejected: see report.');
    expect(lines).toContain('             |');
  });

  it('trims a long summary body and says how many lines it left out', () => {
    const long = processed({
      summary: {
        subject: 's',
        message: Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n'),
        attributes: {},
      },
    });

    const lines = formatFileResult(long, { maxSummaryLines: 10 });

    expect(lines).toContain('             | l9');
    expect(lines).not.toContain('             | l10');
    expect(lines).toContain('             | ... (20 more lines)');
  });

  it('gives every output as the path of its local copy, and the bucket the copies came from', () => {
    const lines = formatFileResult(processed());

    expect(lines).toContain('  outputs    report   out/run/reports/demo/u-1.json');
    expect(lines).toContain('             silver   out/run/silver/sessions/athlete=demo/u-1.jsonl');
    expect(lines).toContain('             rejects  out/run/rejected/demo/u-1.csv');
    expect(lines).toContain('             (copied from s3://out/, same keys)');
  });

  it('falls back to the s3:// location of an output that was not copied', () => {
    const lines = formatFileResult(processed({ copies: {} }));

    expect(lines).toContain('  outputs    report   s3://out/reports/demo/u-1.json');
    expect(lines).toContain('             rejects  s3://out/rejected/demo/u-1.csv');
    expect(lines.join('\n')).not.toContain('copied from');
  });

  it('shows a rejected file with its code and reason instead of session counts', () => {
    const base = processed();
    const rejected = processed({
      report: {
        ...base.report,
        status: 'rejected',
        format: null,
        variant: null,
        rejection: { code: 'UNKNOWN_FORMAT', message: 'The header matches no known format.' },
        counts: { ...counts, rows: 0, rejectedRows: 0 },
        rejectedRows: [],
        outputs: { report: 'reports/demo/u-2.json', silver: null, rejects: null },
      },
    });

    const text = formatFileResult(rejected).join('\n');

    expect(text).toContain('REJECTED   UNKNOWN_FORMAT: The header matches no known format.');
    expect(text).not.toContain('sessions');
    expect(text).not.toContain('silver');
  });

  it('indents every line of a rejection message that runs over several lines', () => {
    const base = processed();
    const rejected = processed({
      report: {
        ...base.report,
        status: 'rejected',
        rejection: { code: 'UNKNOWN_FORMAT', message: 'Known formats:\n- Strong\n- Hevy' },
      },
    });

    const lines = formatFileResult(rejected);

    expect(lines).toContain('  REJECTED   UNKNOWN_FORMAT: Known formats:');
    expect(lines).toContain('             - Strong');
    expect(lines).toContain('             - Hevy');
  });

  it('says why there is no summary when the upload was already summarised', () => {
    const text = formatFileResult(processed({ published: false, summary: undefined })).join('\n');

    expect(text).toContain('none published');
  });
});

describe('totals line', () => {
  it('adds up files, sessions by outcome, sets and rejected rows, counting sets of processed files only', () => {
    const base = processed();
    const rejected = processed({
      report: { ...base.report, status: 'rejected', counts: { ...counts, sets: 99 } },
    });

    const line = formatTotals('Total', totalsOf([base, base, rejected]));

    expect(line).toBe(
      'Total: 3 files (2 processed, 1 rejected), sessions 9 new / 3 updated / 0 unchanged, 72 sets, 21 rows rejected',
    );
  });

  it('uses the singular for one file, set and row', () => {
    const one = processed();
    const single = processed({
      report: {
        ...one.report,
        counts: { ...counts, newSessions: 1, updatedSessions: 0, sets: 1, rejectedRows: 1 },
      },
    });

    expect(formatTotals('Total', totalsOf([single]))).toBe(
      'Total: 1 file (1 processed, 0 rejected), sessions 1 new / 0 updated / 0 unchanged, 1 set, 1 row rejected',
    );
  });
});
