/**
 * The canonical model every export format is mapped to. A session is one workout: a cardio
 * activity (figures, no sets) or a strength workout (sets). Times are local wall-clock time
 * (`YYYY-MM-DDTHH:mm:ss`, no offset) plus the IANA timezone the caller supplied, because the
 * exports themselves carry no offset.
 */
export const SET_TYPES = ['normal', 'warmup', 'dropset', 'failure'] as const;
export type SetType = (typeof SET_TYPES)[number];

export const FORMAT_NAMES = [
  'mapmyfitness',
  'strong',
  'hevy',
  'fitnotes',
  'fitbod',
  'garmin',
  'canonical',
  'jsonl',
] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface WorkoutSet {
  readonly exercise: string;
  /** 1-based position of the set within its exercise in this session. */
  readonly setIndex: number;
  readonly setType: SetType;
  readonly weightKg: number | null;
  readonly reps: number | null;
  readonly distanceM: number | null;
  readonly durationS: number | null;
  readonly rpe: number | null;
  readonly notes: string | null;
  /** Line of the input file the set came from (1 = header). Not part of the content hash. */
  readonly line: number;
}

/** What identifies and describes a session, without its sets. */
export interface SessionFields {
  /** The app the data originally came from (a canonical file keeps the original source). */
  readonly source: string;
  readonly sourceWorkoutId: string | null;
  /** Local time, `YYYY-MM-DDTHH:mm:ss`. */
  readonly sessionStart: string;
  /**
   * The UTC offset of sessionStart (`+00:00`) when the source states one (Fitbod writes
   * `2020-06-18 21:15:42 +0000`); absent when it states none, as most exports do.
   */
  readonly utcOffset?: string;
  /** Workout name or activity type. */
  readonly name: string;
  readonly durationS: number | null;
  readonly distanceM: number | null;
  readonly energyKcal: number | null;
  readonly avgHeartRate: number | null;
  readonly steps: number | null;
  readonly notes: string | null;
}

export interface Session extends SessionFields {
  /** Stable hash of (athlete, source, sourceWorkoutId), else of (athlete, sessionStart, name). */
  readonly id: string;
  /** Hash of the normalized session (sets sorted canonically); tells "unchanged" from "updated". */
  readonly contentHash: string;
  readonly athlete: string;
  readonly timezone: string;
  /** Sets sorted by exercise, then setIndex. Empty for a cardio activity. */
  readonly sets: readonly WorkoutSet[];
  /** First input line of the session. */
  readonly line: number;
}
