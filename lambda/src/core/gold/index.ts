/** The gold layer's pure part: days, ISO weeks, exercise summaries and aggregates. */
export type { DailyGold, ExerciseTotals, PersonalRecord, Totals, WeeklyGold } from './aggregates.js';
export { dailyGold, goldJson, goldKeys, weeklyGold, weeksOf } from './aggregates.js';
export type { BestSet, ExerciseSummary } from './exercise-summary.js';
export { EPLEY_MAX_REPS, e1rmOf, summarizeExercises } from './exercise-summary.js';
export type { AthleteWork, GoldMark, SkippedMark } from './run-plan.js';
export { readUntil, reprocessWork, scheduledWork, weeksToWrite } from './run-plan.js';
export type { GoldRunRequest } from './run-request.js';
export { daysFrom, GoldRequestError, goldRunRequestOf, MAX_REPROCESS_DAYS } from './run-request.js';
export type { SessionDigest, StoredDigest } from './session-digest.js';
export {
  dayOfSession,
  digestOf,
  SESSIONS_WEEK_INDEX,
  STORED_EXERCISES_MAX_BYTES,
  storedDigestOf,
  weekIndexKeyOf,
} from './session-digest.js';
export type { WeeklyMessage } from './weekly-message.js';
export { weeklyMessageOf } from './weekly-message.js';
export type { IsoWeek } from './weeks.js';
export {
  addDays,
  isDay,
  isoWeekOf,
  isoWeekOfKey,
  localDateOf,
  localDayOf,
  previousWeekOf,
} from './weeks.js';
