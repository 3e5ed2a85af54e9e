/**
 * What gold reads of a stored session: its day, its figures and its exercise summaries,
 * never its sets. The digest is built once, when the session is written, so a gold run
 * reads small items and no silver files.
 */
import type { Session } from '../model.js';
import { type ExerciseSummary, summarizeExercises } from './exercise-summary.js';
import { localDayOf } from './weeks.js';

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
    day: localDayOf(session.sessionStart, session.utcOffset, session.timezone),
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
