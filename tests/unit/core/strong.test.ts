import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers.js';

describe('Strong exports', () => {
  it('reads the semicolon export with BOM, CRLF, decimal commas, quoted newlines and rest timers', async () => {
    // Prepare
    const bytes = fixture('strong-semicolon.csv');

    // Act
    const { sessions, report } = await run(bytes);

    // Assess
    expect(report).toMatchObject({ format: 'strong', variant: 'semicolon/unit-column', status: 'ok' });
    expect(report).toMatchObject({ rows: 9, sessions: 2, sets: 5, skipped: 2, duplicates: 1 });
    expect(report.skippedByReason).toEqual({ 'rest-timer': 1, blank: 1 });
    const push = sessions.find((s) => s.name === 'Push Day');
    expect(push).toMatchObject({
      sessionStart: '2024-05-01T07:30:00',
      durationS: 3900,
      notes: 'Felt strong, good day',
    });
    expect(push?.sets.map((s) => [s.exercise, s.setIndex, s.weightKg, s.reps, s.rpe])).toEqual([
      ['Bench Press (Barbell)', 1, 60, 10, null],
      ['Bench Press (Barbell)', 2, 62.5, 8, 8.5],
      ['Overhead Press', 1, 40, 5, null],
      ['Overhead Press', 2, 40, 5, null],
    ]);
    expect(push?.sets[2]?.notes).toBe('grip\nwide, slow');
  });

  it('explains a bad row with its line and keeps the good rows', async () => {
    // Act
    const { report } = await run(fixture('strong-semicolon.csv'));

    // Assess
    expect(report.rejected).toEqual([
      { line: 5, code: 'NOT_WHOLE_NUMBER', message: "line 5: reps 'ten' is not a whole number" },
    ]);
  });

  it('counts lines of a quoted multi-line note so later line numbers stay right', async () => {
    // Act
    const { sessions } = await run(fixture('strong-semicolon.csv'));

    // Assess
    expect(sessions.find((s) => s.name === 'Pull Day')?.line).toBe(9);
  });

  it('reads the older comma export with Weight (lbs), warm-up and drop sets', async () => {
    // Act
    const { sessions, report } = await run(fixture('strong-comma-lbs.csv'));

    // Assess
    expect(report).toMatchObject({ variant: 'comma/weight-lbs', rejectedCount: 0, sessions: 2, sets: 7 });
    const legs = sessions.find((s) => s.name === 'Legs, heavy');
    expect(legs?.durationS).toBe(72 * 60);
    const squats = legs?.sets.filter((s) => s.exercise === 'Squat (Barbell)');
    expect(squats?.map((s) => [s.setIndex, s.setType, s.weightKg])).toEqual([
      [1, 'warmup', 43.091275],
      [2, 'normal', 102.058283],
      [3, 'normal', 102.058283],
      [4, 'dropset', 83.914588],
    ]);
    // A unitless Distance is in the account's unit (km unless the upload says otherwise).
    expect(report.assumedUnits).toEqual({ distance: 'km' });
    const row = legs?.sets.find((s) => s.exercise === 'Rowing (Machine)');
    expect(row).toMatchObject({ distanceM: 2000, durationS: 480 });
  });

  it('maps columns by name whatever their order and which optional ones exist', async () => {
    // Prepare
    const csv =
      'Reps,Exercise Name,Weight (kg),Set Order,Workout Name,Date\n5,Squat,100,1,Legs,2024-01-02 10:00:00\n';

    // Act
    const { sessions, report } = await run(csv);

    // Assess
    expect(report).toMatchObject({ format: 'strong', variant: 'comma/weight-kg' });
    expect(sessions[0]?.sets[0]).toMatchObject({ exercise: 'Squat', weightKg: 100, reps: 5, setIndex: 1 });
  });

  it('reads 12-hour times with the narrow no-break space newer iOS exports write', async () => {
    // Prepare
    const csv =
      'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n2023-05-01 7:04:21\u202fPM;Evening;Squat;1;100;kg;5\n';

    // Act
    const { sessions } = await run(csv);

    // Assess
    expect(sessions[0]?.sessionStart).toBe('2023-05-01T19:04:21');
  });

  it('rejects an unknown weight unit and a set order that is neither a number nor a marker', async () => {
    // Prepare
    const csv =
      'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n2024-01-02 10:00:00;A;Squat;1;100;stone;5\n2024-01-02 10:00:00;A;Squat;X2;100;kg;5\n';

    // Act
    const { report } = await run(csv, { maxRejectedShare: 1 });

    // Assess
    expect(report.rejected.map((i) => i.code)).toEqual(['INVALID_UNIT', 'INVALID_SET_TYPE']);
    expect(report.rejected[1]?.message).toContain("set order 'X2' is not a number, W, D, F");
  });
  it('reads a semicolon export whose lines end with an empty field like the same export without', async () => {
    // Prepare
    const header = 'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps';
    const row = '2024-01-01 10:00:00;Legs;Squat;1;100;kg;5';

    // Act
    const a = await run(`${header}\n${row}\n`);
    const b = await run(`${header};\n${row};\n`);

    // Assess
    expect(b.report).toMatchObject({ status: 'ok', sessions: 1, sets: 1, rejectedCount: 0 });
    expect(b.sessions.map((s) => s.contentHash)).toEqual(a.sessions.map((s) => s.contentHash));
  });
});
