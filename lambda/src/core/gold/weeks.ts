/**
 * Calendar arithmetic for gold: the local day a session belongs to and ISO 8601 weeks
 * (weeks start on Monday; week 1 is the week with the year's first Thursday, so 2024-12-30
 * is in 2025-W01 and 2021-01-03 in 2020-W53). Days are `YYYY-MM-DD` strings, computed on
 * UTC midnights so no host timezone or daylight-saving change can shift them.
 */

const DAY_MS = 86_400_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface IsoWeek {
  /** The ISO week-numbering year, which differs from the calendar year around New Year. */
  readonly year: number;
  readonly week: number;
  /** `2025-W03`: sorts in time order. */
  readonly key: string;
  /** Monday. */
  readonly start: string;
  /** Sunday. */
  readonly end: string;
}

/** Midnight UTC of a `YYYY-MM-DD` day, or undefined for anything that is not a real day. */
function dayToMs(day: string): number | undefined {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? date.getTime()
    : undefined;
}

const msToDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const isDay = (day: string): boolean => dayToMs(day) !== undefined;

function requireDay(day: string): number {
  const ms = dayToMs(day);
  if (ms === undefined) throw new RangeError(`'${day}' is not a calendar day written YYYY-MM-DD`);
  return ms;
}

/** The day `days` days after `day` (negative: before). */
export const addDays = (day: string, days: number): string => msToDay(requireDay(day) + days * DAY_MS);

export function isoWeekOf(day: string): IsoWeek {
  const ms = requireDay(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 ... Sunday 6
  const monday = ms - weekday * DAY_MS;
  // The week's Thursday decides its year.
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursdayYearStart = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - firstThursdayYearStart) / DAY_MS / 7) + 1;
  return {
    year,
    week,
    key: `${year}-W${String(week).padStart(2, '0')}`,
    start: msToDay(monday),
    end: msToDay(monday + 6 * DAY_MS),
  };
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The week of a key such as `2025-W03` (a gold mark's week); undefined if there is no such week. */
export function isoWeekOfKey(key: string): IsoWeek | undefined {
  const match = WEEK_KEY.exec(key);
  if (!match) return undefined;
  // January 4th is always in week 1.
  const week1 = isoWeekOf(`${match[1]}-01-04`);
  const week = isoWeekOf(addDays(week1.start, 7 * (Number(match[2]) - 1)));
  return week.key === key ? week : undefined;
}

/** The week before. */
export const previousWeekOf = (week: IsoWeek): IsoWeek => isoWeekOf(addDays(week.start, -7));

/**
 * The local day a session counts on. Most exports state no offset: their wall-clock start
 * is already the athlete's local time. A start with a stated offset (Fitbod's `+0000`) is an
 * instant, and counts on the day it was in `timezone`: a 23:30 UTC workout in Berlin is the
 * next day's.
 */
export function localDayOf(sessionStart: string, utcOffset: string | undefined, timezone: string): string {
  if (utcOffset === undefined) return sessionStart.slice(0, 10);
  const instant = new Date(`${sessionStart}${utcOffset}`);
  if (Number.isNaN(instant.getTime())) {
    throw new RangeError(`'${sessionStart}${utcOffset}' is not a local time with a UTC offset`);
  }
  return localDateOf(instant, timezone);
}

/** The calendar day an instant falls on in `timezone`. */
export function localDateOf(instant: Date, timezone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
