import { distanceUnitOf } from '../units.js';
import { RowReader, zeroAsNull } from '../validate.js';
import type { UnitAssumptions } from './assumed-units.js';
import { Columns, cell } from './columns.js';
import { bytesLiteralText } from './python-bytes.js';
import { identityKey } from './session-cache.js';
import type { CsvFormat, HeaderInfo, RowMapper } from './types.js';
import { reject, skip } from './types.js';

/**
 * MapMyFitness workout history (also MapMyRun/MapMyRide): one row per activity, no sets.
 * Every real export seen names its distance unit (`Distance (mi)`, `Distance (km)`); one
 * without (`Distance`) is read in the distance unit the caller states, and the report names
 * it. The workout id is the number at the end of `Link` and is the session's identity. Rows
 * with no workout time are auto-created placeholders and are skipped. The Android and iPhone
 * apps write Notes as Python bytes literals (`b''`, `b'#runhappy'`): see bytesLiteralText.
 */
const WORKOUT_ID = /(\d+)\/?(?:[?#].*)?$/;

export const mapmyfitness: CsvFormat = {
  name: 'mapmyfitness',
  label: 'MapMyFitness (Date Submitted,Workout Date,Activity Type,...,Link)',
  oneRowPerSession: true,
  setNumbering: 'file-order',

  detect({ names }: HeaderInfo, units) {
    const cols = new Columns(names);
    if (!cols.has('workout date', 'activity type', 'link')) return undefined;
    const unit = cols.unitOf(cols.indexByBase('distance'));
    return unit === undefined
      ? `without-units-${units.distance()}`
      : `with-units-${distanceUnitOf(unit) ?? 'mi'}`;
  },

  createMapper({ names }: HeaderInfo, units: UnitAssumptions): RowMapper {
    const cols = new Columns(names);
    const iDate = cols.indexByBase('workout date');
    const iActivity = cols.indexByBase('activity type');
    const iCalories = cols.indexByBase('calories burned');
    const iDistance = cols.indexByBase('distance');
    const named = cols.unitOf(iDistance);
    const distanceUnit = named === undefined ? units.distance() : (distanceUnitOf(named) ?? 'mi');
    const iTime = cols.indexByBase('workout time');
    const timeUnit = cols.unitOf(iTime);
    const timeFactor = timeUnit === 'minutes' || timeUnit === 'min' ? 60 : 1;
    const iHeartRate = cols.indexByBase('avg heart rate');
    const iSteps = cols.indexByBase('steps');
    const iNotes = cols.indexByBase('notes');
    const iLink = cols.indexByBase('link');
    const reader = new RowReader();

    return (fields, line) => {
      const r = reader.start(line);
      const time = r.durationS(cell(fields, iTime), 'workout time');
      if (r.issue) return reject(r.issue);
      if (time === null || time === 0) return skip('zero-time');
      const link = r.text(cell(fields, iLink));
      const workoutId = link === null ? null : (WORKOUT_ID.exec(link)?.[1] ?? null);
      const sessionStart = r.dateTime(cell(fields, iDate), 'workout date');
      const name = r.required(cell(fields, iActivity), 'activity type');
      const session = {
        source: 'mapmyfitness',
        sourceWorkoutId: workoutId,
        sessionStart,
        name,
        durationS: time * timeFactor,
        distanceM: zeroAsNull(r.distanceM(cell(fields, iDistance), distanceUnit)),
        energyKcal: zeroAsNull(r.decimal(cell(fields, iCalories), 'calories burned')),
        avgHeartRate: zeroAsNull(r.decimal(cell(fields, iHeartRate), 'avg heart rate', { max: 300 })),
        steps: zeroAsNull(r.whole(cell(fields, iSteps), 'steps')),
        notes: bytesLiteralText(r.text(cell(fields, iNotes))),
      };
      if (r.issue) return reject(r.issue);
      return { kind: 'row', key: identityKey(session), session, set: null };
    };
  },
};
