import type { WorkoutSet } from '../model.js';
import { type DistanceUnit, distanceUnitOf } from '../units.js';
import { RepeatedName, RowReader, zeroAsNull } from '../validate.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import { AUTO_SET_INDEX, type CsvFormat, type HeaderInfo, type RowMapper, reject } from './types.js';

/**
 * FitNotes (Android): one row per set, `Date` only (no time, no workout name, no set
 * number). A session is one day's training; sets are numbered by their order within the
 * exercise, so identical rows are separate sets, not duplicates.
 */
export const FITNOTES_SESSION_NAME = 'FitNotes workout';

export const fitnotes: CsvFormat = {
  name: 'fitnotes',
  label: 'FitNotes (Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment)',
  oneRowPerSession: false,

  detect({ names }: HeaderInfo) {
    const cols = new Columns(names);
    if (!cols.has('date', 'exercise', 'category', 'reps')) return undefined;
    if (cols.index('weight (lbs)', 'weight (lb)') >= 0) return 'lbs';
    return cols.index('weight (kgs)', 'weight (kg)', 'weight') >= 0 ? 'kgs' : undefined;
  },

  createMapper({ names }: HeaderInfo): RowMapper {
    const cols = new Columns(names);
    const iDate = cols.index('date');
    const iExercise = cols.index('exercise');
    const iLbs = cols.index('weight (lbs)', 'weight (lb)');
    const iKg = cols.index('weight (kgs)', 'weight (kg)', 'weight');
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

      const rawUnit = r.text(cell(fields, iDistanceUnit));
      let unit: DistanceUnit = 'm';
      if (rawUnit !== null) {
        const known = distanceUnitOf(rawUnit);
        if (known === undefined) r.fail('INVALID_UNIT', `distance unit '${rawUnit}' is not m, km or mi`);
        else unit = known;
      }
      const set: WorkoutSet = {
        exercise: exercises.required(r, cell(fields, iExercise), 'exercise'),
        setIndex: AUTO_SET_INDEX,
        setType: 'normal',
        weightKg: iLbs >= 0 ? r.weightKg(cell(fields, iLbs), 'lbs') : r.weightKg(cell(fields, iKg), 'kg'),
        reps: r.whole(cell(fields, iReps), 'reps', { max: 10_000 }),
        distanceM: zeroAsNull(r.distanceM(cell(fields, iDistance), unit)),
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
