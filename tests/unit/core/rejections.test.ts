import { describe, expect, it } from 'vitest';
import { fixture, run, text } from './helpers.js';

describe('whole-file rejections', () => {
  it('rejects an empty file', async () => {
    // Act
    const empty = await run(new Uint8Array(0));
    const blank = await run('\uFEFF\r\n  \n');

    // Assess
    expect(empty.report).toMatchObject({ status: 'rejected', code: 'EMPTY_FILE', format: null });
    expect(blank.report).toMatchObject({ status: 'rejected', code: 'EMPTY_FILE' });
  });

  it('rejects an unknown header and lists the formats it knows', async () => {
    // Act
    const { sessions, report } = await run('when,what,how much\n2024-01-01,squat,100\n');

    // Assess
    expect(sessions).toEqual([]);
    expect(report).toMatchObject({ status: 'rejected', code: 'UNKNOWN_FORMAT' });
    for (const name of ['MapMyFitness', 'Strong', 'Hevy', 'FitNotes', 'canonical CSV', 'JSON Lines']) {
      expect(report.reason).toContain(name);
    }
  });

  it.each([
    ['an xlsx workbook (zip)', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]],
    ['an old xls workbook', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]],
    ['a gzip file', [0x1f, 0x8b, 0x08, 0x00]],
    [
      'binary with NUL bytes',
      [0x44, 0x61, 0x00, 0x74, 0x65, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x41, 0x42, 0x43],
    ],
    ['UTF-16 without a byte-order mark', [...text('Date,Exercise')].flatMap((b) => [b, 0])],
  ])('rejects %s as not text', async (_what, bytes) => {
    // Act
    const { report } = await run(Uint8Array.from(bytes));

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'NOT_TEXT' });
  });

  it('reads UTF-16 with a byte-order mark, as Excel saves "Unicode text"', async () => {
    // Prepare
    const source = new TextDecoder().decode(fixture('hevy-kg.csv'));
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]);

    // Act
    const { sessions, report } = await run(utf16);

    // Assess
    expect(report).toMatchObject({ status: 'ok', encoding: 'utf-16le', format: 'hevy', sessions: 2 });
    expect(sessions.flatMap((s) => s.sets.map((x) => x.exercise))).toContain('Жим гантелей сидя');
  });

  it('reads Windows-1252 text, as European Excel saves CSV', async () => {
    // Prepare
    const csv = 'Date,Exercise,Category,Weight (kgs),Reps\n2023-05-01,D\xe9velopp\xe9 couch\xe9,Chest,60,8\n';
    const bytes = Uint8Array.from([...csv].map((c) => c.charCodeAt(0)));

    // Act
    const { sessions, report } = await run(bytes);

    // Assess
    expect(report.encoding).toBe('windows-1252');
    expect(sessions[0]?.sets[0]?.exercise).toBe('Développé couché');
  });

  it('rejects a file with more bad rows than the allowed share, after counting them all', async () => {
    // Prepare
    const rows = ['Date,Exercise,Category,Weight (kgs),Reps', '2023-05-01,Squat,Legs,100,5'];
    for (let i = 0; i < 3; i++) rows.push('2023-05-01,Squat,Legs,100,five');

    // Act
    const { report } = await run(`${rows.join('\n')}\n`, { maxRejectedShare: 0.5 });

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'TOO_MANY_REJECTED_ROWS', rejectedCount: 3 });
    expect(report.reason).toContain('3 of 4 rows (75%)');
  });

  it('rejects a quote that is never closed as malformed', async () => {
    // Act
    const { report } = await run('Date,Exercise,Category,Weight (kgs),Reps\n2023-05-01,"Squat,Legs,100,5\n');

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'MALFORMED_FILE' });
  });

  it('accepts a header without rows as an empty, valid export', async () => {
    // Act
    const { report } = await run('Date,Exercise,Category,Weight (kgs),Reps\n');

    // Assess
    expect(report).toMatchObject({ status: 'ok', format: 'fitnotes', rows: 0, sessions: 0 });
  });
});
