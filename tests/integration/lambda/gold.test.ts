import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { DynamoGoldMarks } from '../../../lambda/src/adapters/gold-marks.js';
import type { DailyGold, WeeklyGold } from '../../../lambda/src/core/gold/index.js';
import type { GoldRunReport } from '../../../lambda/src/gold.js';
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
const W41 = 'gold/weekly/athlete=ana/2026/week_41--2026-10-05__2026-10-11.json';
const W42 = 'gold/weekly/athlete=ana/2026/week_42--2026-10-12__2026-10-18.json';

const upload = async (p: PipelineFixture, key: string, workouts: StrongWorkout[]) =>
  p.invoke(await p.uploadAndReceiveEvent(key, strongExport(workouts)));

const weeklyMessages = async (p: PipelineFixture, expected: number) =>
  (await p.summaries(expected + 4, 3_000)).filter((m) => m.attributes.kind === 'weekly-summary');

describe('the gold run, on the emulator', () => {
  it('recomputes the marked weeks on schedule, publishes last week once and clears the marks', async () => {
    // Prepare: two cumulative exports, as an app exports its whole history each time.
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY]);
    await upload(p, 'uploads/ana/october-2.csv', [MONDAY, WEDNESDAY, FRIDAY, NEXT_MONDAY]);

    // Act: Tuesday of week 42, so week 41 is the last completed one.
    const report = await p.gold('2026-10-13');

    // Assess
    expect(await p.listProcessed('gold/')).toEqual([
      'gold/daily/athlete=ana/2026-10-05.json',
      'gold/daily/athlete=ana/2026-10-07.json',
      'gold/daily/athlete=ana/2026-10-09.json',
      'gold/daily/athlete=ana/2026-10-12.json',
      W41,
      W42,
    ]);
    // Monday 60x10 + 70x8 + 40x8 = 1480, Wednesday 120x5 + 0x10 = 600, Friday 100x5 = 500.
    expect(await p.readJson<WeeklyGold>(W41)).toMatchObject({
      sessions: 3,
      sets: 6,
      volumeKg: 2580,
      trainingDays: 3,
      personalRecords: [],
    });
    // 80 x 8 (e1RM 101.33) beats 70 x 8 (88.67); the overhead press only equals its best.
    expect(await p.readJson<WeeklyGold>(W42)).toMatchObject({
      sessions: 1,
      volumeKg: 960,
      personalRecords: [
        { exercise: 'Bench Press (Barbell)', weightKg: 80, reps: 8, e1rmKg: 101.33, previousE1rmKg: 88.67 },
      ],
      change: { sessions: -2, sets: -4, volumeKg: -1620 },
    });
    expect((await p.readJson<DailyGold>('gold/daily/athlete=ana/2026-10-07.json')).volumeKg).toBe(600);
    const messages = await weeklyMessages(p, 1);
    expect(messages).toEqual([
      {
        subject: 'Week 41: 3 workouts',
        message: 'Week 41 (2026-10-05 to 2026-10-11): 3 workouts, 2,580 kg, no personal records',
        attributes: { kind: 'weekly-summary', athlete: 'ana', week: '2026-W41', personalRecords: '0' },
      },
    ]);
    expect(await p.goldMarks()).toEqual([]);
    expect(report.counts).toEqual({
      athletes: 1,
      dailyFiles: 4,
      weeklyFiles: 2,
      messagesPublished: 1,
      sessionsFromSilver: 0,
      marksCleared: 2,
      marksKept: 0,
      failedAthletes: 0,
    });
    expect(await p.readJson<GoldRunReport>('reports/daily/2026-10-13.json')).toMatchObject({
      run: 'scheduled',
      runDate: '2026-10-13',
      messagesWeek: '2026-W41',
      athletes: [
        {
          athlete: 'ana',
          days: ['2026-10-05', '2026-10-07', '2026-10-09', '2026-10-12'],
          weeks: ['2026-W41', '2026-W42'],
          message: 'published',
        },
      ],
      skipped: [],
      failed: [],
    });
  });

  it('publishes the weekly message once when the run is retried, and writes the same bytes', async () => {
    // Prepare
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY]);
    await p.gold('2026-10-13');
    const before = await p.readText(W41);

    // Act: the same day again (a retry), and the next day.
    const retry = await p.gold('2026-10-13');
    await p.gold('2026-10-14');

    // Assess
    expect(await weeklyMessages(p, 1)).toHaveLength(1);
    expect(retry.athletes).toEqual([
      { athlete: 'ana', days: [], weeks: ['2026-W41'], message: 'already published' },
    ]);
    expect(await p.readText(W41)).toBe(before);
  });

  it('recomputes an old week a late export changed, and the later weeks that compare with it', async () => {
    // Prepare
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY, NEXT_MONDAY]);
    await p.gold('2026-10-13');
    const heavierDeadlift = {
      ...WEDNESDAY,
      sets: [{ exercise: 'Deadlift (Barbell)', order: 1, kg: 140, reps: 5 }, ...WEDNESDAY.sets.slice(1)],
    };

    // Act: an export in which Wednesday's deadlift was edited, then the next scheduled run.
    await upload(p, 'uploads/ana/october-2.csv', [MONDAY, heavierDeadlift, FRIDAY, NEXT_MONDAY]);
    const marked = await p.goldMarks();
    const report = await p.gold('2026-10-20');

    // Assess: only Wednesday's week and day were marked; 140 x 5 instead of 120 x 5 adds 100 kg.
    expect(marked).toEqual([{ athlete: 'ana', week: '2026-W41', days: ['2026-10-07'], revision: 1 }]);
    expect(report.athletes[0]).toMatchObject({ days: ['2026-10-07'], weeks: ['2026-W41', '2026-W42'] });
    expect((await p.readJson<WeeklyGold>(W41)).volumeKg).toBe(2680);
    expect((await p.readJson<DailyGold>('gold/daily/athlete=ana/2026-10-07.json')).volumeKg).toBe(700);
    expect((await p.readJson<WeeklyGold>(W42)).change).toEqual({ sessions: -2, sets: -4, volumeKg: -1720 });
  });

  it('reprocesses a date for every athlete with sessions then, touching no marks and no message', async () => {
    // Prepare: ana trained in week 41, bea only in week 42.
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY]);
    await upload(p, 'uploads/bea/october-1.csv', [NEXT_MONDAY]);

    // Act
    const report = await p.gold('2026-12-01', { runDate: '2026-10-07' });

    // Assess: the day's file and its week's, for ana only.
    expect(await p.listProcessed('gold/')).toEqual(['gold/daily/athlete=ana/2026-10-07.json', W41]);
    expect(report).toMatchObject({ run: 'reprocess', runDate: '2026-10-07', messagesWeek: null });
    expect(await p.listProcessed('reports/daily/')).toEqual([
      'reports/daily/reprocess/2026-10-07__2026-10-07.json',
    ]);
    expect((await p.goldMarks()).map((m) => `${m.athlete} ${m.week}`)).toEqual([
      'ana 2026-W41',
      'bea 2026-W42',
    ]);
    expect(await weeklyMessages(p, 0)).toEqual([]);
  });

  it('keeps a mark that an upload set again while the run computed its week', async () => {
    // Prepare: the run has read the mark of week 41.
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY]);
    const marks = new DynamoGoldMarks(p.lambdaClients.documents, p.pipeline.names.tables.goldMarks);
    const [read] = await marks.pending();

    // Act: an upload adds Wednesday to week 41 before the run clears the mark it read.
    await upload(p, 'uploads/ana/october-2.csv', [MONDAY, WEDNESDAY]);
    const cleared = read && (await marks.clear(read));

    // Assess: the mark stays, with both days, for the next run.
    expect(cleared).toBe(false);
    expect(await p.goldMarks()).toEqual([
      { athlete: 'ana', week: '2026-W41', days: ['2026-10-05', '2026-10-07'], revision: 2 },
    ]);
  });

  it('counts a session stored before digests existed from its silver file', async () => {
    // Prepare: Wednesday's item as the pipeline stored it before gold: no digest attributes.
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY]);
    const wednesday = (await p.storedSessions('ana')).find((s) => s.day === '2026-10-07');
    await p.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: p.pipeline.names.tables.sessions,
        Key: { athlete: { S: 'ana' }, sessionId: { S: String(wednesday?.sessionId) } },
        UpdateExpression: 'REMOVE #day, #week, weekIndexKey, exercises, durationS, distanceM',
        ExpressionAttributeNames: { '#day': 'day', '#week': 'week' },
      }),
    );

    // Act
    const report = await p.gold('2026-12-01', { runDate: '2026-10-07' });

    // Assess: Wednesday's 120 x 5 is counted as before, read from the first upload's silver.
    expect(report.counts.sessionsFromSilver).toBe(1);
    expect(report.skipped).toEqual([]);
    expect(await p.readJson<WeeklyGold>(W41)).toMatchObject({ sessions: 3, volumeKg: 2580 });
    expect((await p.readJson<DailyGold>('gold/daily/athlete=ana/2026-10-07.json')).volumeKg).toBe(600);
  });

  it('names sessions it cannot count in the run report', async () => {
    // Prepare: an item without a digest whose silver file does not exist.
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY]);
    await p.clients.dynamodb.send(
      new PutItemCommand({
        TableName: p.pipeline.names.tables.sessions,
        Item: { athlete: { S: 'ana' }, sessionId: { S: 'old-session' }, contentHash: { S: 'h' } },
      }),
    );

    // Act
    const report = await p.gold('2026-10-13');

    // Assess
    expect(report.skipped).toEqual([
      {
        athlete: 'ana',
        what: 'session old-session',
        reason: expect.stringMatching(/^stored before sessions carried .*its silver file does not hold it/),
      },
    ]);
    expect((await p.readJson<WeeklyGold>(W41)).sessions).toBe(1);
  });

  it('refuses a request it cannot read before reading or writing anything', async () => {
    // Prepare
    const p = await createPipelineFixture();

    // Act
    const attempt = p.gold('2026-10-13', { runDate: '2026-13-01' });

    // Assess
    await expect(attempt).rejects.toThrow(
      '\'runDate\' must be a calendar day written YYYY-MM-DD, such as 2025-01-15 (got "2026-13-01")',
    );
    expect(await p.listProcessed()).toEqual([]);
  });

  it('marks the weeks whose sessions an upload created or changed, and no others', async () => {
    // Prepare
    const p = await createPipelineFixture();
    await upload(p, 'uploads/ana/october-1.csv', [MONDAY, WEDNESDAY, FRIDAY]);
    const afterFirst = await p.goldMarks();

    // Act: the same three sessions unchanged, and one new in the next week.
    await upload(p, 'uploads/ana/october-2.csv', [MONDAY, WEDNESDAY, FRIDAY, NEXT_MONDAY]);

    // Assess: week 41's mark was not touched again; week 42 is marked once.
    expect(afterFirst).toEqual([
      { athlete: 'ana', week: '2026-W41', days: ['2026-10-05', '2026-10-07', '2026-10-09'], revision: 1 },
    ]);
    expect(await p.goldMarks()).toEqual([
      { athlete: 'ana', week: '2026-W41', days: ['2026-10-05', '2026-10-07', '2026-10-09'], revision: 1 },
      { athlete: 'ana', week: '2026-W42', days: ['2026-10-12'], revision: 1 },
    ]);
    // Each item carries the week index's keys: its week, and day#athlete#sessionId.
    const keys = (await p.storedSessions('ana')).map((i) => [i.week, i.weekIndexKey]).sort();
    const ids = (await p.storedSessions('ana')).map((i) => i.sessionId);
    expect(keys).toHaveLength(4);
    for (const [index, day] of ['2026-10-05', '2026-10-07', '2026-10-09', '2026-10-12'].entries()) {
      expect(keys[index]?.[0]).toBe(index < 3 ? '2026-W41' : '2026-W42');
      expect(ids.map((id) => `${day}#ana#${id}`)).toContain(keys[index]?.[1]);
    }
  });

  it('stores and marks an upload of 99 weeks in transactions that fit DynamoDB, nothing lost', async () => {
    // Prepare: one workout a week, so 99 sessions touch 99 weeks (99 + 99 marks > 100 items).
    const p = await createPipelineFixture();
    const weekly = Array.from({ length: 99 }, (_, i): StrongWorkout => {
      const day = new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10);
      return { ...FRIDAY, date: `${day} 18:00:00` };
    });

    // Act
    const result = await upload(p, 'uploads/ana/two-years.csv', weekly);

    // Assess
    expect(result.uploads[0]?.counts).toMatchObject({ newSessions: 99 });
    expect(await p.storedSessions('ana')).toHaveLength(99);
    const marks = await p.goldMarks();
    expect(marks).toHaveLength(99);
    expect(marks[0]).toEqual({ athlete: 'ana', week: '2024-W01', days: ['2024-01-01'], revision: 1 });
    expect(marks.at(-1)).toEqual({ athlete: 'ana', week: '2025-W47', days: ['2025-11-17'], revision: 1 });
  });
});
