/**
 * Number, unit and duration parsing. Every conversion factor lives here, so a value is
 * converted exactly once, on the way in. Results are rounded to a fixed precision so the
 * same input always yields the same number (and the same content hash) everywhere.
 */
export const KG_PER_LB = 0.45359237;
export const M_PER_MILE = 1609.344;
export const M_PER_KM = 1000;
export const M_PER_YARD = 0.9144;
export const M_PER_FOOT = 0.3048;

/** Round to 6 decimals: below any measuring precision, above float noise. */
export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * `/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)` without a regex: the shape of nearly every
 * number in an export, checked on every numeric cell.
 */
const isPlainNumber = (text: string): boolean => {
  const n = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 43 || sign === 45) i = 1;
  const intStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (i === n) return intDigits > 0;
  if (text.charCodeAt(i) !== 46) return false;
  i++;
  const fracStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  return i === n && (intDigits > 0 || i > fracStart);
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * `/^[+-]?\d+,\d+$/.test(text)` without a regex: a decimal comma (`47,5`), every weight of a
 * localized export.
 */
const isCommaDecimal = (text: string): boolean => {
  const comma = text.indexOf(',');
  if (comma < 0) return false;
  const sign = text.charCodeAt(0);
  const from = sign === 43 || sign === 45 ? 1 : 0;
  return (
    comma > from &&
    allDigits(text, from, comma) &&
    comma + 1 < text.length &&
    allDigits(text, comma + 1, text.length)
  );
};

const allDigits = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) if (!isDigit(text.charCodeAt(i))) return false;
  return true;
};
/** Exact powers of ten: every one up to 1e22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The value of a plain number (`62`, `62.5`, `-3`, `.5`) or a decimal comma (`62,5`), read
 * while its shape is checked, instead of the shape check and then `Number(text)`. Exact:
 * with at most 15 digits the digits form an integer below 2^53 and the scale a power of ten
 * up to 1e22, both doubles without rounding, so one correctly rounded division gives the
 * double nearest the decimal, which is what `Number` returns (the classic fast path of
 * decimal parsing). Undefined for anything else, longer numbers included.
 */
const shortDecimal = (text: string): number | undefined => {
  const n = text.length;
  let i = 0;
  const sign = text.charCodeAt(0);
  if (sign === 43 || sign === 45) i = 1;
  let value = 0;
  let digits = 0;
  let point = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
    } else if (point < 0 && (c === 46 || (c === 44 && digits > 0))) {
      point = digits;
      if (c === 44 && i + 1 === n) return undefined; // `62,` is no decimal comma
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const scaled = point < 0 || point === digits ? value : value / (POW10[digits - point] as number);
  return sign === 45 ? -scaled : scaled;
};

const THOUSANDS_DOT_DECIMAL = /^[+-]?\d{1,3}(,\d{3})+\.\d+$/;
const THOUSANDS_COMMA_DECIMAL = /^[+-]?\d{1,3}(\.\d{3})+,\d+$/;

/**
 * Parses a decimal the way exports write them: `62.5`, `62,5` (decimal comma, as in
 * European locales), `1,234.5` and `1.234,5`. Returns null for an empty cell and NaN for text
 * that is not a number.
 */
export const parseDecimal = (raw: string): number | null => {
  const text = raw.trim();
  if (text === '') return null;
  const short = shortDecimal(text);
  if (short !== undefined) return short;
  if (isPlainNumber(text)) return Number(text);
  if (isCommaDecimal(text)) return Number(text.replace(',', '.'));
  if (THOUSANDS_DOT_DECIMAL.test(text)) return Number(text.replaceAll(',', ''));
  if (THOUSANDS_COMMA_DECIMAL.test(text)) return Number(text.replaceAll('.', '').replace(',', '.'));
  return Number.NaN;
};

export const WEIGHT_UNITS = ['kg', 'lbs'] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
export const DISTANCE_UNITS = ['m', 'km', 'mi', 'yd', 'ft'] as const;
export type DistanceUnit = (typeof DISTANCE_UNITS)[number];

