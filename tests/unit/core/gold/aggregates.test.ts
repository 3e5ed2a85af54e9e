import { describe, expect, it } from 'vitest';
import {
  dailyGold,
  digestOf,
  e1rmOf,
  goldJson,
  goldKeys,
  isoWeekOf,
  type SessionDigest,
  STORED_EXERCISES_MAX_BYTES,
  storedDigestOf,
  summarizeExercises,
  weeklyGold,
  weeklyMessageOf,
  weeksOf,
} from '../../../../lambda/src/core/gold/index.js';
import type { Session, WorkoutSet } from '../../../../lambda/src/core/model.js';
import { readReal } from '../real/golden.js';

const set = (
  exercise: string,
  weightKg: number | null,
  reps: number | null,
  setType: WorkoutSet['setType'] = 'normal',
): WorkoutSet => ({
  exercise,
  setIndex: 1,
  setType,
  weightKg,
  reps,
  distanceM: null,
  durationS: null,
  rpe: null,
  notes: null,
  line: 2,
});

const digest = (sessionId: string, day: string, sets: WorkoutSet[]): SessionDigest => ({
  sessionId,
  day,
  sessionStart: `${day}T10:00:00`,
  name: 'Workout',
  source: 'strong',
  durationS: 3600,
  distanceM: 0,
  exercises: summarizeExercises(sets),
});

describe("Epley's one-rep max", () => {
  it('estimates weight x (1 + reps / 30), the weight itself for a single, nothing past 30 reps', () => {
    // Assess
    expect(e1rmOf(100, 5)).toBe(116.67);
    expect(e1rmOf(140, 1)).toBe(140);
    expect(e1rmOf(20, 30)).toBe(40);
    expect(e1rmOf(20, 31)).toBeNull();
    expect(e1rmOf(0, 10)).toBeNull();
    expect(e1rmOf(null, 10)).toBeNull();
    expect(e1rmOf(60, 0)).toBeNull();
  });
});

describe('gold of a real Strong export (cmccorkle21, 2024-09-17..19), checked against the rows', () => {
  const sessionsOf = async () => {
    const result = await readReal('strong/cmccorkle21-numbered-warm-up-failure.csv');
    return (result.sessions as Session[]).map(digestOf);
  };

  it("sums a day's working sets, leaving the WARM_UP rows out and counting the FAILURE set", async () => {
    // Act
    const day = dailyGold('ann', '2024-09-18', await sessionsOf());

    // Assess: rows 9-24, "Legs/Abs", Duration (sec) 3766; 16 rows of which 4 WARM_UP.
    expect(day).toMatchObject({ day: '2024-09-18', sessions: 1, sets: 12, durationS: 3766 });
    const byName = new Map(day.exercises.map((e) => [e.exercise, e]));
    // Working 36.2873896x5, 40.8233133x5, 40.8233133x8 = 712.14; best 40.82 x 8, e1RM 40.8233133 x 38/30 = 51.71.
    expect(byName.get('Pendulum Squat')).toEqual({
      exercise: 'Pendulum Squat',
      sessions: 1,
      sets: 3,
      reps: 18,
      volumeKg: 712.14,
      durationS: 0,
      distanceM: 0,
      best: { weightKg: 40.8233133, reps: 8, e1rmKg: 51.71, day: '2024-09-18' },
    });
    // The 49.9 kg x 8 warm-up is heavier than both working sets but is not the best.
    expect(byName.get('Seated Leg Curl (Machine)')?.best).toEqual({
      weightKg: 40.8233133,
      reps: 12,
      e1rmKg: 57.15,
      day: '2024-09-18',
    });
    // The FAILURE set (63.5 x 7) is a working set: 63.5029318 x 19 = 1206.56.
    expect(byName.get('Cable Crunch')).toMatchObject({ sets: 2, reps: 19, volumeKg: 1206.56 });
    // 712.14 + 898.11 + 5080.23 (calf raise 181.44 x 28) + 689.46 + 1206.56
    expect(day.volumeKg).toBe(8586.5);
  });

  it('totals the ISO week 2024-W38 and says it in one weekly message', async () => {
    // Act
    const week = weeklyGold('ann', isoWeekOf('2024-09-18'), await sessionsOf());
    const message = weeklyMessageOf(week);

    // Assess: Pull 1 752.96 kg, 7 sets; Legs/Abs 8586.5 kg, 12 sets; Push 2 2082.9 kg, 11 sets.
    expect(week).toMatchObject({
      year: 2024,
      week: 38,
      start: '2024-09-16',
      end: '2024-09-22',
      sessions: 3,
      trainingDays: 3,
      sets: 30,
      volumeKg: 11422.36,
      durationS: 4347 + 3766 + 3367,
      personalRecords: [],
      previousWeek: { year: 2024, week: 37, sessions: 0, volumeKg: 0 },
      change: { sessions: 3, sets: 30, volumeKg: 11422.36 },
    });
    expect(message?.text).toBe(
      'Week 38 (2024-09-16 to 2024-09-22): 3 workouts, 11,422.4 kg, no personal records',
    );
    expect(message?.attributes).toEqual({
      kind: 'weekly-summary',
      athlete: 'ann',
      week: '2024-W38',
      personalRecords: '0',
    });
    expect(message?.deduplicationId).toBe('weekly-summary#ann#2024-W38');
  });
});

