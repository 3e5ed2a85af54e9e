import { utcOffsetOf } from '../dates.js';
import type { WorkoutSet } from '../model.js';
import type { WeightUnit } from '../units.js';
import { RepeatedName, RowReader, zeroAsNull } from '../validate.js';
import type { UnitAssumptions } from './assumed-units.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import { AUTO_SET_INDEX, type CsvFormat, type HeaderInfo, type RowMapper, reject } from './types.js';

/**
 * Fitbod (WorkoutExport.csv): one row per set, `Date,Exercise,Reps,Weight(kg),Duration(s),
 * Distance(m),Incline,Resistance,isWarmup,Note,multiplier`. Every row of a workout carries
 * the same timestamp, with an explicit offset (`2020-06-18 21:15:42 +0000`): the offset is
 * kept (SessionFields.utcOffset), not dropped. No workout name or set number: the session
 * is the timestamp, sets are numbered in file order. `isWarmup` true marks a warm-up.
 * Notes are never quoted by the app, so a note with a comma makes a row one field too long
 * (rejected as WRONG_FIELD_COUNT, like any shifted row). Not kept: Incline, Resistance and
 * multiplier (2 for a pair of dumbbells: the weight is per dumbbell, as the app shows it).
 *
 * The older layout `Date,Exercise,Sets,Reps,Weight,isWarmup,Note` (a date without time,
 * a unitless weight read in the stated unit, Sets always 1 in real files) is read too; a
 * row with Sets n > 1 stands for n equal sets.
 */
export const FITBOD_SESSION_NAME = 'Fitbod workout';

const weightColumn = (cols: Columns, units: UnitAssumptions): { index: number; unit: WeightUnit } => {
  const kg = cols.index('weight(kg)', 'weight (kg)');
  if (kg >= 0) return { index: kg, unit: 'kg' };
  const lbs = cols.index('weight(lbs)', 'weight (lbs)', 'weight(lb)');
  if (lbs >= 0) return { index: lbs, unit: 'lbs' };
  const index = cols.index('weight');
  return { index, unit: index >= 0 ? units.weight() : 'kg' };
};

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0', '']);

export const fitbod: CsvFormat = {
  name: 'fitbod',
  label: 'Fitbod (Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),...,isWarmup,Note,multiplier)',
  oneRowPerSession: false,
  setNumbering: 'file-order',

  detect({ names }: HeaderInfo, units) {
    const cols = new Columns(names);
    if (!cols.has('date', 'exercise', 'reps', 'iswarmup')) return undefined;
    const weight = weightColumn(cols, units);
    return `${cols.index('sets') >= 0 ? 'sets-column' : 'per-set'}-${weight.unit}`;
  },

  createMapper({ names }: HeaderInfo, units: UnitAssumptions): RowMapper {
    const cols = new Columns(names);
    const iDate = cols.index('date');
    const iExercise = cols.index('exercise');
    const iReps = cols.index('reps');
    const weight = weightColumn(cols, units);
    const iDuration = cols.index('duration(s)', 'duration (s)');
    const iDistance = cols.index('distance(m)', 'distance (m)');
    const iWarmup = cols.index('iswarmup');
    const iNote = cols.index('note');
    const iSets = cols.index('sets');
    const reader = new RowReader();
    const sessions = new SessionCache();
    const exercises = new RepeatedName();

    return (fields, line) => {
      const r = reader.start(line);
      const rawDate = cell(fields, iDate) ?? '';
      const session = sessions.get(rawDate, () => {
        const s = new RowReader().start(line);
        const offset = utcOffsetOf(rawDate);
        const value = {
          source: 'fitbod',
          sourceWorkoutId: null,
          sessionStart: s.dateTime(rawDate, 'date'),
          ...(offset === null ? {} : { utcOffset: offset }),
          name: FITBOD_SESSION_NAME,
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

      const warmupText = (cell(fields, iWarmup) ?? '').trim().toLowerCase();
      if (!TRUE.has(warmupText) && !FALSE.has(warmupText)) {
        r.fail('INVALID_SET_TYPE', `isWarmup '${warmupText}' is not true or false`);
      }
      const count = iSets < 0 ? 1 : r.whole(cell(fields, iSets), 'sets', { max: 100 });
      if (count === 0) r.fail('OUT_OF_RANGE', `sets '0' is below 1`);
      const set: WorkoutSet = {
        exercise: exercises.required(r, cell(fields, iExercise), 'exercise'),
        setIndex: AUTO_SET_INDEX,
        setType: TRUE.has(warmupText) ? 'warmup' : 'normal',
        weightKg: r.weightKg(cell(fields, weight.index), weight.unit),
        reps: r.whole(cell(fields, iReps), 'reps', { max: 10_000 }),
        distanceM: zeroAsNull(r.distanceM(cell(fields, iDistance), 'm')),
        durationS: zeroAsNull(r.durationS(cell(fields, iDuration), 'duration')),
        rpe: null,
        notes: r.text(cell(fields, iNote)),
        line,
      };
      if (r.issue) return reject(r.issue);
      const more =
        (count ?? 1) > 1 ? Array.from({ length: (count ?? 1) - 1 }, () => ({ ...set })) : undefined;
      return {
        kind: 'row',
        key: sessions.key,
        session,
        set,
        ...(more === undefined ? {} : { moreSets: more }),
      };
    };
  },
};
