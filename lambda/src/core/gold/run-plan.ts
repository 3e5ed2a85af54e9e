/**
 * What a gold run computes, per athlete, decided before anything is written.
 *
 * - The scheduled run recomputes what uploads marked: the daily file of every touched day
 *   (also a day a session moved away from, which then says it had none), the weekly file of
 *   every touched week, and the weekly files of that athlete's later weeks with sessions,
 *   because their comparison with the week before and their personal records read the
 *   touched weeks. It also computes the last completed week of every athlete who trained
 *   then, for the weekly message.
 * - A reprocess recomputes each day named and its week, for every athlete with sessions
 *   then, and nothing later: the stored sessions did not change.
 *
 * Either way the files are a function of the stored sessions, so the same sessions give
 * the same bytes whichever uploads, runs and retries led there.
 */
import type { SessionDigest } from './session-digest.js';
import { type IsoWeek, isDay, isoWeekOf, isoWeekOfKey } from './weeks.js';

/** A week an upload touched (sessions-store.ts writes them), as the marks table holds it. */
export interface GoldMark {
  readonly athlete: string;
  readonly week: string;
  readonly days: readonly string[];
  /** Grows with every write that marks the week; the run clears a mark only at the revision it read. */
  readonly revision: number;
}

export interface AthleteWork {
  readonly athlete: string;
  /** Daily files to write, whether or not the day has sessions now. */
  readonly days: readonly string[];
  /**
   * Daily files to write only if the day turns out to have sessions: requested days the week
   * index does not place the athlete on, where a session stored before digests may be.
   */
  readonly daysIfSessions: readonly string[];
  /** Weekly files to write. */
  readonly weeks: readonly IsoWeek[];
  /** Also rewrite the weekly files of every later week with sessions. */
  readonly laterWeeks: boolean;
  /** The marks this work clears once written. */
  readonly marks: readonly GoldMark[];
}

export interface SkippedMark {
  readonly mark: GoldMark;
  readonly reason: string;
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

const weeksOfKeys = (keys: Iterable<string>): IsoWeek[] =>
  sorted(keys).flatMap((key) => {
    const week = isoWeekOfKey(key);
    return week ? [week] : [];
  });

/** The scheduled run's work: every marked week, and the last completed week of who trained then. */
export function scheduledWork(
  marks: readonly GoldMark[],
  lastWeek: IsoWeek,
  athletesOfLastWeek: readonly string[],
): { work: AthleteWork[]; skipped: SkippedMark[] } {
  const skipped: SkippedMark[] = [];
  const byAthlete = new Map<string, GoldMark[]>();
  for (const mark of marks) {
    if (!isoWeekOfKey(mark.week)) {
      skipped.push({ mark, reason: `'${mark.week}' is not an ISO week such as 2025-W03` });
      continue;
    }
    byAthlete.set(mark.athlete, [...(byAthlete.get(mark.athlete) ?? []), mark]);
  }
  for (const athlete of athletesOfLastWeek) if (!byAthlete.has(athlete)) byAthlete.set(athlete, []);
  const work = sorted(byAthlete.keys()).map((athlete): AthleteWork => {
    const own = byAthlete.get(athlete) ?? [];
    const trainedLastWeek = athletesOfLastWeek.includes(athlete);
    return {
      athlete,
      days: sorted(own.flatMap((m) => m.days.filter((day) => isDay(day) && isoWeekOf(day).key === m.week))),
      daysIfSessions: [],
      weeks: weeksOfKeys([...own.map((m) => m.week), ...(trainedLastWeek ? [lastWeek.key] : [])]),
      laterWeeks: own.length > 0,
      marks: own,
    };
  });
  return { work, skipped };
}

/** A reprocess's work: each day and its week, for the athletes with sessions on the day or in the week. */
export function reprocessWork(
  days: readonly string[],
  athletesOfDay: ReadonlyMap<string, readonly string[]>,
  athletesOfWeek: ReadonlyMap<string, readonly string[]>,
): AthleteWork[] {
  const athletes = sorted([...athletesOfDay.values(), ...athletesOfWeek.values()].flat());
  return athletes.map((athlete) => {
    const onDay = (day: string) => athletesOfDay.get(day)?.includes(athlete) ?? false;
    const inWeek = (day: string) => athletesOfWeek.get(isoWeekOf(day).key)?.includes(athlete) ?? false;
    return {
      athlete,
      days: days.filter(onDay),
      daysIfSessions: days.filter((day) => !onDay(day) && inWeek(day)),
      weeks: weeksOfKeys(
        [...athletesOfWeek].filter(([, who]) => who.includes(athlete)).map(([week]) => week),
      ),
      laterWeeks: false,
      marks: [],
    };
  });
}

/** The last day whose sessions the work reads: its last day or week, or everything for later weeks. */
export function readUntil(work: AthleteWork): string | undefined {
  if (work.laterWeeks) return undefined;
  return sorted([...work.days, ...work.daysIfSessions, ...work.weeks.map((w) => w.end)]).at(-1);
}

/** The weekly files to write: the work's weeks, and with `laterWeeks` every later week with sessions. */
export function weeksToWrite(work: AthleteWork, digests: readonly SessionDigest[]): IsoWeek[] {
  const first = work.weeks[0];
  if (!work.laterWeeks || !first) return [...work.weeks];
  const later = digests.filter((d) => d.day > first.end).map((d) => isoWeekOf(d.day).key);
  return weeksOfKeys([...work.weeks.map((w) => w.key), ...later]);
}
