import type { SessionFields, SetType, WorkoutSet } from '../model.js';
import { type DistanceUnit, distanceUnitOf, type WeightUnit } from '../units.js';
import { RepeatedName, RowReader, zeroAsNull } from '../validate.js';
import type { UnitAssumptions } from './assumed-units.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import { englishStrongHeader, REST_TIMER_MARKERS } from './strong-headers.js';
import {
  AUTO_SET_INDEX,
  type CsvFormat,
  type HeaderInfo,
  type RowMapper,
  type RowResult,
  reject,
  skip,
} from './types.js';

/**
 * Strong (strong.app). The layout changed many times, and every layout below is in real,
 * published exports (tests/fixtures/real/strong):
 * - current: `"Workout #";"Date";...;"Duration (sec)";...;"Weight (kg)";...;"Distance
 *   (meters)";"Seconds";"Notes";"Workout Notes"`, every field quoted, Set Order `W`/`D`/`F`
 *   or `WARM_UP`/`DROP_SET`/`FAILURE`, `Rest Timer` and `Note` rows;
 * - `Weight;Weight Unit` and `Distance;Distance Unit` (semicolons, units like `lbs`, `mi.`);
 * - 2016-2017: the unit as the column name (`kg`/`lb`/`lbs`, `km`/`mi`), Set Order from 0
 *   or from 1;
 * - older comma exports and every localized one: unitless `Weight` and `Distance`, written
 *   in the account's units, which the file does not record: read in the units the caller
 *   states (see assumed-units.ts), named in the report.
 * Everything is found by name. A session is (Date, Workout Name): `Workout #` is an
 * ordinal the export numbers 1..N in date order (contiguous in every real export seen),
 * not an id a workout keeps when an earlier one is deleted, so it is not the identity.
 */
const SET_ORDER_TYPES: Readonly<Record<string, SetType>> = {
  w: 'warmup',
  warm_up: 'warmup',
  d: 'dropset',
  drop_set: 'dropset',
  f: 'failure',
  failure: 'failure',
};

type UnitSource<U> = { readonly index: number; readonly unit: U | 'column' };

const weightColumn = (cols: Columns, units: UnitAssumptions): UnitSource<WeightUnit> => {
  const kg = cols.index('weight (kg)', 'weight (kgs)', 'kg', 'kgs');
  if (kg >= 0) return { index: kg, unit: 'kg' };
  const lbs = cols.index('weight (lbs)', 'weight (lb)', 'lbs', 'lb');
  if (lbs >= 0) return { index: lbs, unit: 'lbs' };
  const index = cols.index('weight');
  if (cols.index('weight unit') >= 0) return { index, unit: 'column' };
  return { index, unit: index >= 0 ? units.weight() : 'kg' };
};

const distanceColumn = (cols: Columns, units: UnitAssumptions): UnitSource<DistanceUnit> => {
  const named = cols.index('km', 'mi', 'miles');
  if (named >= 0) return { index: named, unit: distanceUnitOf(cols.names[named] ?? '') ?? 'km' };
  const index = cols.indexByBase('distance');
  const fromName = cols.unitOf(index);
  if (fromName !== undefined) return { index, unit: distanceUnitOf(fromName) ?? 'm' };
  if (cols.index('distance unit') >= 0) return { index, unit: 'column' };
  return { index, unit: index >= 0 ? units.distance() : 'm' };
};

const variantOf = (delimiter: string, weight: UnitSource<WeightUnit>, cols: Columns): string => {
  const layout = cols.index('workout #') >= 0 ? 'numbered' : delimiter === ';' ? 'semicolon' : 'comma';
  if (weight.unit === 'column') return `${layout}/unit-column`;
  const named = cols.index('weight (kg)', 'weight (kgs)', 'weight (lbs)', 'weight (lb)') >= 0;
  const unitAsName = cols.index('kg', 'kgs', 'lbs', 'lb') >= 0;
  return `${layout}/${unitAsName ? 'unit-as-name' : named ? 'weight' : 'weight-assumed'}-${weight.unit}`;
};

const NORMAL: SetType = 'normal';

