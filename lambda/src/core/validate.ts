import { parseLocalDateTime } from './dates.js';
import type { RowIssue, RowIssueCode } from './errors.js';
import { SET_TYPES, type SetType } from './model.js';
import {
  type DistanceUnit,
  distanceUnitOf,
  parseDecimal,
  parseDurationS,
  toKg,
  toMetres,
  type WeightUnit,
  weightUnitOf,
} from './units.js';

const quote = (raw: string): string => `'${raw.length > 60 ? `${raw.slice(0, 57)}...` : raw}'`;

interface Bounds {
  readonly max?: number;
}

/**
 * Reads the cells of one row and remembers the FIRST problem, so a format module can read
 * every field straight through and check `issue` once at the end. One reader is reused for
 * every row of a file (the hot path allocates nothing for valid cells).
 */
export class RowReader {
  line = 0;
  issue: RowIssue | undefined = undefined;

  start(line: number): this {
    this.line = line;
    this.issue = undefined;
    return this;
  }

  fail(code: RowIssueCode, detail: string): null {
    if (this.issue === undefined) {
      this.issue = { line: this.line, code, message: `line ${this.line}: ${detail}` };
    }
    return null;
  }

  text(raw: string | undefined): string | null {
    if (raw === undefined) return null;
    const text = raw.trim();
    if (text === '') return null;
    // CRLF and LF copies of one export must give the same notes (and content hash).
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  required(raw: string | undefined, label: string): string {
    const text = this.text(raw);
    if (text === null) {
      this.fail('MISSING_VALUE', `${label} is missing`);
      return '';
    }
    return text;
  }

  decimal(raw: string | undefined, label: string, bounds: Bounds = {}): number | null {
    if (raw === undefined || raw === '') return null;
    const value = parseDecimal(raw);
    if (value === null) return null;
    if (!Number.isFinite(value)) return this.fail('INVALID_NUMBER', `${label} ${quote(raw)} is not a number`);
    if (value < 0) return this.fail('NEGATIVE_VALUE', `${label} ${quote(raw)} is negative`);
    if (bounds.max !== undefined && value > bounds.max) {
      return this.fail('OUT_OF_RANGE', `${label} ${quote(raw)} is above ${bounds.max}`);
    }
    return value;
  }

  whole(raw: string | undefined, label: string, bounds: Bounds = {}): number | null {
    if (raw === undefined || raw === '') return null;
    const value = parseDecimal(raw);
    if (value === null) return null;
    if (!Number.isInteger(value))
      return this.fail('NOT_WHOLE_NUMBER', `${label} ${quote(raw)} is not a whole number`);
    if (value < 0) return this.fail('NEGATIVE_VALUE', `${label} ${quote(raw)} is negative`);
    if (bounds.max !== undefined && value > bounds.max) {
      return this.fail('OUT_OF_RANGE', `${label} ${quote(raw)} is above ${bounds.max}`);
    }
    return value;
  }

  weightKg(raw: string | undefined, unit: WeightUnit, label = 'weight'): number | null {
    const value = this.decimal(raw, label, { max: unit === 'kg' ? 2000 : 4400 });
    return value === null ? null : toKg(value, unit);
  }

  distanceM(raw: string | undefined, unit: DistanceUnit, label = 'distance'): number | null {
    const value = this.decimal(raw, label);
    return value === null ? null : toMetres(value, unit);
  }

  /**
   * The unit in a unit column (`Weight Unit`: kg, kgs, lbs; `Distance Unit`: m, km, mi, mi.)
   * for the value beside it. It matters only next to a value: a row without one (a plank's
   * distance) may leave the unit out or write anything, and gets `fallback`.
   */
  weightUnit(value: string | undefined, raw: string | undefined, fallback: WeightUnit): WeightUnit {
    return this.unitBeside(value, raw, weightUnitOf, 'weight', 'kg or lbs', fallback);
  }

  distanceUnit(value: string | undefined, raw: string | undefined, fallback: DistanceUnit): DistanceUnit {
    return this.unitBeside(value, raw, distanceUnitOf, 'distance', 'm, km or mi', fallback);
  }

  private unitBeside<U>(
    value: string | undefined,
    raw: string | undefined,
    parse: (text: string) => U | undefined,
    kind: string,
    known: string,
    fallback: U,
  ): U {
    if (value === undefined || value.trim() === '') return fallback;
    const text = this.text(raw);
    if (text === null) return fallback;
    const unit = parse(text);
    if (unit !== undefined) return unit;
    this.fail('INVALID_UNIT', `${kind} unit '${text}' is not ${known}`);
    return fallback;
  }

  durationS(raw: string | undefined, label: string): number | null {
    if (raw === undefined) return null;
    const value = parseDurationS(raw);
    if (value === null) return null;
    if (!Number.isFinite(value) || value < 0) {
      return this.fail(
        'INVALID_DURATION',
        `${label} ${quote(raw)} is not a duration (like 1:02:03, 1h 2m or 95)`,
      );
    }
    return value;
  }

  dateTime(raw: string | undefined, label: string): string {
    const text = this.text(raw);
    if (text === null) {
      this.fail('MISSING_VALUE', `${label} is missing`);
      return '';
    }
    const value = parseLocalDateTime(text);
    if (value === undefined) {
      this.fail(
        'INVALID_DATE',
        `${label} ${quote(text)} is not a date (like 2024-05-01 07:30:00 or May 6, 2025)`,
      );
      return '';
    }
    return value;
  }

  rpe(raw: string | undefined): number | null {
    return this.decimal(raw, 'RPE', { max: 10 });
  }

  setType(raw: string | undefined): SetType {
    if (raw === 'normal' || raw === 'warmup' || raw === 'dropset' || raw === 'failure') return raw;
    const text = this.text(raw);
    if (text === null) return 'normal';
    const lower = text.toLowerCase().replace(/[\s_-]/g, '');
    const alias = lower === 'drop' ? 'dropset' : lower === 'warmupset' || lower === 'warm' ? 'warmup' : lower;
    if ((SET_TYPES as readonly string[]).includes(alias)) return alias as SetType;
    this.fail('INVALID_SET_TYPE', `set type ${quote(text)} is not one of ${SET_TYPES.join(', ')}`);
    return 'normal';
  }
}

/**
 * `r.required(raw, label)` for a column whose text repeats from row to row (every set of an
 * exercise names it again): a repeat of the last valid raw text returns the same string
 * object. Sorting a session's sets by exercise then compares one pointer instead of the
 * text, and the session keeps one copy of the name instead of one per set.
 */
export class RepeatedName {
  private raw: string | undefined = undefined;
  private name = '';

  required(r: RowReader, raw: string | undefined, label: string): string {
    if (raw !== undefined && raw === this.raw) return this.name;
    const name = r.required(raw, label);
    if (name !== '') {
      this.raw = raw;
      this.name = name;
    }
    return name;
  }
}

/** Zero in an optional figure means "not recorded" in most exports (Strong writes Seconds 0). */
export const zeroAsNull = (value: number | null): number | null => (value === 0 ? null : value);
