import { describe, expect, it } from 'vitest';
import { fixture, run } from './helpers.js';

describe('Hevy exports', () => {
  it('reads the kg/km export with set types, 0-based set numbers and non-ASCII names', async () => {
    // Act
    const { sessions, report } = await run(fixture('hevy-kg.csv'));

    // Assess
    expect(report).toMatchObject({
      format: 'hevy',
      variant: 'kg-km',
      sessions: 2,
      sets: 6,
      rejectedCount: 0,
    });
    const push = sessions.find((s) => s.name === 'Morning Push');
    expect(push).toMatchObject({ sessionStart: '2023-08-26T10:46:00', durationS: 66 * 60 });
    expect(push?.sets.map((s) => [s.exercise, s.setIndex, s.setType])).toEqual([
      ['Bench Press (Barbell)', 1, 'warmup'],
      ['Bench Press (Barbell)', 2, 'normal'],
      ['Bench Press (Barbell)', 3, 'dropset'],
      ['Treadmill', 1, 'normal'],
      ['Жим гантелей сидя', 1, 'failure'],
    ]);
    expect(push?.sets.find((s) => s.exercise === 'Treadmill')).toMatchObject({
      distanceM: 1500,
      durationS: 600,
    });
    expect(sessions.find((s) => s.name === 'Evening Run')?.notes).toBe('Easy pace, nice weather');
  });

  it('converts pounds and miles once, and rejects an unknown set type', async () => {
    // Act
    const { sessions, report } = await run(fixture('hevy-lbs.csv'));

    // Assess
    expect(report.variant).toBe('lbs-miles');
    expect(sessions[0]?.sets.map((s) => [s.exercise, s.weightKg, s.distanceM])).toEqual([
      ['Deadlift (Barbell)', 142.881597, null],
      ['Deadlift (Barbell)', 142.881597, null],
      ['Walking', null, 1609.344],
    ]);
    expect(report.rejected).toEqual([
      {
        line: 4,
        code: 'INVALID_SET_TYPE',
        message: "line 4: set type 'heavy' is not one of normal, warmup, dropset, failure",
      },
    ]);
  });
});
