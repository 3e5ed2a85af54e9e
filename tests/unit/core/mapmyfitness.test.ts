import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers.js';

describe('MapMyFitness workout history', () => {
  it('makes one session per activity with the workout id from Link', async () => {
    // Act
    const { sessions, report } = await run(fixture('mapmyfitness.csv'));

    // Assess
    expect(report).toMatchObject({ format: 'mapmyfitness', variant: 'with-units-mi', sessions: 2, sets: 0 });
    expect(sessions[0]).toMatchObject({
      source: 'mapmyfitness',
      sourceWorkoutId: '8123456789',
      sessionStart: '2025-05-06T00:00:00',
      name: 'Run',
      durationS: 1800,
      distanceM: 4988.9664,
      energyKcal: 512,
      avgHeartRate: 152,
      steps: 4100,
      notes: 'Tempo, felt good',
      sets: [],
    });
    expect(sessions[1]).toMatchObject({ sessionStart: '2024-08-01T00:00:00', sourceWorkoutId: '7123456780' });
  });

  it('skips zero-time rows, counts the repeated activity once, and explains the bad row', async () => {
    // Act
    const { report } = await run(fixture('mapmyfitness.csv'));

    // Assess
    expect(report).toMatchObject({ rows: 5, skipped: 1, duplicates: 1 });
    expect(report.skippedByReason).toEqual({ 'zero-time': 1 });
    expect(report.rejected).toEqual([
      { line: 6, code: 'INVALID_NUMBER', message: "line 6: calories burned 'abc' is not a number" },
    ]);
  });

  it('reads a distance without a unit in the stated unit, names it in the report, and reads clock times', async () => {
    // Act
    const byDefault = await run(fixture('mapmyfitness-old.csv'));
    const inMiles = await run(fixture('mapmyfitness-old.csv'), { units: { weight: 'lbs', distance: 'mi' } });

    // Assess
    expect(byDefault.report).toMatchObject({ variant: 'without-units-km', assumedUnits: { distance: 'km' } });
    expect(byDefault.sessions[0]).toMatchObject({
      sourceWorkoutId: '1234567',
      durationS: 3600,
      distanceM: 2500,
    });
    expect(inMiles.report).toMatchObject({ variant: 'without-units-mi', assumedUnits: { distance: 'mi' } });
    expect(inMiles.sessions[0]?.distanceM).toBe(4023.36);
  });

  it('assumes no unit when the header names it', async () => {
    // Act
    const { report } = await run(fixture('mapmyfitness.csv'), { maxRejectedShare: 1 });

    // Assess
    expect(report.assumedUnits).toEqual({});
  });

  it('rejects the later copy of an activity whose figures differ', async () => {
    // Prepare
    const header = 'Workout Date,Activity Type,Distance (km),Workout Time (seconds),Link\n';
    const csv = `${header}"May 6, 2025",Run,5,1800,https://x/workout/42\n"May 6, 2025",Run,6,1800,https://x/workout/42\n`;

    // Act
    const { sessions, report } = await run(csv);

    // Assess
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.distanceM).toBe(5000);
    expect(report.rejected.map((i) => [i.line, i.code])).toEqual([[3, 'CONFLICTING_SESSION']]);
  });

  it('identifies an activity without a Link by its date and type', async () => {
    // Prepare
    const csv = 'Workout Date,Activity Type,Workout Time (seconds),Link\n"May 6, 2025",Run,1800,\n';

    // Act
    const { sessions } = await run(csv);

    // Assess
    expect(sessions[0]?.sourceWorkoutId).toBeNull();
  });
});