describe('personal records', () => {
  const history = [
    digest('a', '2025-01-07', [set('Squat', 100, 3), set('Bench Press', 80, 5)]),
    // Week 2: squat e1RM 116.67 beats 110; bench 80 x 5 only equals it.
    digest('b', '2025-01-14', [set('Squat', 100, 5), set('Bench Press', 80, 5), set('Deadlift', 180, 1)]),
    digest('c', '2025-01-16', [set('Squat', 140, 1, 'warmup'), set('Squat', 105, 2)]),
  ];

  it('names the exercises whose best beat every earlier day, not a first time or an equal set', () => {
    // Act
    const week = weeklyGold('ann', isoWeekOf('2025-01-14'), history);

    // Assess: 105 x 2 is 112 e1RM, below 100 x 5; the 140 kg warm-up counts for nothing.
    expect(week.personalRecords).toEqual([
      { exercise: 'Squat', weightKg: 100, reps: 5, e1rmKg: 116.67, day: '2025-01-14', previousE1rmKg: 110 },
    ]);
    // 500 + 400 + 180 + 210 = 1290 this week against 300 + 400 the week before.
    expect(week.change).toEqual({ sessions: 1, sets: 2, volumeKg: 590 });
    expect(weeklyMessageOf(week)?.text).toBe(
      'Week 3 (2025-01-13 to 2025-01-19): 2 workouts, 1,290 kg, 1 personal record: Squat 100 kg x 5',
    );
  });

  it('ignores sessions after the week, so training later never rewrites an earlier week', () => {
    // Act
    const alone = weeklyGold('ann', isoWeekOf('2025-01-07'), history.slice(0, 1));
    const withLater = weeklyGold('ann', isoWeekOf('2025-01-07'), history);

    // Assess
    expect(goldJson(withLater)).toBe(goldJson(alone));
  });

  it('lists at most five records in the message and counts the rest', () => {
    // Prepare
    const lifts = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    const before = digest(
      'x',
      '2025-03-03',
      lifts.map((l) => set(l, 50, 1)),
    );
    const after = digest(
      'y',
      '2025-03-10',
      lifts.map((l) => set(l, 60, 1)),
    );

    // Act
    const text = weeklyMessageOf(weeklyGold('ann', isoWeekOf('2025-03-10'), [before, after]))?.text;

    // Assess
    expect(text).toBe(
      'Week 11 (2025-03-10 to 2025-03-16): 1 workout, 420 kg, 7 personal records: A 60 kg x 1, B 60 kg x 1, C 60 kg x 1, D 60 kg x 1, E 60 kg x 1, and 2 more',
    );
  });

  it('sends no message for a week without workouts', () => {
    // Assess
    expect(weeklyMessageOf(weeklyGold('ann', isoWeekOf('2025-02-03'), history))).toBeUndefined();
  });
});

describe('where gold is written and which weeks an upload touched', () => {
  it('keys daily and weekly files by athlete, ISO year, week and its dates', () => {
    // Assess
    expect(goldKeys.daily('ann', '2025-01-14')).toBe('gold/daily/athlete=ann/2025-01-14.json');
    expect(goldKeys.weekly('ann', isoWeekOf('2024-12-31'))).toBe(
      'gold/weekly/athlete=ann/2025/week_01--2024-12-30__2025-01-05.json',
    );
  });

  it('lists each touched week once, in time order', () => {
    // Act
    const weeks = weeksOf([{ day: '2025-01-16' }, { day: '2024-12-31' }, { day: '2025-01-14' }]);

    // Assess
    expect(weeks.map((w) => w.key)).toEqual(['2025-W01', '2025-W03']);
  });
});

describe('the digest a session item stores', () => {
  const session = (exercises: number, nameLength = 12): Session => ({
    id: 'id',
    contentHash: 'hash',
    athlete: 'ann',
    timezone: 'Europe/Berlin',
    source: 'strong',
    sourceWorkoutId: null,
    sessionStart: '2020-06-18T23:30:00',
    utcOffset: '+00:00',
    name: 'Workout',
    durationS: null,
    distanceM: null,
    energyKcal: null,
    avgHeartRate: null,
    steps: null,
    notes: null,
    line: 2,
    sets: Array.from({ length: exercises }, (_, i) => ({
      ...set(`${String(i).padStart(nameLength, 'x')}`, 50, 5),
      durationS: 60,
    })),
  });

  it("holds the local day, its ISO week, the set time summed and every exercise's summary", () => {
    // Act
    const stored = storedDigestOf(session(2));

    // Assess: 23:30 UTC is the next day in Berlin.
    expect(stored).toMatchObject({ day: '2020-06-19', week: '2020-W25', durationS: 120, distanceM: 0 });
    expect('exercises' in stored && stored.exercises).toHaveLength(2);
  });

  it('leaves the summaries out, counted, when they would not fit in an item', () => {
    // Act: 600 exercises of 200-character names is over 64 KB of summaries.
    const stored = storedDigestOf(session(600, 200));

    // Assess
    expect(JSON.stringify(summarizeExercises(session(600, 200).sets)).length).toBeGreaterThan(
      STORED_EXERCISES_MAX_BYTES,
    );
    expect(stored).toEqual({
      day: '2020-06-19',
      week: '2020-W25',
      weekIndexKey: '2020-06-19#ann#id',
      durationS: 36000,
      distanceM: 0,
      exercisesOmitted: 600,
    });
  });
});
