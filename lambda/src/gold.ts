/**
 * The gold application service: for an athlete and the ISO weeks to recompute, the weekly
 * file of each week and the daily file of each of its days with sessions, from the stored
 * digests (docs/gold.md). Writing is idempotent: the same stored sessions give the same
 * bytes at the same keys. Not yet run by a schedule or an upload (issue 18).
 */
import type { GoldSource } from './adapters/gold-source.js';
import type { OutputSink } from './adapters/s3-sink.js';
import { dailyGold, goldJson, goldKeys, type IsoWeek, weeklyGold } from './core/gold/index.js';

export interface AthleteGoldResult {
  readonly athlete: string;
  readonly weeks: readonly string[];
  readonly written: readonly string[];
  /** Sessions stored before digests existed: not in any figure until their content changes. */
  readonly withoutDigest: readonly string[];
}

export async function writeAthleteGold(
  athlete: string,
  weeks: readonly IsoWeek[],
  deps: { readonly source: GoldSource; readonly sink: OutputSink },
): Promise<AthleteGoldResult> {
  const sorted = [...weeks].sort((a, b) => a.start.localeCompare(b.start));
  const last = sorted.at(-1);
  if (!last) return { athlete, weeks: [], written: [], withoutDigest: [] };
  const { digests, withoutDigest } = await deps.source.digestsOf(athlete, last.end);
  const written: string[] = [];
  for (const week of sorted) {
    const days = [
      ...new Set(digests.filter((d) => d.day >= week.start && d.day <= week.end).map((d) => d.day)),
    ].sort();
    for (const day of days) {
      const key = goldKeys.daily(athlete, day);
      await deps.sink.putText(key, goldJson(dailyGold(athlete, day, digests)), 'application/json');
      written.push(key);
    }
    const key = goldKeys.weekly(athlete, week);
    await deps.sink.putText(key, goldJson(weeklyGold(athlete, week, digests)), 'application/json');
    written.push(key);
  }
  return { athlete, weeks: sorted.map((w) => w.key), written, withoutDigest };
}