const isDigits = (text: string): boolean => {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** An exercise named `Rest Timer` (older exports) is a rest row too. */
const isRestTimer = (exercise: string | null): boolean =>
  exercise !== null && exercise.length < 32 && REST_TIMER_MARKERS.has(exercise.toLowerCase());

const setOrderOf = (r: RowReader, setOrder: string): { setIndex: number; setType: SetType } => {
  const typeFromOrder = SET_ORDER_TYPES[setOrder.toLowerCase()];
  if (typeFromOrder !== undefined) {
    // Warm-ups take no number in Strong; drop and failure sets take the place of one. Either
    // way the set's position is its place in the file (sessions.ts).
    return { setIndex: AUTO_SET_INDEX, setType: typeFromOrder };
  }
  if (!/^\d+$/.test(setOrder)) {
    r.fail(
      'INVALID_SET_TYPE',
      `set order '${setOrder}' is not a number, W, D, F, WARM_UP, DROP_SET, FAILURE, Note or Rest Timer`,
    );
    return { setIndex: AUTO_SET_INDEX, setType: 'normal' };
  }
  return { setIndex: r.whole(setOrder, 'set order', { max: 10_000 }) ?? AUTO_SET_INDEX, setType: 'normal' };
};

/** A note on the exercise, not a set: it goes onto the sets of this exercise's block. */
const noteRow = (
  r: RowReader,
  exercise: string,
  text: string | null,
  key: string,
  session: SessionFields,
): RowResult => {
  if (r.issue) return reject(r.issue);
  if (text === null) return skip('exercise-note');
  return { kind: 'row', key, session, set: null, exerciseNote: { exercise, text } };
};

export const strong: CsvFormat = {
  name: 'strong',
  label:
    'Strong (Date;Workout Name;Exercise Name;Set Order;Weight;..., also in German, Spanish, French, Chinese)',
  oneRowPerSession: false,
  setNumbering: 'file-order',

  detect({ names, delimiter }: HeaderInfo, units) {
    const english = englishStrongHeader(names);
    if (english === undefined) return undefined;
    const cols = new Columns(english.names);
    const variant = variantOf(delimiter, weightColumn(cols, units), cols);
    return english.language === 'en' ? variant : `${english.language}/${variant}`;
  },

  createMapper({ names }: HeaderInfo, units): RowMapper {
    const cols = new Columns(englishStrongHeader(names)?.names ?? names);
    const iDate = cols.index('date');
    const iName = cols.index('workout name');
    const iDuration = cols.index('duration (sec)', 'workout duration', 'duration');
    const iExercise = cols.index('exercise name');
    const iSetOrder = cols.index('set order');
    const weight = weightColumn(cols, units);
    const iWeightUnit = cols.index('weight unit');
    const iReps = cols.index('reps');
    const iRpe = cols.index('rpe');
    const distance = distanceColumn(cols, units);
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
      // Nearly every row is a numbered set: only a word in Set Order can mark another kind.
      const numbered = isDigits(setOrder);
      const marker = numbered ? '' : setOrder.toLowerCase();
      if (!numbered && (REST_TIMER_MARKERS.has(marker) || isRestTimer(exercise))) return skip('rest-timer');
      // A closure only on a new session: the cache is checked first.
      const session =
        sessions.cached(rawDate, rawName) ??
        sessions.store(
          rawDate,
          rawName,
          (() => {
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
          })(),
        );
      if (isIssue(session)) return reject(session);

      const name = exercises.required(r, exercise ?? undefined, 'exercise name');
      if (marker === 'note') return noteRow(r, name, r.text(cell(fields, iNotes)), sessions.key, session);
      const { setIndex, setType } = numbered
        ? { setIndex: r.whole(setOrder, 'set order', { max: 10_000 }) ?? AUTO_SET_INDEX, setType: NORMAL }
        : setOrderOf(r, setOrder);
      const rawWeight = cell(fields, weight.index);
      const rawDistance = cell(fields, distance.index);
      const wUnit =
        weight.unit === 'column' ? r.weightUnit(rawWeight, cell(fields, iWeightUnit), 'kg') : weight.unit;
      const dUnit =
        distance.unit === 'column'
          ? r.distanceUnit(rawDistance, cell(fields, iDistanceUnit), 'm')
          : distance.unit;
      const set: WorkoutSet = {
        exercise: name,
        setIndex,
        setType,
        weightKg: r.weightKg(rawWeight, wUnit),
        reps: r.whole(cell(fields, iReps), 'reps', { max: 10_000 }),
        distanceM: zeroAsNull(r.distanceM(rawDistance, dUnit)),
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
