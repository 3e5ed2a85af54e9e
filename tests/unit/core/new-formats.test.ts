import { describe, expect, it } from 'vitest';
import { utcOffsetOf } from '../../../lambda/src/core/dates.js';
import { FinishedSessions } from '../../../lambda/src/core/finished-sessions.js';
import { bytesLiteralText } from '../../../lambda/src/core/formats/python-bytes.js';
import { run } from './helpers.js';

describe('MapMyFitness notes written as Python bytes literals', () => {
  it.each([
    ["b''", null],
    ["b'#runhappy'", '#runhappy'],
    ["b',V'", ',V'],
    ["b'they\\'re down 7-0'", "they're down 7-0"],
    ['b"it\'s"', "it's"],
    ["b'caf\\xc3\\xa9 run'", 'café run'],
    ["b'line one\\nline two'", 'line one\nline two'],
    ['bike ride', 'bike ride'],
    ["b'broken \\q escape'", "b'broken \\q escape'"],
    ["b'\\xff not utf-8'", "b'\\xff not utf-8'"],
  ])('reads %s as %j, and keeps what it cannot decode as it is', (literal, text) => {
    expect(bytesLiteralText(literal)).toBe(text);
  });
});

describe('explicit UTC offsets', () => {
  it.each([
    ['2020-06-18 21:15:42 +0000', '+00:00'],
    ['2024-05-01T07:30:00Z', '+00:00'],
    ['2024-05-01 07:30:00 -05:30', '-05:30'],
    ['2024-05-01 07:30:00', null],
    ['2024-05-01', null],
    ['2024-05-01 07:30:00 +2500', null],
  ])('reads the offset of %s as %j', (raw, offset) => {
    expect(utcOffsetOf(raw)).toBe(offset);
  });

  it('keeps a Fitbod offset on the session and in its content hash, and none where none is stated', async () => {
    // Prepare
    const header =
      'Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,Note,multiplier';
    const at = (date: string) => `${header}\n${date},Pull Up, 8,0.0,0.0,0.0,0.0,0.0,false,, 1.0\n`;

    // Act
    const utc = await run(at('2024-07-03 09:47:20 +0000'));
    const east = await run(at('2024-07-03 09:47:20 +0200'));

    // Assess
    expect(utc.sessions[0]).toMatchObject({ sessionStart: '2024-07-03T09:47:20', utcOffset: '+00:00' });
    expect(east.sessions[0]?.utcOffset).toBe('+02:00');
    expect(east.sessions[0]?.contentHash).not.toBe(utc.sessions[0]?.contentHash);
    const strong = await run(
      'Date,Workout Name,Exercise Name,Set Order,Weight (kg),Reps\n2024-01-01 10:00:00,A,Squat,1,100,5\n',
    );
    expect(strong.sessions[0]).not.toHaveProperty('utcOffset');
  });
});

describe('Fitbod', () => {
  it('reads a row of the older layout with Sets 3 as three equal sets', async () => {
    // Act
    const { sessions, report } = await run(
      'Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n2019-02-13,Chin Up,3,5,0,,\n',
    );

    // Assess
    expect(report).toMatchObject({
      format: 'fitbod',
      variant: 'sets-column-kg',
      assumedUnits: { weight: 'kg' },
    });
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.setIndex, s.reps])).toEqual([
      ['Chin Up', 1, 5],
      ['Chin Up', 2, 5],
      ['Chin Up', 3, 5],
    ]);
  });

  it('rejects a row of the older layout that stands for 0 sets', async () => {
    // Act
    const { report } = await run(
      'Date,Exercise,Sets,Reps,Weight,isWarmup,Note\n2019-02-13,Chin Up,0,5,0,,\n2019-02-13,Chin Up,1,5,0,,\n',
    );

    // Assess
    expect(report.rejected).toEqual([
      { line: 2, code: 'OUT_OF_RANGE', message: "line 2: sets '0' is below 1" },
    ]);
  });

  it('rejects an isWarmup that is neither true nor false', async () => {
    // Act
    const { report } = await run(
      'Date,Exercise,Reps,Weight(kg),isWarmup,Note\n2024-07-03 09:47:20 +0000,Squat,5,100,maybe,\n2024-07-03 09:47:20 +0000,Squat,5,100,false,\n',
    );

    // Assess
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[2, 'INVALID_SET_TYPE']]);
  });
});

