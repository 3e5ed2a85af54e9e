import { describe, expect, it } from 'vitest';
import {
  type AthleteWork,
  type GoldMark,
  isoWeekOf,
  readUntil,
  reprocessWork,
  type SessionDigest,
  scheduledWork,
  weeksToWrite,
} from '../../../../lambda/src/core/gold/index.js';

const mark = (athlete: string, week: string, days: string[], revision = 1): GoldMark => ({
  athlete,
  week,
  days,
  revision,
});
const digest = (day: string): SessionDigest => ({
  sessionId: day,
  day,
  sessionStart: `${day}T18:00:00`,
  name: 'Workout',
  source: 'strong',
  durationS: 0,
  distanceM: 0,
  exercises: [],
});
const LAST_WEEK = isoWeekOf('2025-01-08'); // 2025-W02

describe("a scheduled run's work", () => {
  it('recomputes the marked days and weeks and the later weeks, and last week for who trained then', () => {
    // Prepare: ann edited a January 1st workout; bea only trained last week; cid has both.
    const marks = [
      mark('ann', '2025-W01', ['2025-01-01']),
      mark('cid', '2025-W02', ['2025-01-07', '2025-01-09']),
    ];

    // Act
    const { work, skipped } = scheduledWork(marks, LAST_WEEK, ['bea', 'cid']);

    // Assess
    expect(skipped).toEqual([]);
    expect(
      work.map((w) => [w.athlete, w.days, w.weeks.map((x) => x.key), w.laterWeeks, w.marks.length]),
    ).toEqual([
      ['ann', ['2025-01-01'], ['2025-W01'], true, 1],
      ['bea', [], ['2025-W02'], false, 0],
      ['cid', ['2025-01-07', '2025-01-09'], ['2025-W02'], true, 1],
    ]);
  });

  it('skips a mark whose week does not exist, naming it, and ignores days outside its week', () => {
    // Act
    const { work, skipped } = scheduledWork(
      [
        mark('ann', '2025-W53', ['2025-12-29']),
        mark('ann', '2025-W03', ['2025-01-14', '2025-02-30', '2025-01-01']),
      ],
      LAST_WEEK,
      [],
    );

    // Assess
    expect(skipped).toEqual([
      {
        mark: mark('ann', '2025-W53', ['2025-12-29']),
        reason: "'2025-W53' is not an ISO week such as 2025-W03",
      },
    ]);
    expect(work[0]?.days).toEqual(['2025-01-14']);
  });

  it('has nothing to do without marks or training last week', () => {
    expect(scheduledWork([], LAST_WEEK, [])).toEqual({ work: [], skipped: [] });
  });
});

describe("a reprocess's work", () => {
  it('recomputes each day for who trained that day, and its week for who trained that week', () => {
    // Prepare: 2025-01-07 and 2025-01-13 are in weeks 2 and 3.
    const ofDay = new Map([
      ['2025-01-07', ['ann']],
      ['2025-01-13', []],
    ]);
    const ofWeek = new Map([
      ['2025-W02', ['ann', 'bea']],
      ['2025-W03', ['bea']],
    ]);

    // Act
    const work = reprocessWork(['2025-01-07', '2025-01-13'], ofDay, ofWeek);

    // Assess: nothing later is rewritten, and no mark is cleared. bea trained in both weeks
    // but, as far as the index knows, on neither day: her daily files are written only if a
    // session without a digest (read from silver) turns out to be on them.
    expect(
      work.map((w) => [
        w.athlete,
        w.days,
        w.daysIfSessions,
        w.weeks.map((x) => x.key),
        w.laterWeeks,
        w.marks,
      ]),
    ).toEqual([
      ['ann', ['2025-01-07'], [], ['2025-W02'], false, []],
      ['bea', [], ['2025-01-07', '2025-01-13'], ['2025-W02', '2025-W03'], false, []],
    ]);
  });
});

describe('what a piece of work reads and writes', () => {
  const work = (weeks: string[], days: string[], laterWeeks: boolean): AthleteWork => ({
    athlete: 'ann',
    days,
    daysIfSessions: [],
    weeks: weeks.map(isoWeekOf),
    laterWeeks,
    marks: [],
  });

  it('reads up to its last day or week, or the whole history when later weeks are rewritten', () => {
    expect(readUntil(work(['2025-01-07'], ['2025-01-07'], false))).toBe('2025-01-12');
    expect(readUntil(work([], ['2025-01-07'], false))).toBe('2025-01-07');
    expect(readUntil(work(['2025-01-07'], [], true))).toBeUndefined();
  });

  it('writes its weeks, and every later week with sessions when asked to', () => {
    // Prepare: sessions in weeks 1, 2, 4 and 6 of 2025.
    const digests = ['2024-12-31', '2025-01-08', '2025-01-22', '2025-02-05'].map(digest);

    // Act
    const later = weeksToWrite(work(['2025-01-08'], [], true), digests);
    const only = weeksToWrite(work(['2025-01-08'], [], false), digests);

    // Assess: week 1 is before the marked week; weeks 3 and 5 had no sessions.
    expect(later.map((w) => w.key)).toEqual(['2025-W02', '2025-W04', '2025-W06']);
    expect(only.map((w) => w.key)).toEqual(['2025-W02']);
    expect(weeksToWrite(work([], ['2025-01-08'], true), digests)).toEqual([]);
  });
});
