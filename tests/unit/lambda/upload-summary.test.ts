import { describe, expect, it } from 'vitest';
import { emptyCounts, rejectsCsv, type UploadReport } from '../../../lambda/src/core/upload-report.js';
import { BODY_MAX_BYTES, summarize, toSubject } from '../../../lambda/src/core/upload-summary.js';

function report(overrides: Partial<UploadReport> = {}): UploadReport {
  return {
    uploadId: 'u-0123456789abcdef01234567',
    athlete: 'ana',
    source: { bucket: 'ingest', key: 'uploads/ana/strong.csv', versionId: 'v1', eTag: 'e' },
    status: 'ok',
    rejection: null,
    supersededBy: null,
    format: 'strong',
    variant: 'semicolon',
    timezone: 'Europe/Berlin',
    assumedUnits: [],
    counts: {
      ...emptyCounts(),
      rows: 64,
      sessions: 10,
      newSessions: 3,
      unchangedSessions: 7,
      sets: 61,
      rejectedRows: 2,
    },
    newSessions: [
      { sessionStart: '2026-10-05T18:00:00', name: 'Push Day', sets: 20 },
      { sessionStart: '2026-10-07T18:00:00', name: 'Pull Day', sets: 21 },
      { sessionStart: '2026-10-09T07:30:00', name: 'Run', sets: 0 },
    ],
    rejectedRows: [
      { line: 7, code: 'NOT_WHOLE_NUMBER', message: "line 7: reps 'ten' is not a whole number" },
    ],
    outputs: {
      report: 'reports/ana/u-1.json',
      silver: 'silver/sessions/athlete=ana/u-1.jsonl',
      rejects: 'rejected/ana/u-1.csv',
    },
    processedAt: '2026-11-23T10:00:00.000Z',
    functionVersion: '3',
    ...overrides,
  };
}

describe('the SNS summary of an upload', () => {
  it('says how many workouts are new, lists them by date and name, and where the report is', () => {
    const summary = summarize(report());

    expect(summary.subject).toBe('Workout upload (ana): 3 new workouts, 0 updated, 2 rows rejected');
    expect(summary.body).toContain('3 new workouts, 61 sets, 2 rows rejected: see report.');
    expect(summary.body).toContain('2026-10-05 18:00  Push Day (20 sets)');
    expect(summary.body).toContain('2026-10-09 07:30  Run\n');
    expect(summary.body).toContain("line 7: reps 'ten' is not a whole number");
    expect(summary.body).toContain('Report: reports/ana/u-1.json');
  });

  it('carries the counts and status as message attributes', () => {
    expect(summarize(report()).attributes).toMatchObject({
      status: { type: 'String', value: 'ok' },
      newSessions: { type: 'Number', value: '3' },
      sets: { type: 'Number', value: '61' },
      rejectedRows: { type: 'Number', value: '2' },
    });
  });

  it('explains a rejected file in the body and names its code in the attributes', () => {
    const summary = summarize(
      report({
        status: 'rejected',
        rejection: {
          code: 'UNKNOWN_FORMAT',
          message: 'The header matches no known export. Known: Strong, Hevy.',
        },
      }),
    );

    expect(summary.subject).toBe('Workout upload (ana): File rejected: strong.csv');
    expect(summary.body).toContain('The header matches no known export. Known: Strong, Hevy.');
    expect(summary.attributes.rejectionCode).toEqual({ type: 'String', value: 'UNKNOWN_FORMAT' });
  });

  it('keeps the subject ASCII, on one line and under 100 characters', () => {
    const long = summarize(report({ athlete: `Zoë ${'x'.repeat(200)}` })).subject;

    expect(long.length).toBeLessThan(100);
    expect(long).toMatch(/^Workout upload \(Zoe x+\.\.\.$/);
    expect(toSubject('a\nb\tc 😀', 99)).toBe('a b c ?');
  });

  it('trims a very long body well under the 256 KB SNS limit, and says so', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ({
      line: i + 2,
      code: 'INVALID_NUMBER' as const,
      message: `line ${i + 2}: weight '${'?'.repeat(100)}' is not a number`,
    }));
    const huge = report({
      newSessions: Array.from({ length: 1_000 }, (_, i) => ({
        sessionStart: '2020-01-01T00:00:00',
        name: `W${i}`,
        sets: 1,
      })),
      counts: { ...emptyCounts(), newSessions: 40_000, rejectedRows: 5_000 },
      rejectedRows: many,
    });

    const { body } = summarize(huge);

    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BODY_MAX_BYTES);
    expect(body).toContain('... and 39950 more (all in the silver file named in the report)');
    expect(body).toContain('... and 4980 more (see rejects file)');
  });
});

describe('the rejects file', () => {
  it('has one CSV row per rejected line, quoting reasons with commas or quotes', () => {
    const csv = rejectsCsv([
      { line: 3, code: 'INVALID_NUMBER', message: "line 3: weight '1,5,0' is not a number" },
      { line: 9, code: 'MISSING_VALUE', message: 'line 9: exercise is empty' },
    ]);

    expect(csv).toBe(
      'line,code,reason\r\n3,INVALID_NUMBER,"line 3: weight \'1,5,0\' is not a number"\r\n9,MISSING_VALUE,line 9: exercise is empty\r\n',
    );
  });
});
