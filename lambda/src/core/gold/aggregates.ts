/**
 * The gold aggregates of one athlete: a day and an ISO week, computed from session digests
 * alone. Each result depends only on the set of digests given, never on their order, so a
 * recomputation after any sequence of uploads writes the same bytes (goldJson).
 */
import { type BestSet, beats, type ExerciseSummary, round2 } from './exercise-summary.js';
import { byTime, type SessionDigest } from './session-digest.js';
import { type IsoWeek, isoWeekOf, previousWeekOf } from './weeks.js';

export interface ExerciseTotals {
  readonly exercise: string;
  readonly sessions: number;
  readonly sets: number;
  readonly reps: number;
  readonly volumeKg: number;
  readonly durationS: number;
  readonly distanceM: number;
  /** The best working set (exercise-summary.ts), with the day it was done. */
  readonly best: (BestSet & { readonly day: string }) | null;
}

export interface Totals {
  readonly sessions: number;
  readonly sets: number;
  readonly volumeKg: number;
  readonly durationS: number;
  readonly distanceM: number;
}

export interface DailyGold extends Totals {
  readonly athlete: string;
  readonly day: string;
  readonly exercises: readonly ExerciseTotals[];
  readonly sessionList: readonly {
    readonly sessionId: string;
    readonly sessionStart: string;
    readonly name: string;
    readonly source: string;
    readonly sets: number;
    readonly volumeKg: number;
    readonly durationS: number;
    readonly distanceM: number;
  }[];
}

export interface PersonalRecord extends BestSet {
  readonly exercise: string;
  readonly day: string;
  /** The best e1RM of every day before the week. */
  readonly previousE1rmKg: number;
}

export interface WeeklyGold extends Totals {
  readonly athlete: string;
  readonly year: number;
  readonly week: number;
  readonly start: string;
  readonly end: string;
  readonly trainingDays: number;
  readonly exercises: readonly ExerciseTotals[];
  /**
   * Exercises whose best e1RM this week beat their best of every earlier day. An exercise's
   * first week sets a baseline, not a record.
   */
  readonly personalRecords: readonly PersonalRecord[];
  readonly previousWeek: Totals & { readonly year: number; readonly week: number };
  /** This week minus the week before. */
  readonly change: { readonly sessions: number; readonly sets: number; readonly volumeKg: number };
}

const sumOf = (sessions: readonly SessionDigest[], pick: (e: ExerciseSummary) => number) =>
  round2(sessions.reduce((sum, s) => sum + s.exercises.reduce((t, e) => t + pick(e), 0), 0));

function totalsOf(sessions: readonly SessionDigest[]): Totals {
  return {
    sessions: sessions.length,
    sets: sumOf(sessions, (e) => e.sets),
    volumeKg: sumOf(sessions, (e) => e.volumeKg),
    durationS: round2(sessions.reduce((sum, s) => sum + s.durationS, 0)),
    distanceM: round2(sessions.reduce((sum, s) => sum + s.distanceM, 0)),
  };
}

/** Per exercise, sorted by name; `sessions` must be in time order (byTime). */
function exerciseTotalsOf(sessions: readonly SessionDigest[]): ExerciseTotals[] {
  const totals = new Map<string, { -readonly [K in keyof ExerciseTotals]: ExerciseTotals[K] }>();
  for (const session of sessions) {
    for (const e of session.exercises) {
      let t = totals.get(e.exercise);
      if (!t) {
        t = {
          exercise: e.exercise,
          sessions: 0,
          sets: 0,
          reps: 0,
          volumeKg: 0,
          durationS: 0,
          distanceM: 0,
          best: null,
        };
        totals.set(e.exercise, t);
      }
      t.sessions++;
      t.sets += e.sets;
      t.reps += e.reps;
      t.volumeKg += e.volumeKg;
      t.durationS += e.durationS;
      t.distanceM += e.distanceM;
      // Strictly better only: the earliest of equal sets stays, whatever order sessions came.
      if (e.best && beats(e.best, t.best)) t.best = { ...e.best, day: session.day };
    }
  }
  return [...totals.values()]
    .map((t) => ({
      ...t,
      volumeKg: round2(t.volumeKg),
      durationS: round2(t.durationS),
      distanceM: round2(t.distanceM),
    }))
    .sort((a, b) => (a.exercise < b.exercise ? -1 : a.exercise > b.exercise ? 1 : 0));
}

