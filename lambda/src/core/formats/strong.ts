import type { SetType, WorkoutSet } from '../model.js';
import { type DistanceUnit, distanceUnitOf, type WeightUnit, weightUnitOf } from '../units.js';
import { RepeatedName, RowReader, zeroAsNull } from '../validate.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import { AUTO_SET_INDEX, type CsvFormat, type HeaderInfo, type RowMapper, reject, skip } from './types.js';

/**
 * Strong (strong.app). The layout changed many times: the current export is
 * semicolon-delimited with `Weight;Weight Unit` and `Distance;Distance Unit`; older ones are
 * comma-delimited with `Weight (kg)` / `Weight (lbs)`, with or without Duration, RPE and
 * Notes. Everything is found by name. Rest-timer rows are skipped. A session is
 * (Date, Workout Name); Strong exports carry no workout id.
 */
const SET_ORDER_TYPES: Readonly<Record<string, SetType>> = { w: 'warmup', d: 'dropset', f: 'failure' };

const weightColumn = (cols: Columns): { index: number; unit: WeightUnit | 'column' } => {
  const kg = cols.index('weight (kg)', 'weight (kgs)');
  if (kg >= 0) return { index: kg, unit: 'kg' };
  const lbs = cols.index('weight (lbs)', 'weight (lb)');
  if (lbs >= 0) return { index: lbs, unit: 'lbs' };
  return { index: cols.index('weight'), unit: cols.index('weight unit') >= 0 ? 'column' : 'kg' };
};

const distanceColumn = (cols: Columns): { index: number; unit: DistanceUnit | 'column' } => {
  const index = cols.indexByBase('distance');
  const fromName = cols.unitOf(index);
  if (fromName !== undefined) return { index, unit: distanceUnitOf(fromName) ?? 'm' };
  return { index, unit: cols.index('distance unit') >= 0 ? 'column' : 'm' };
};

function unitFromColumn(r: RowReader, raw: string | undefined, kind: 'weight'): WeightUnit;
function unitFromColumn(r: RowReader, raw: string | undefined, kind: 'distance'): DistanceUnit;
function unitFromColumn(
  r: RowReader,
  raw: string | undefined,
  kind: 'weight' | 'distance',
): WeightUnit | DistanceUnit {
  const text = r.text(raw);
  // An empty unit cell goes with an empty value; Strong always writes the unit otherwise.
  if (kind === 'weight') {
    const unit = text === null ? 'kg' : weightUnitOf(text);
    if (unit !== undefined) return unit;
    r.fail('INVALID_UNIT', `weight unit '${text}' is not kg or lbs`);
    return 'kg';
  }
  const unit = text === null ? 'm' : distanceUnitOf(text);
  if (unit !== undefined) return unit;
  r.fail('INVALID_UNIT', `distance unit '${text}' is not m, km or mi`);
  return 'm';
}

const setOrderOf = (r: RowReader, setOrder: string): { setIndex: number; setType: SetType } => {
  const typeFromOrder = SET_ORDER_TYPES[setOrder.toLowerCase()];
  if (typeFromOrder !== undefined) return { setIndex: AUTO_SET_INDEX, setType: typeFromOrder };
  const setIndex = r.whole(setOrder, 'set order', { max: 10_000 }) ?? AUTO_SET_INDEX;
  if (setOrder === '0') r.fail('OUT_OF_RANGE', `set order '0' is below 1`);
  return { setIndex, setType: 'normal' };
};

export const strong: CsvFormat = {
  name: 'strong',
  label: 'Strong (Date;Workout Name;Exercise Name;Set Order;Weight;...)',
  oneRowPerSession: false,

  detect({ names, delimiter }: HeaderInfo) {
    const cols = new Columns(names);
    if (!cols.has('date', 'workout name', 'exercise name', 'set order')) return undefined;
    const weight = weightColumn(cols);
    const unit = weight.unit === 'column' ? 'unit-column' : `weight-${weight.unit}`;
    return `${delimiter === ';' ? 'semicolon' : 'comma'}/${unit}`;
  },

  createMapper({ names }: HeaderInfo): RowMapper {
    const cols = new Columns(names);
    const iDate = cols.index('date');
    const iName = cols.index('workout name');
    const iDuration = cols.index('workout duration', 'duration');
    const iExercise = cols.index('exercise name');
    const iSetOrder = cols.index('set order');
    const weight = weightColumn(cols);
    const iWeightUnit = cols.index('weight unit');
    const iReps = cols.index('reps');
    const iRpe = cols.index('rpe');
    const distance = distanceColumn(cols);
    const iDistanceUnit = cols.index('distance unit');
    const iSeconds = cols.index('seconds');
    const iNotes = cols.index('notes');
    const iWorkoutNotes = cols.index('workout notes');
    const reader = new RowReader();
    const sessions = new SessionCache();
    const exercises = new RepeatedName();

    return (fields, line) => {
      const r = reader.start(line);
      const rawDate = cell(fields, iDate) ?? '';
      const rawName = cell(fields, iName) ?? '';
      const setOrder = (cell(fields, iSetOrder) ?? '').trim();
      const exercise = r.text(cell(fields, iExercise));
      if (/^rest timer$/i.test(setOrder) || (exercise !== null && /^rest timer$/i.test(exercise))) {
        return skip('rest-timer');
      }
      const session = sessions.get(`${rawDate}\u0001${rawName}`, () => {
        const s = new RowReader().start(line);
        const value = {
          source: 'strong',
          sourceWorkoutId: null,
          sessionStart: s.dateTime(rawDate, 'date'),
          name: s.required(rawName, 'workout name'),
          durationS: zeroAsNull(s.durationS(cell(fields, iDuration), 'workout duration')),
          distanceM: null,
          energyKcal: null,
          avgHeartRate: null,
          steps: null,
          notes: s.text(cell(fields, iWorkoutNotes)),
        };
        return s.issue ?? value;
      });
      if (isIssue(session)) return reject(session);

      const { setIndex, setType } = setOrderOf(r, setOrder);
      const wUnit =
        weight.unit === 'column' ? unitFromColumn(r, cell(fields, iWeightUnit), 'weight') : weight.unit;
      const dUnit =
        distance.unit === 'column'
          ? unitFromColumn(r, cell(fields, iDistanceUnit), 'distance')
          : distance.unit;
      const set: WorkoutSet = {
        exercise: exercises.required(r, exercise ?? undefined, 'exercise name'),
        setIndex,
        setType,
        weightKg: r.weightKg(cell(fields, weight.index), wUnit),
        reps: r.whole(cell(fields, iReps), 'reps', { max: 10_000 }),
        distanceM: zeroAsNull(r.distanceM(cell(fields, distance.index), dUnit)),
        durationS: zeroAsNull(r.durationS(cell(fields, iSeconds), 'seconds')),
        rpe: r.rpe(cell(fields, iRpe)),
        notes: r.text(cell(fields, iNotes)),
        line,
      };
      if (r.issue) return reject(r.issue);
      return { kind: 'row', key: sessions.key, session, set };
    };
  },
};
