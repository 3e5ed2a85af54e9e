/**
 * Date parsing for the formats exports use. The result is local wall-clock time,
 * `YYYY-MM-DDTHH:mm:ss`, never converted to UTC: the exports carry no offset, so the caller
 * supplies the IANA timezone separately and the core keeps both.
 */
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const monthOf = (name: string): number | undefined => {
  const key = name.toLowerCase().replace(/\.$/, '');
  return MONTHS[key] ?? MONTHS[key.slice(0, 3)];
};

const TIME = String.raw`(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp][Mm]))?)?`;
const TAIL = String.raw`\s*(?:Z|[+-]\d{2}:?\d{2})?$`;
/** 2024-05-01, 2024-05-01 07:30, 2024-05-01T07:30:00, 2023-05-01 7:04:21 PM */
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}${TAIL}`);
/** May 6, 2025 / Aug. 1, 2024 / Sept. 3, 2024 10:15 */
const MONTH_FIRST = new RegExp(String.raw`^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})${TIME}${TAIL}`);
/** 26 Aug 2023, 10:46 / 31-Jul-24 / 31 July 2024 */
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[- ]([A-Za-z]{3,9}\.?)[- ,]+(\d{2}|\d{4})${TIME}${TAIL}`);

const pad = (n: number): string => String(n).padStart(2, '0');

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

const isRealDate = (y: number, m: number, d: number): boolean => {
  if (m < 1 || m > 12 || d < 1) return false;
  if (m !== 2) return d <= (DAYS_IN_MONTH[m - 1] ?? 31);
  // What Date.UTC(y, 2, 0) said before, without a Date: it reads years 0-99 as 1900-1999.
  const year = y >= 0 && y <= 99 ? 1900 + y : y;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return d <= (leap ? 29 : 28);
};

const build = (
  y: number,
  m: number,
  d: number,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
  ampm: string | undefined,
): string | undefined => {
  if (!isRealDate(y, m, d)) return undefined;
  let hour = hh === undefined ? 0 : Number(hh);
  const minute = mm === undefined ? 0 : Number(mm);
  const second = ss === undefined ? 0 : Number(ss);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    const pm = ampm.toLowerCase() === 'pm';
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}T${pad(hour)}:${pad(minute)}:${pad(second)}`;
};

/** Two-digit years are 20xx: no workout app existed in the 1900s. */
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

const last: { raw: string | undefined; value: string | undefined } = { raw: undefined, value: undefined };

/**
 * Parses a date or date-time into local time `YYYY-MM-DDTHH:mm:ss`; undefined when the text
 * is not a date this project reads (or names a day that does not exist, like Feb 30).
 * A trailing `Z` or offset is accepted and dropped: the wall-clock time is what is kept.
 */
export const parseLocalDateTime = (raw: string): string | undefined => {
  // Rows of one day or one workout repeat the same date text: remember the last one.
  if (raw === last.raw) return last.value;
  const value = parse(raw);
  last.raw = raw;
  last.value = value;
  return value;
};

const parse = (raw: string): string | undefined => {
  // Newer iOS exports put a narrow no-break space before AM/PM.
  const text = raw.trim().replace(/[\u202f\u00a0]/g, ' ');
  const first = text.charCodeAt(0);
  // ISO and DAY_FIRST start with a digit, MONTH_FIRST with a letter: try only what can match.
  if (!(first >= 48 && first <= 57)) {
    const m = MONTH_FIRST.exec(text);
    if (!m) return undefined;
    const month = monthOf(m[1] ?? '');
    return month === undefined ? undefined : build(Number(m[3]), month, Number(m[2]), m[4], m[5], m[6], m[7]);
  }
  let m = ISO.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m[4], m[5], m[6], m[7]);
  m = DAY_FIRST.exec(text);
  if (m) {
    const month = monthOf(m[2] ?? '');
    return month === undefined
      ? undefined
      : build(fullYear(m[3] ?? ''), month, Number(m[1]), m[4], m[5], m[6], m[7]);
  }
  return undefined;
};

const OFFSET = /(?:\s|\d)(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * The UTC offset a date-time states explicitly (`2020-06-18 21:15:42 +0000`,
 * `2024-05-01T07:30:00Z`), as `+00:00`; null when it states none. Most exports write local
 * time without an offset; one that writes an offset says exactly which instant it means, so
 * the offset is kept beside the local time rather than dropped.
 */
export const utcOffsetOf = (raw: string): string | null => {
  const m = OFFSET.exec(raw.trim());
  if (m === null) return null;
  if (m[1] === 'Z') return '+00:00';
  const hours = Number(m[3]);
  const minutes = Number(m[4]);
  if (hours > 14 || minutes > 59) return null;
  return `${m[2]}${m[3]}:${m[4]}`;
};

/** True when the name is an IANA timezone this runtime knows. */
export const isValidTimezone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
};
