import type { WorkoutSet } from '../model.js';
import { RepeatedName, RowReader, zeroAsNull } from '../validate.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import type { CsvFormat, HeaderInfo, RowMapper } from './types.js';
import { reject } from './types.js';

/**
 * Hevy (hevyapp.com): one row per set, `set_index` 0-based, `set_type` one of normal,
 * warmup, dropset, failure; `weight_kg`/`distance_km` or `weight_lbs`/`distance_miles`.
 * A session is (start_time, title); its duration is end_time - start_time.
 */
const secondsBetween = (start: string, end: string): number | null => {
  if (start === '' || end === '') return null;
  const diff = (Date.parse(`${end}Z`) - Date.parse(`${start}Z`)) / 1000;
  return Number.isFinite(diff) && diff > 0 ? diff : null;
};

export const hevy: CsvFormat = {
  name: 'hevy',
  label: 'Hevy (title,start_time,end_time,...,exercise_title,set_index,set_type,weight_kg,...)',
  oneRowPerSession: false,
  setNumbering: 'file-order',

  detect({ names }: HeaderInfo) {
    const cols = new Columns(names);
    if (!cols.has('title', 'start_time', 'exercise_title', 'set_index')) return undefined;
    // Weight and distance units are chosen separately in the app: `weight_kg` with
    // `distance_miles` is a real header.
    const weight = cols.index('weight_kg') >= 0 ? 'kg' : cols.index('weight_lbs') >= 0 ? 'lbs' : 'kg';
    const distance =
      cols.index('distance_km') >= 0 ? 'km' : cols.index('distance_miles') >= 0 ? 'miles' : 'km';
    return `${weight}-${distance}`;
  },

  createMapper({ names }: HeaderInfo): RowMapper {
    const cols = new Columns(names);
    const iTitle = cols.index('title');
    const iStart = cols.index('start_time');
    const iEnd = cols.index('end_time');
    const iDescription = cols.index('description');
    const iExercise = cols.index('exercise_title');
    const iExerciseNotes = cols.index('exercise_notes');
    const iSetIndex = cols.index('set_index');
    const iSetType = cols.index('set_type');
    const iKg = cols.index('weight_kg');
    const iLbs = cols.index('weight_lbs');
    const iReps = cols.index('reps');
    const iKm = cols.index('distance_km');
    const iMiles = cols.index('distance_miles');
    const iDuration = cols.index('duration_seconds');
    const iRpe = cols.index('rpe');
    const reader = new RowReader();
    const sessions = new SessionCache();
    const exercises = new RepeatedName();

    return (fields, line) => {
      const r = reader.start(line);
      const rawStart = cell(fields, iStart) ?? '';
      const rawTitle = cell(fields, iTitle) ?? '';
      // A closure only on a new session: the cache is checked first.
      const session =
        sessions.cached(rawStart, rawTitle) ??
        sessions.store(
          rawStart,
          rawTitle,
          (() => {
            const s = new RowReader().start(line);
            const sessionStart = s.dateTime(rawStart, 'start_time');
            const rawEnd = s.text(cell(fields, iEnd));
            const end = rawEnd === null ? '' : s.dateTime(rawEnd, 'end_time');
            const value = {
              source: 'hevy',
              sourceWorkoutId: null,
              sessionStart,
              name: s.required(rawTitle, 'title'),
              durationS: secondsBetween(sessionStart, end),
              distanceM: null,
              energyKcal: null,
              avgHeartRate: null,
              steps: null,
              notes: s.text(cell(fields, iDescription)),
            };
            return s.issue ?? value;
          })(),
        );
      if (isIssue(session)) return reject(session);

      const index = r.whole(cell(fields, iSetIndex), 'set_index', { max: 10_000 });
      const weightKg =
        iKg >= 0
          ? r.weightKg(cell(fields, iKg), 'kg', 'weight_kg')
          : r.weightKg(cell(fields, iLbs), 'lbs', 'weight_lbs');
      const distanceM =
        iKm >= 0
          ? r.distanceM(cell(fields, iKm), 'km', 'distance_km')
          : r.distanceM(cell(fields, iMiles), 'mi', 'distance_miles');
      const set: WorkoutSet = {
        exercise: exercises.required(r, cell(fields, iExercise), 'exercise_title'),
        setIndex: index === null ? (r.fail('MISSING_VALUE', 'set_index is missing') ?? 0) : index + 1,
        setType: r.setType(cell(fields, iSetType)),
        weightKg,
        reps: r.whole(cell(fields, iReps), 'reps', { max: 10_000 }),
        distanceM: zeroAsNull(distanceM),
        durationS: zeroAsNull(r.durationS(cell(fields, iDuration), 'duration_seconds')),
        rpe: r.rpe(cell(fields, iRpe)),
        notes: r.text(cell(fields, iExerciseNotes)),
        line,
      };
      if (r.issue) return reject(r.issue);
      return { kind: 'row', key: sessions.key, session, set };
    };
  },
};
