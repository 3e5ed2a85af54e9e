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

  it('says the header seems to be missing when the first line is a data row', async () => {
    // Prepare: a Strong export whose header line was cut off.
    const rows = [
      '2024-05-01 07:30:00,Push Day,Bench Press (Barbell),1,60,10',
      '2024-05-01 07:30:00,Push Day,Bench Press (Barbell),2,62.5,8',
    ];

    // Act
    const { report } = await run(`${rows.join('\n')}\n`);

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'UNKNOWN_FORMAT' });
    expect(report.reason).toContain('looks like a row of data, not a header');
    expect(report.reason).toContain('header line seems to be missing');
    expect(report.reason).not.toMatch(/^the header/);
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

  it('refuses a header without rows, saying the file has no rows', async () => {
    // Act
    const { report } = await run('Date,Exercise,Category,Weight (kgs),Reps\n\n');

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'NO_DATA_ROWS', format: 'fitnotes', rows: 1 });
    expect(report.reason).toContain('no workout rows');
  });

  it('refuses a file whose only rows are skipped ones, naming what was skipped', async () => {
    // Prepare: Strong rest-timer rows carry no workout.
    const header = 'Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps';

    // Act
    const { report } = await run(`${header}\n2024-05-01 07:00:00,Push,Bench,Rest Timer,,\n`);

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'NO_DATA_ROWS', skipped: 1 });
    expect(report.reason).toContain('1 rest-timer');
  });

  it('says a header-only file has no rows after its header', async () => {
    // Act
    const { report } = await run('Date,Exercise,Category,Weight (kgs),Reps\n');

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'NO_DATA_ROWS', rows: 0, sessions: 0 });
    expect(report.reason).toContain('no rows after it');
  });
});

describe('rows that do not match the header', () => {
  const header = 'Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps,Notes';

  it('rejects a row cut short and keeps the complete rows', async () => {
    // Prepare: the last line was truncated in the middle of the exercise name.
    const file = `${header}\n2024-05-01 07:30:00,Push,Squat (Barbell),1,100,5,\n2024-05-01 07:30:00,Push,Squat (Barbe\n`;

    // Act
    const { sessions, report } = await run(file);

    // Assess
    expect(report.rejected).toEqual([
      {
        line: 3,
        code: 'WRONG_FIELD_COUNT',
        message: 'line 3: has 3 fields, the header has 7; the line may be cut short',
      },
    ]);
    expect(sessions.flatMap((s) => s.sets.map((set) => set.exercise))).toEqual(['Squat (Barbell)']);
  });

  it('rejects a row with an unquoted delimiter inside a value instead of shifting its columns', async () => {
    // Act
    const { sessions, report } = await run(
      `${header}\n2024-05-01 07:30:00,Push,Squat, low bar,1,100,5,slow\n2024-05-01 07:30:00,Push,Bench,1,60,8,\n`,
    );

    // Assess
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[2, 'WRONG_FIELD_COUNT']]);
    expect(report.rejected[0]?.message).toContain('has 8 fields, the header has 7');
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.weightKg, s.reps])).toEqual([['Bench', 60, 8]]);
  });

  it('catches a shifted row among rows that all end in one empty cell more than the header', async () => {
    // Act: every row ends with a trailing comma; the shifted one is one field wider still.
    const { report } = await run(
      `${header}\n2024-05-01 07:30:00,Push,Bench,1,60,8,,\n2024-05-01 07:30:00,Push,Squat, low bar,1,100,5,,\n`,
    );

    // Assess
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[3, 'WRONG_FIELD_COUNT']]);
    expect(report.sets).toBe(1);
  });

  it('accepts empty cells past the header and a header that ends in an empty column', async () => {
    // Act
    const extra = await run(`${header}\n2024-05-01 07:30:00,Push,Bench,1,60,8,,,\n`);
    const trailing = await run(`${header},\n2024-05-01 07:30:00,Push,Bench,1,60,8,ok\n`);

    // Assess
    expect(extra.report).toMatchObject({ status: 'ok', rejectedCount: 0, sets: 1 });
    expect(trailing.report).toMatchObject({ status: 'ok', rejectedCount: 0, sets: 1 });
  });
});
