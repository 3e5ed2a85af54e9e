/**
 * The weekly SNS message of one athlete: "Week 23: 4 workouts, 12,340 kg, 2 personal
 * records: Squat 140 kg x 3, Bench Press 100 kg x 5", with attributes subscribers can
 * filter on. Sent for weeks with at least one workout.
 */
import type { WeeklyGold } from './aggregates.js';

/** Records named in the text; the rest are counted ("and 3 more"). */
export const MESSAGE_RECORDS_LISTED = 5;

export interface WeeklyMessage {
  readonly subject: string;
  readonly text: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Once per (athlete, week), however often the week is recomputed or a run retried. */
  readonly deduplicationId: string;
}

const kg = (value: number) => `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} kg`;

export function weeklyMessageOf(gold: WeeklyGold): WeeklyMessage | undefined {
  if (gold.sessions === 0) return undefined;
  const week = `${gold.year}-W${String(gold.week).padStart(2, '0')}`;
  const workouts = `${gold.sessions} workout${gold.sessions === 1 ? '' : 's'}`;
  const records = gold.personalRecords;
  const listed = records
    .slice(0, MESSAGE_RECORDS_LISTED)
    .map((r) => `${r.exercise} ${kg(r.weightKg)} x ${r.reps}`);
  if (records.length > MESSAGE_RECORDS_LISTED)
    listed.push(`and ${records.length - MESSAGE_RECORDS_LISTED} more`);
  const recordsText =
    records.length === 0
      ? 'no personal records'
      : `${records.length} personal record${records.length === 1 ? '' : 's'}: ${listed.join(', ')}`;
  return {
    subject: `Week ${gold.week}: ${workouts}`,
    text: `Week ${gold.week} (${gold.start} to ${gold.end}): ${workouts}, ${kg(gold.volumeKg)}, ${recordsText}`,
    attributes: {
      kind: 'weekly-summary',
      athlete: gold.athlete,
      week,
      personalRecords: String(records.length),
    },
    deduplicationId: `weekly-summary#${gold.athlete}#${week}`,
  };
}