describe('Garmin Connect', () => {
  const header = 'Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Steps';

  it('rejects a swim with a distance, whose unit the file does not say, and keeps the other rows', async () => {
    // Act
    const { sessions, report } = await run(
      `${header}\nPool Swim,2024-03-01 07:00:00,false,"Pool Swim","1,500","400","00:40:00","130","150","--"\nRunning,2024-03-02 07:00:00,false,"Easy Run","5.00","300","00:30:00","140","160","4,500"\n`,
    );

    // Assess
    expect(report.rejected).toEqual([expect.objectContaining({ line: 2, code: 'INVALID_UNIT' })]);
    expect(report.rejected[0]?.message).toContain('metres or yards');
    expect(sessions.map((s) => [s.name, s.distanceM, s.steps, s.notes])).toEqual([
      ['Running', 5000, 4500, 'Easy Run'],
    ]);
  });

  it('reads a distance in miles when the upload says so', async () => {
    // Act
    const { sessions, report } = await run(
      `${header}\nRunning,2024-03-02 07:00:00,false,"Easy Run","3.10","300","00:30:00","140","160","--"\n`,
      { units: { weight: 'lbs', distance: 'mi' } },
    );

    // Assess
    expect(report).toMatchObject({ variant: 'en/distance-mi', assumedUnits: { distance: 'mi' } });
    expect(sessions[0]).toMatchObject({ distanceM: 4988.9664, steps: null, durationS: 1800 });
  });
});

describe('Strong exports in other languages', () => {
  it('says a localized Strong export in a language not mapped yet is Strong, rather than listing headers', async () => {
    // Prepare: Strong's 12-column localized layout, in Italian (no real Italian export was found).
    const header =
      'Data,Nome allenamento,Durata,Nome esercizio,Ordine serie,Peso,Ripetizioni,Distanza,Secondi,Note,Note allenamento,RPE';

    // Act
    const { report } = await run(`${header}\n2024-01-01 10:00:00,"Gambe",45min,"Squat",1,100,5,0,0,,,\n`);

    // Assess
    expect(report).toMatchObject({ status: 'rejected', code: 'UNKNOWN_FORMAT' });
    expect(report.reason).toContain(
      'looks like a Strong export in a language this project does not read yet',
    );
  });

  it('keeps a note on an exercise without sets in the workout notes, not lost', async () => {
    // Act
    const { sessions, report } = await run(
      'Date;Workout Name;Exercise Name;Set Order;Weight (kg);Reps;Notes;Workout Notes\n2024-01-01 10:00:00;A;Squat;1;100;5;;Good day\n2024-01-01 10:00:00;A;Plank;Note;;;hold 60s;\n',
    );

    // Assess
    expect(report).toMatchObject({ skippedByReason: { 'exercise-note': 1 }, sets: 1 });
    expect(sessions[0]?.notes).toBe('Good day\nPlank: hold 60s');
  });
});

describe('the memory of finished sessions', () => {
  it('remembers every id exactly while it grows, and tells same from different content', () => {
    // Prepare
    const memory = new FinishedSessions(16);
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const id = (n: number) => `${hex(Math.imul(n, 2654435761) >>> 0, 8)}${hex(n, 24)}`;

    // Act
    let largestStep = 0;
    for (let n = 1; n <= 50_000; n++) {
      const before = memory.bytes;
      memory.remember(id(n), hex(n, 16), 0, n + 1);
      largestStep = Math.max(largestStep, memory.bytes - before);
    }

    // Assess
    expect(memory.size).toBe(50_000);
    expect(memory.remember(id(1), hex(1, 16), 0, 99)).toEqual({ sameContent: true, line: 2 });
    expect(memory.remember(id(42), hex(43, 16), 0, 99)).toEqual({ sameContent: false, line: 43 });
    expect(memory.remember(id(7), hex(7, 16), 1, 99)?.sameContent).toBe(false);
    expect(memory.remember(id(50_001), hex(1, 16), 0, 99)).toBeUndefined();
    // 28 bytes a slot, 64-80% of the slots used: at most 44 bytes a session.
    expect(memory.bytes / memory.size).toBeLessThanOrEqual(44);
    // It grows a sixty-fourth at a time, never by a copy of the whole.
    expect(largestStep).toBeLessThanOrEqual(memory.bytes / 64);
  });
});

describe('FitNotes unit columns', () => {
  const header = 'Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment';

  it('rejects a weight unit it does not know next to a weight, and ignores a unit beside no value', async () => {
    // Act
    const { sessions, report } = await run(
      `${header}\n2022-04-11,Bench,Chest,45.0,stone,5,,,,\n2022-04-11,Plank,Core,,stone,,,furlong,0:01:00,\n2022-04-11,Bench,Chest,100.0,lbs,5,,,,\n`,
    );

    // Assess
    expect(report.rejected).toEqual([
      { line: 2, code: 'INVALID_UNIT', message: "line 2: weight unit 'stone' is not kg or lbs" },
    ]);
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.weightKg, s.durationS])).toEqual([
      ['Bench', 45.359237, null],
      ['Plank', null, 60],
    ]);
  });
});
