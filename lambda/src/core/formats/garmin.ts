import { RowReader, zeroAsNull } from '../validate.js';
import type { UnitAssumptions } from './assumed-units.js';
import { Columns, cell, normalizeName } from './columns.js';
import { identityKey } from './session-cache.js';
import { type CsvFormat, type HeaderInfo, type RowMapper, reject, skip } from './types.js';

/**
 * Garmin Connect `Activities.csv`: one row per activity, like MapMyFitness. The columns
 * change with the year and the account's devices (26 to 42 seen); those read here are in
 * every real export: Activity Type, Date (local time), Title, Distance, Calories, Time,
 * Avg HR, and Steps when present. The header names no unit: Distance is in the account's
 * unit (km or miles), read in the distance unit the caller states and named in the report.
 * Swims are the exception (pool lengths in metres or yards, which nothing in the file
 * says): a swim with a distance is rejected with that reason rather than stored 1000x off.
 *
 * Values: numbers use `.` for decimals and `,` for thousands (`"2,389"` kcal, in every
 * locale seen); `--` and `NaN` mean no value; times are `hh:mm:ss` with optional tenths.
 * Garmin does not escape quotes inside a title (`"8km + 10x20"/40" + 2km"`): the CSV reader
 * keeps such a field whole, and the outer quotes are removed here. The session's name is
 * the activity type (stable, like MapMyFitness); the title, which the person may rename,
 * goes into its notes. Headers in English and Danish (seen in real exports).
 */
const DANISH: Readonly<Record<string, string>> = {
  aktivitetstype: 'activity type',
  dato: 'date',
  titel: 'title',
  kalorier: 'calories',
  tid: 'time',
  'gennemsnitlig puls': 'avg hr',
};

const english = (names: readonly string[]): string[] =>
  names.map((name) => {
    const normal = normalizeName(name);
    return DANISH[normal] ?? normal;
  });

const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A Garmin number: `2,389` is two thousand; `--` and `NaN` are no value. */
const garminNumber = (raw: string | undefined): string | undefined => {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '--' || text === 'NaN' || text === '--:--:--') return '';
  return THOUSANDS.test(text) ? text.replaceAll(',', '') : text;
};

const unquoted = (text: string | null): string | null =>
  text !== null && text.length > 1 && text.startsWith('"') && text.endsWith('"')
    ? text.slice(1, -1).trim()
    : text;

export const garmin: CsvFormat = {
  name: 'garmin',
  label: 'Garmin Connect Activities.csv (Activity Type,Date,Favorite,Title,Distance,Calories,Time,...)',
  oneRowPerSession: true,
  setNumbering: 'file-order',

  detect({ names }: HeaderInfo, units) {
    const cols = new Columns(english(names));
    if (!cols.has('activity type', 'date', 'title', 'time')) return undefined;
    const language = normalizeName(names[0] ?? '') === 'aktivitetstype' ? 'da' : 'en';
    return `${language}/distance-${units.distance()}`;
  },

  createMapper({ names }: HeaderInfo, units: UnitAssumptions): RowMapper {
    const cols = new Columns(english(names));
    const iType = cols.index('activity type');
    const iDate = cols.index('date');
    const iTitle = cols.index('title');
    const iDistance = cols.index('distance');
    const iCalories = cols.index('calories');
    const iTime = cols.index('time');
    const iHeartRate = cols.index('avg hr');
    const iSteps = cols.index('steps');
    const distanceUnit = units.distance();
    const reader = new RowReader();

    return (fields, line) => {
      const r = reader.start(line);
      const time = r.durationS(garminNumber(cell(fields, iTime)), 'time');
      if (r.issue) return reject(r.issue);
      if (time === null || time === 0) return skip('zero-time');
      const name = r.required(cell(fields, iType), 'activity type');
      const rawDistance = garminNumber(cell(fields, iDistance));
      const distance = zeroAsNull(r.decimal(rawDistance, 'distance'));
      if (distance !== null && /swim/i.test(name)) {
        r.fail(
          'INVALID_UNIT',
          `a ${name} distance '${rawDistance}' is in metres or yards, which the file does not say; it is not read`,
        );
      }
      const session = {
        source: 'garmin',
        sourceWorkoutId: null,
        sessionStart: r.dateTime(cell(fields, iDate), 'date'),
        name,
        durationS: time,
        distanceM: zeroAsNull(r.distanceM(rawDistance, distanceUnit)),
        energyKcal: zeroAsNull(r.decimal(garminNumber(cell(fields, iCalories)), 'calories')),
        avgHeartRate: zeroAsNull(r.decimal(garminNumber(cell(fields, iHeartRate)), 'avg hr', { max: 300 })),
        steps: zeroAsNull(r.whole(garminNumber(cell(fields, iSteps)), 'steps')),
        notes: unquoted(r.text(cell(fields, iTitle))),
      };
      if (r.issue) return reject(r.issue);
      return { kind: 'row', key: identityKey(session), session, set: null };
    };
  },
};
