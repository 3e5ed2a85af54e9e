import { describe, expect, it } from 'vitest';
import { DynamoGoldSource } from '../../../lambda/src/adapters/gold-source.js';
import { S3OutputSink } from '../../../lambda/src/adapters/s3-sink.js';
import type { WeeklyGold } from '../../../lambda/src/core/gold/index.js';
import { isoWeekOf } from '../../../lambda/src/core/gold/index.js';
import { writeAthleteGold } from '../../../lambda/src/gold.js';
import { FRIDAY, MONDAY, type StrongWorkout, strongExport, WEDNESDAY } from './exports.js';
import { createPipelineFixture, type PipelineFixture } from './pipeline-fixture.js';

const NEXT_MONDAY: StrongWorkout = {
  date: '2026-10-12 18:00:00',
  name: 'Push Day',
  sets: [
    { exercise: 'Bench Press (Barbell)', order: 1, kg: 80, reps: 8 },
    { exercise: 'Overhead Press (Barbell)', order: 1, kg: 40, reps: 8 },
  ],
};
const W41 = isoWeekOf('2026-10-05');
const W42 = isoWeekOf('2026-10-12');

const goldOf = (p: PipelineFixture) =>
  writeAthleteGold('ana', [W42, W41], {
    source: new DynamoGoldSource(p.lambdaClients.documents, p.pipeline.names.tables.sessions),
    sink: new S3OutputSink(p.lambdaClients.s3, p.pipeline.names.buckets.processed),
  });

const upload = async (p: PipelineFixture, key: string, workouts: StrongWorkout[]) =>
  p.invoke(await p.uploadAndReceiveEvent(key, strongExport(workouts)));

describe('gold from the stored sessions, on the emulator', () => {
  it('writes the daily and weekly files of the weeks given, with the record set in the second week', async () => {
    // Prepare: two cumulative exports, as an app exports its whole history each time.
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY]);
    await upload(p, 'uploads/ana/october-2.csv', [MONDAY, WEDNESDAY, FRIDAY, NEXT_MONDAY]);

    // Act
    const result = await goldOf(p);

    // Assess
    expect(result.written).toEqual([
      'gold/daily/athlete=ana/2026-10-05.json',
      'gold/daily/athlete=ana/2026-10-07.json',
      'gold/daily/athlete=ana/2026-10-09.json',
      'gold/weekly/athlete=ana/2026/week_41--2026-10-05__2026-10-11.json',
      'gold/daily/athlete=ana/2026-10-12.json',
      'gold/weekly/athlete=ana/2026/week_42--2026-10-12__2026-10-18.json',
    ]);
    expect(result.withoutDigest).toEqual([]);
    // Monday 60x10 + 70x8 + 40x8 = 1480, Wednesday 120x5 + 0x10 = 600, Friday 100x5 = 500.
    const first = await p.readJson<WeeklyGold>(result.written[3] ?? '');
    expect(first).toMatchObject({
      sessions: 3,
      sets: 6,
      volumeKg: 2580,
      trainingDays: 3,
      personalRecords: [],
    });
    // 80 x 8 (e1RM 101.33) beats 70 x 8 (88.67); the overhead press only equals its best.
    const second = await p.readJson<WeeklyGold>(result.written[5] ?? '');
    expect(second).toMatchObject({
      sessions: 1,
      volumeKg: 960,
      personalRecords: [
        {
          exercise: 'Bench Press (Barbell)',
          weightKg: 80,
          reps: 8,
          e1rmKg: 101.33,
          day: '2026-10-12',
          previousE1rmKg: 88.67,
        },
      ],
      change: { sessions: -2, sets: -4, volumeKg: -1620 },
    });
  });

  it('recomputes an old week a late export changed, and the same sessions give the same bytes', async () => {
    // Prepare
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY, NEXT_MONDAY]);
    const before = await goldOf(p);
    const weekly = before.written[3] ?? '';
    const firstBytes = await p.readText(weekly);
    const heavierDeadlift = {
      ...WEDNESDAY,
      sets: [{ exercise: 'Deadlift (Barbell)', order: 1, kg: 140, reps: 5 }, ...WEDNESDAY.sets.slice(1)],
    };

    // Act: the same data again, then an export in which Wednesday's deadlift was edited.
    await goldOf(p);
    const sameBytes = await p.readText(weekly);
    await upload(p, 'uploads/ana/october-2.csv', [MONDAY, heavierDeadlift, FRIDAY, NEXT_MONDAY]);
    await goldOf(p);

    // Assess: 140 x 5 instead of 120 x 5 adds 100 kg to week 41.
    expect(sameBytes).toBe(firstBytes);
    expect((await p.readJson<WeeklyGold>(weekly)).volumeKg).toBe(2680);
  });
});
