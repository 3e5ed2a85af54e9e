/**
 * What gold reads of a stored session: its day, its figures and its exercise summaries,
 * never its sets. The digest is built once, when the session is written, so a gold run
 * reads small items, and silver only for sessions stored without a complete digest.
 */
import type { Session } from '../model.js';
import { type ExerciseSummary, summarizeExercises } from './exercise-summary.js';
import { isoWeekOf, localDayOf } from './weeks.js';

export interface SessionDigest {
  readonly sessionId: string;
  /** The athlete's local day (weeks.ts localDayOf). */
  readonly day: string;
  readonly sessionStart: string;
  readonly name: string;
  readonly source: string;
  /** The session's own duration and distance, else the sum over its sets. */
  readonly durationS: number;
  readonly distanceM: number;
  readonly exercises: readonly ExerciseSummary[];
}

export function digestOf(session: Session): SessionDigest {
  const exercises = summarizeExercises(session.sets);
  const setsTotal = (pick: (e: ExerciseSummary) => number) => exercises.reduce((sum, e) => sum + pick(e), 0);
  return {
    sessionId: session.id,
    day: dayOfSession(session),
    sessionStart: session.sessionStart,
    name: session.name,
    source: session.source,
    durationS: session.durationS ?? setsTotal((e) => e.durationS),
    distanceM: session.distanceM ?? setsTotal((e) => e.distanceM),
    exercises,
  };
}

/** Time order, then id: the order every aggregate reads sessions in, whatever order they came. */
export const byTime = (a: SessionDigest, b: SessionDigest): number =>
  a.day.localeCompare(b.day) ||
  a.sessionStart.localeCompare(b.sessionStart) ||
  a.sessionId.localeCompare(b.sessionId);

/**
 * The most of a digest's exercise summaries a session item carries, in bytes of JSON. A
 * DynamoDB item holds at most 400 KB; summaries are bounded by a session's exercises, but
 * an export may hold a session of thousands of exercises or one absurdly long name.
 */
export const STORED_EXERCISES_MAX_BYTES = 64 * 1024;

/** What a session item stores for gold: the whole digest, or all of it but the summaries. */
export type StoredDigest = Omit<
  SessionDigest,
  'sessionId' | 'sessionStart' | 'name' | 'source' | 'exercises'
> & {
  readonly week: string;
  /** `<day>#<athlete>#<sessionId>`, the week index's sort key. */
  readonly weekIndexKey: string;
} & (
    | { readonly exercises: readonly ExerciseSummary[] }
    /** Too large to store: the gold run reads this session's sets from its silver file. */
    | { readonly exercisesOmitted: number }
  );

/** The local day a session counts on (weeks.ts localDayOf). */
export const dayOfSession = (session: Session): string =>
  localDayOf(session.sessionStart, session.utcOffset, session.timezone);

/**
 * The sessions table's index by ISO week (docs/infrastructure.md): the week's sessions of
 * every athlete are one query, a day's the same query with `begins_with(weekIndexKey, day)`.
 * Keys only: a gold run needs the athletes of a week, then reads each athlete's partition.
 * The stacks create it with these names; the items carry both attributes (StoredDigest).
 */
export const SESSIONS_WEEK_INDEX = {
  name: 'by-week',
  partitionKey: 'week',
  sortKey: 'weekIndexKey',
} as const;

/**
 * The sort key of the sessions table's week index: day first, so a day's sessions of every
 * athlete are a `begins_with` query on the week's partition (docs/infrastructure.md).
 */
export const weekIndexKeyOf = (day: string, athlete: string, sessionId: string): string =>
  `${day}#${athlete}#${sessionId}`;

export function storedDigestOf(session: Session): StoredDigest {
  const { day, durationS, distanceM, exercises } = digestOf(session);
  const base = {
    day,
    week: isoWeekOf(day).key,
    weekIndexKey: weekIndexKeyOf(day, session.athlete, session.id),
    durationS,
    distanceM,
  };
  return JSON.stringify(exercises).length <= STORED_EXERCISES_MAX_BYTES
    ? { ...base, exercises }
    : { ...base, exercisesOmitted: exercises.length };
}