const WEIGHT_ALIASES: Readonly<Record<string, WeightUnit>> = {
  kg: 'kg',
  kgs: 'kg',
  kilograms: 'kg',
  lb: 'lbs',
  lbs: 'lbs',
  pounds: 'lbs',
};
const DISTANCE_ALIASES: Readonly<Record<string, DistanceUnit>> = {
  m: 'm',
  meters: 'm',
  metres: 'm',
  km: 'km',
  kms: 'km',
  kilometers: 'km',
  kilometres: 'km',
  mi: 'mi',
  mile: 'mi',
  miles: 'mi',
  yd: 'yd',
  yds: 'yd',
  yards: 'yd',
  ft: 'ft',
  feet: 'ft',
};

/** `mi.`, `km.`: Strong writes some unit names as abbreviations with a dot. */
const unitName = (raw: string): string => raw.trim().toLowerCase().replace(/\.$/, '');

/**
 * A unit lookup that remembers its last cell: a unit column repeats one text on nearly every
 * row (`kg`), and trimming, lowercasing and a regex per row was most of Strong's unit cost.
 */
const unitLookup = <U>(aliases: Readonly<Record<string, U>>): ((raw: string) => U | undefined) => {
  let lastRaw: string | undefined;
  let lastUnit: U | undefined;
  return (raw) => {
    if (raw !== lastRaw) {
      lastRaw = raw;
      lastUnit = aliases[unitName(raw)];
    }
    return lastUnit;
  };
};

export const weightUnitOf: (raw: string) => WeightUnit | undefined = unitLookup(WEIGHT_ALIASES);
export const distanceUnitOf: (raw: string) => DistanceUnit | undefined = unitLookup(DISTANCE_ALIASES);

export const toKg = (value: number, unit: WeightUnit): number =>
  unit === 'kg' ? value : round6(value * KG_PER_LB);

const METRES: Readonly<Record<DistanceUnit, number>> = {
  m: 1,
  km: M_PER_KM,
  mi: M_PER_MILE,
  yd: M_PER_YARD,
  ft: M_PER_FOOT,
};
export const toMetres = (value: number, unit: DistanceUnit): number =>
  unit === 'm' ? value : round6(value * METRES[unit]);

const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$/;
const WORDS =
  /^(?:(\d+(?:[.,]\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+(?:[.,]\d+)?)\s*m(?:in(?:utes?|s)?)?)?\s*(?:(\d+(?:[.,]\d+)?)\s*s(?:ec(?:onds?|s)?)?)?$/i;

/** Strong's Chinese export writes `1小时21分钟`: read as `1h21m`. */
const localizedUnits = (text: string): string =>
  /[\u4e00-\u9fff]/.test(text) ? text.replace(/小时/g, 'h').replace(/分钟/g, 'm').replace(/秒/g, 's') : text;

const num = (part: string | undefined): number => (part === undefined ? 0 : Number(part.replace(',', '.')));

/**
 * Parses a duration to seconds: `1:02:03`, `02:03` (mm:ss), `1h 2m`, `45m`, `1h 2m 3s`,
 * `90` or `90.5` (seconds). Returns null for an empty cell and NaN for anything else.
 */
export const parseDurationS = (raw: string): number | null => {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  const plain = parseDecimal(trimmed);
  if (plain !== null && !Number.isNaN(plain)) return plain;
  const text = localizedUnits(trimmed);
  const clock = CLOCK.exec(text);
  if (clock) {
    const seconds = num(clock[1]) * 3600 + num(clock[2]) * 60 + num(clock[3]);
    return num(clock[3]) >= 60 || (clock[1] !== undefined && num(clock[2]) >= 60)
      ? Number.NaN
      : round6(seconds);
  }
  const words = WORDS.exec(text);
  if (words && (words[1] ?? words[2] ?? words[3]) !== undefined) {
    return round6(num(words[1]) * 3600 + num(words[2]) * 60 + num(words[3]));
  }
  return Number.NaN;
};
