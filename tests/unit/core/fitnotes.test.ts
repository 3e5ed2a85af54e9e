import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers.js';

describe('FitNotes exports', () => {
  it('makes one session per day, numbering identical rows as separate sets', async () => {
    // Act
    const { sessions, report } = await run(fixture('fitnotes-kgs.csv'));

    // Assess
    expect(report).toMatchObject({ format: 'fitnotes', variant: 'kgs', sessions: 2, sets: 6, duplicates: 0 });
    const day = sessions.find((s) => s.sessionStart === '2023-05-01T00:00:00');
    expect(day?.sets.map((s) => [s.exercise, s.setIndex, s.weightKg, s.reps])).toEqual([
      ['Cycling', 1, null, null],
      ['Dumbbell Curl', 1, 12, 12],
      ['Flat Barbell Bench Press', 1, 60, 8],
      ['Flat Barbell Bench Press', 2, 60, 8],
      ['Flat Barbell Bench Press', 3, 62.5, 6],
    ]);
    expect(day?.sets[0]).toMatchObject({ distanceM: 10500, durationS: 1800 });
    expect(day?.sets[4]?.notes).toBe('last set, hard');
  });

  it('rejects a weight that is not a number and skips the blank line', async () => {
    // Act
    const { report } = await run(fixture('fitnotes-kgs.csv'));

    // Assess
    expect(report.skippedByReason).toEqual({ blank: 1 });
    expect(report.rejected).toEqual([
      { line: 9, code: 'INVALID_NUMBER', message: "line 9: weight 'heavy' is not a number" },
    ]);
  });

  it('rejects every row of a run that lacks the exercise, and keeps reading the name after it', async () => {
    // Prepare: the name repeats from row to row; a blank one must not borrow the last name.
    const csv =
      'Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment\n' +
      '2023-05-01,Squat,Legs,100,5,,,,\n' +
      '2023-05-01, ,Legs,100,5,,,,\n' +
      '2023-05-01,,Legs,100,5,,,,\n' +
      '2023-05-01,Squat,Legs,100,5,,,,\n' +
      '2023-05-01, Squat ,Legs,105,5,,,,\n';

    // Act
    const { sessions, report } = await run(csv, { maxRejectedShare: 1 });

    // Assess
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([
      [3, 'MISSING_VALUE'],
      [4, 'MISSING_VALUE'],
    ]);
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.setIndex, s.weightKg])).toEqual([
      ['Squat', 1, 100],
      ['Squat', 2, 100],
      ['Squat', 3, 105],
    ]);
  });

  it('converts the lbs variant and miles', async () => {
    // Act
    const { sessions, report } = await run(fixture('fitnotes-lbs.csv'));

    // Assess
    expect(report.variant).toBe('lbs');
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.weightKg, s.distanceM, s.durationS])).toEqual([
      ['Running (Treadmill)', null, 3218.688, 1110],
      ['Squat', 102.058283, null, null],
    ]);
  });
  it('reads rows with empty trailing fields, or a trailing comma on every line, as the same sets', async () => {
    // Prepare: a spreadsheet re-save adds empty columns; some tools end every line with ','.
    const plain =
      'Date,Exercise,Category,Weight (kgs),Reps\n2023-05-01,Squat,Legs,100,5\n2023-05-01,Squat,Legs,100,5\n';
    const trailing =
      'Date,Exercise,Category,Weight (kgs),Reps,\n2023-05-01,Squat,Legs,100,5,\n2023-05-01,Squat,Legs,100,5,,,\n';

    // Act
    const a = await run(plain);
    const b = await run(trailing);

    // Assess
    expect(b.report).toMatchObject({ status: 'ok', sessions: 1, sets: 2, rejectedCount: 0 });
    expect(b.sessions.map((s) => s.contentHash)).toEqual(a.sessions.map((s) => s.contentHash));
  });
});