/** The athlete's gold for `day`, from their sessions (those of other days are ignored). */
export function dailyGold(athlete: string, day: string, sessions: readonly SessionDigest[]): DailyGold {
  const ofDay = sessions.filter((s) => s.day === day).sort(byTime);
  return {
    athlete,
    day,
    ...totalsOf(ofDay),
    exercises: exerciseTotalsOf(ofDay),
    sessionList: ofDay.map((s) => ({
      sessionId: s.sessionId,
      sessionStart: s.sessionStart,
      name: s.name,
      source: s.source,
      ...(({ sets, volumeKg }) => ({ sets, volumeKg }))(totalsOf([s])),
      durationS: s.durationS,
      distanceM: s.distanceM,
    })),
  };
}

/**
 * The athlete's gold for `week`, from their sessions up to its end: the week's own, the
 * week before (for the comparison) and every earlier one (for personal records). Later
 * sessions are ignored, so a week's file does not change when later weeks are trained.
 */
export function weeklyGold(athlete: string, week: IsoWeek, sessions: readonly SessionDigest[]): WeeklyGold {
  const sorted = [...sessions].sort(byTime);
  const ofWeek = sorted.filter((s) => s.day >= week.start && s.day <= week.end);
  const before = sorted.filter((s) => s.day < week.start);
  const previous = previousWeekOf(week);
  const ofPrevious = before.filter((s) => s.day >= previous.start);
  const exercises = exerciseTotalsOf(ofWeek);
  const bestBefore = new Map(exerciseTotalsOf(before).map((t) => [t.exercise, t.best]));
  const personalRecords: PersonalRecord[] = [];
  for (const t of exercises) {
    const earlier = bestBefore.get(t.exercise);
    if (t.best && earlier && t.best.e1rmKg > earlier.e1rmKg) {
      const { exercise } = t;
      const { weightKg, reps, e1rmKg, day } = t.best;
      personalRecords.push({ exercise, weightKg, reps, e1rmKg, day, previousE1rmKg: earlier.e1rmKg });
    }
  }
  const totals = totalsOf(ofWeek);
  const previousTotals = totalsOf(ofPrevious);
  return {
    athlete,
    year: week.year,
    week: week.week,
    start: week.start,
    end: week.end,
    ...totals,
    trainingDays: new Set(ofWeek.map((s) => s.day)).size,
    exercises,
    personalRecords,
    previousWeek: { year: previous.year, week: previous.week, ...previousTotals },
    change: {
      sessions: totals.sessions - previousTotals.sessions,
      sets: round2(totals.sets - previousTotals.sets),
      volumeKg: round2(totals.volumeKg - previousTotals.volumeKg),
    },
  };
}

/** The ISO weeks the sessions fall in, in time order (the weeks an upload touched). */
export function weeksOf(sessions: readonly { readonly day: string }[]): IsoWeek[] {
  const weeks = new Map<string, IsoWeek>();
  for (const { day } of sessions) {
    const week = isoWeekOf(day);
    weeks.set(week.key, week);
  }
  return [...weeks.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** The bytes a gold file is written as: the same object always gives the same bytes. */
export const goldJson = (value: DailyGold | WeeklyGold): string => `${JSON.stringify(value, null, 2)}\n`;

/** Where the files of the processed bucket's gold layer live. */
export const goldKeys = {
  daily: (athlete: string, day: string) => `gold/daily/athlete=${athlete}/${day}.json`,
  weekly: (athlete: string, week: IsoWeek) =>
    `gold/weekly/athlete=${athlete}/${week.year}/week_${String(week.week).padStart(2, '0')}--${week.start}__${week.end}.json`,
} as const;
