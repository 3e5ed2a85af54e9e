import type { WorkoutSet } from '../model.js';
import type { WeightUnit } from '../units.js';
import { RepeatedName, RowReader, zeroAsNull } from '../validate.js';
import type { UnitAssumptions } from './assumed-units.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import { AUTO_SET_INDEX, type CsvFormat, type HeaderInfo, type RowMapper, reject } from './types.js';

/**
 * FitNotes (Android): one row per set, `Date` only (no time, no workout name, no set
 * number). A session is one day's training; sets are numbered by their order within the
 * exercise, so identical rows are separate sets, not duplicates. The weight is in
 * `Weight (kgs)` or `Weight (lbs)`, or in `Weight` with the unit beside it in `Weight Unit`
 * (`kgs`/`lbs`, per row: the layout of every recent real export); a bare `Weight` is read
 * in the unit the caller states.
 */
export const FITNOTES_SESSION_NAME = 'FitNotes workout';

export const fitnotes: CsvFormat = {
  name: 'fitnotes',
  label: 'FitNotes (Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment)',
  oneRowPerSession: false,
  setNumbering: 'file-order',

  detect({ names }: HeaderInfo, units) {
    const cols = new Columns(names);
    if (!cols.has('date', 'exercise', 'category', 'reps')) return undefined;
    if (cols.index('weight (lbs)', 'weight (lb)') >= 0) return 'lbs';
    if (cols.index('weight (kgs)', 'weight (kg)') >= 0) return 'kgs';
    if (cols.index('weight') < 0) return undefined;
    return cols.index('weight unit') >= 0 ? 'unit-column' : `weight-assumed-${units.weight()}`;
  },

  createMapper({ names }: HeaderInfo, units: UnitAssumptions): RowMapper {
    const cols = new Columns(names);
    const iDate = cols.index('date');
    const iExercise = cols.index('exercise');
    const iLbs = cols.index('weight (lbs)', 'weight (lb)');
    const iKg = cols.index('weight (kgs)', 'weight (kg)');
    const iWeight = iLbs >= 0 ? iLbs : iKg >= 0 ? iKg : cols.index('weight');
    const iWeightUnit = iLbs >= 0 || iKg >= 0 ? -1 : cols.index('weight unit');
    const fixedUnit: WeightUnit =
      iLbs >= 0 ? 'lbs' : iKg >= 0 ? 'kg' : iWeightUnit >= 0 ? 'kg' : units.weight();
    const iReps = cols.index('reps');
    const iDistance = cols.index('distance');
    const iDistanceUnit = cols.index('distance unit');
    const iTime = cols.index('time');
    const iComment = cols.index('comment');
    const reader = new RowReader();
    const sessions = new SessionCache();
    const exercises = new RepeatedName();

    return (fields, line) => {
      const r = reader.start(line);
      const rawDate = cell(fields, iDate) ?? '';
      const session = sessions.get(rawDate, () => {
        const s = new RowReader().start(line);
        const value = {
          source: 'fitnotes',
          sourceWorkoutId: null,
          sessionStart: s.dateTime(rawDate, 'date'),
          name: FITNOTES_SESSION_NAME,
          durationS: null,
          distanceM: null,
          energyKcal: null,
          avgHeartRate: null,
          steps: null,
          notes: null,
        };
        return s.issue ?? value;
      });
      if (isIssue(session)) return reject(session);

      const rawWeight = cell(fields, iWeight);
      const rawDistance = cell(fields, iDistance);
      const weightUnit =
        iWeightUnit >= 0 ? r.weightUnit(rawWeight, cell(fields, iWeightUnit), fixedUnit) : fixedUnit;
      const unit = r.distanceUnit(rawDistance, cell(fields, iDistanceUnit), 'm');
      const set: WorkoutSet = {
        exercise: exercises.required(r, cell(fields, iExercise), 'exercise'),
        setIndex: AUTO_SET_INDEX,
        setType: 'normal',
        weightKg: r.weightKg(rawWeight, weightUnit),
        reps: r.whole(cell(fields, iReps), 'reps', { max: 10_000 }),
        distanceM: zeroAsNull(r.distanceM(rawDistance, unit)),
        durationS: zeroAsNull(r.durationS(cell(fields, iTime), 'time')),
        rpe: null,
        notes: r.text(cell(fields, iComment)),
        line,
      };
      if (r.issue) return reject(r.issue);
      return { kind: 'row', key: sessions.key, session, set };
    };
  },
};
