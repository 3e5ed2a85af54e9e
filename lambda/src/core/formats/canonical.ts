import type { SessionFields, WorkoutSet } from '../model.js';
import { RowReader } from '../validate.js';
import { Columns, cell } from './columns.js';
import { isIssue, SessionCache } from './session-cache.js';
import { AUTO_SET_INDEX, type CsvFormat, type HeaderInfo, type RowMapper, reject } from './types.js';

/**
 * This project's canonical CSV: one row per set (or one row per session with an empty
 * `exercise` for an activity without sets), metric units, local time. Session columns repeat
 * on every row of the session. `source` keeps the app the data first came from, so a
 * session converted to canonical keeps its id.
 */
export const CANONICAL_COLUMNS = [
  'session_start',
  'name',
  'source',
  'source_workout_id',
  'duration_s',
  'distance_m',
  'energy_kcal',
  'avg_heart_rate',
  'steps',
  'session_notes',
  'exercise',
  'set_index',
  'set_type',
  'weight_kg',
  'reps',
  'set_distance_m',
  'set_duration_s',
  'rpe',
  'set_notes',
] as const;
export type CanonicalColumn = (typeof CANONICAL_COLUMNS)[number];

/** The columns that describe the session (repeated on each of its rows): those before `exercise`. */
const SESSION_COLUMNS: readonly CanonicalColumn[] = CANONICAL_COLUMNS.slice(
  0,
  CANONICAL_COLUMNS.indexOf('exercise'),
);

/** Reads canonical session fields from any source of named text values (CSV row, JSON object). */
export const readCanonicalSession = (
  r: RowReader,
  get: (
    name:
      | 'session_start'
      | 'name'
      | 'source'
      | 'source_workout_id'
      | 'duration_s'
      | 'distance_m'
      | 'energy_kcal'
      | 'avg_heart_rate'
      | 'steps'
      | 'session_notes',
  ) => string | undefined,
): SessionFields => ({
  source: r.text(get('source')) ?? 'canonical',
  sourceWorkoutId: r.text(get('source_workout_id')),
  sessionStart: r.dateTime(get('session_start'), 'session_start'),
  name: r.required(get('name'), 'name'),
  durationS: r.decimal(get('duration_s'), 'duration_s'),
  distanceM: r.decimal(get('distance_m'), 'distance_m'),
  energyKcal: r.decimal(get('energy_kcal'), 'energy_kcal'),
  avgHeartRate: r.decimal(get('avg_heart_rate'), 'avg_heart_rate', { max: 300 }),
  steps: r.whole(get('steps'), 'steps'),
  notes: r.text(get('session_notes')),
});

export const readCanonicalSet = (
  r: RowReader,
  line: number,
  exercise: string,
  get: (
    name:
      | 'set_index'
      | 'set_type'
      | 'weight_kg'
      | 'reps'
      | 'set_distance_m'
      | 'set_duration_s'
      | 'rpe'
      | 'set_notes',
  ) => string | undefined,
): WorkoutSet => {
  const index = r.whole(get('set_index'), 'set_index', { max: 10_000 });
  if (index === 0) r.fail('OUT_OF_RANGE', `set_index '0' is below 1`);
  return {
    exercise,
    setIndex: index ?? AUTO_SET_INDEX,
    setType: r.setType(get('set_type')),
    weightKg: r.decimal(get('weight_kg'), 'weight_kg', { max: 2000 }),
    reps: r.whole(get('reps'), 'reps', { max: 10_000 }),
    distanceM: r.decimal(get('set_distance_m'), 'set_distance_m'),
    durationS: r.decimal(get('set_duration_s'), 'set_duration_s'),
    rpe: r.rpe(get('rpe')),
    notes: r.text(get('set_notes')),
    line,
  };
};

export const canonical: CsvFormat = {
  name: 'canonical',
  label: `canonical CSV (${CANONICAL_COLUMNS.slice(0, 4).join(',')},...)`,
  oneRowPerSession: false,
  setNumbering: 'source',

  detect({ names }: HeaderInfo) {
    const cols = new Columns(names);
    return cols.has('session_start', 'name', 'exercise') ? 'v1' : undefined;
  },

  createMapper({ names }: HeaderInfo): RowMapper {
    const cols = new Columns(names);
    const at = new Map<string, number>(CANONICAL_COLUMNS.map((c) => [c, cols.index(c)]));
    // Every session column, not only the identity ones: a row whose duration or notes differ
    // is then read again, so the grouper sees the difference instead of the cached values.
    const sessionColumns = SESSION_COLUMNS.map((c) => at.get(c) ?? -1);
    const iExercise = at.get('exercise') ?? -1;
    const reader = new RowReader();
    const sessions = new SessionCache();

    return (fields, line) => {
      const get = (name: CanonicalColumn): string | undefined => cell(fields, at.get(name) ?? -1);
      let raw = '';
      for (const i of sessionColumns) raw += `${cell(fields, i) ?? ''}\u0001`;
      const session = sessions.get(raw, () => {
        const s = new RowReader().start(line);
        const value = readCanonicalSession(s, get);
        return s.issue ?? value;
      });
      if (isIssue(session)) return reject(session);
      const r = reader.start(line);
      const exercise = r.text(cell(fields, iExercise));
      const set = exercise === null ? null : readCanonicalSet(r, line, exercise, get);
      if (r.issue) return reject(r.issue);
      return { kind: 'row', key: sessions.key, session, set };
    };
  },
};
