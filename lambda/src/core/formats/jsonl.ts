import type { SessionFields, WorkoutSet } from '../model.js';
import { RowReader } from '../validate.js';
import { readCanonicalSession, readCanonicalSet } from './canonical.js';
import { identityKey } from './session-cache.js';
import { type RowResult, reject } from './types.js';

/**
 * JSON Lines of canonical records: one session per line, the same shape the pipeline
 * writes (camelCase fields of {@link SessionFields}, `sets` an array of sets). `id`,
 * `contentHash`, `athlete`, `timezone` and `line` are ignored and recomputed, so the
 * pipeline's own output can be fed back in.
 */
const SESSION_FIELDS = {
  session_start: 'sessionStart',
  name: 'name',
  source: 'source',
  source_workout_id: 'sourceWorkoutId',
  duration_s: 'durationS',
  distance_m: 'distanceM',
  energy_kcal: 'energyKcal',
  avg_heart_rate: 'avgHeartRate',
  steps: 'steps',
  session_notes: 'notes',
} as const;
const SET_FIELDS = {
  set_index: 'setIndex',
  set_type: 'setType',
  weight_kg: 'weightKg',
  reps: 'reps',
  set_distance_m: 'distanceM',
  set_duration_s: 'durationS',
  rpe: 'rpe',
  set_notes: 'notes',
} as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON value as the text a CSV cell would hold; objects and booleans are flagged. */
const asText = (r: RowReader, value: unknown, label: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  r.fail('INVALID_RECORD', `${label} must be a string or a number`);
  return undefined;
};

/** The stated UTC offset of a session written by this pipeline (see SessionFields.utcOffset). */
const offsetOf = (r: RowReader, value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && /^[+-]\d{2}:\d{2}$/.test(value)) return value;
  r.fail('INVALID_RECORD', `utcOffset must be like +02:00`);
  return undefined;
};

export const mapJsonLine = (text: string, line: number): RowResult => {
  const r = new RowReader().start(line);
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return reject({ line, code: 'INVALID_RECORD', message: `line ${line}: is not valid JSON` });
  }
  if (!isObject(record)) {
    return reject({ line, code: 'INVALID_RECORD', message: `line ${line}: is not a JSON object` });
  }
  const fields: SessionFields = readCanonicalSession(r, (name) =>
    asText(r, record[SESSION_FIELDS[name]], SESSION_FIELDS[name]),
  );
  const utcOffset = offsetOf(r, record.utcOffset);
  const session = utcOffset === undefined ? fields : { ...fields, utcOffset };
  const rawSets = record.sets ?? [];
  if (!Array.isArray(rawSets)) r.fail('INVALID_RECORD', 'sets must be an array');
  const sets: WorkoutSet[] = [];
  for (const [i, raw] of (Array.isArray(rawSets) ? rawSets : []).entries()) {
    if (!isObject(raw)) {
      r.fail('INVALID_RECORD', `sets[${i}] is not an object`);
      break;
    }
    const exercise = r.required(asText(r, raw.exercise, `sets[${i}].exercise`), `sets[${i}].exercise`);
    sets.push(
      readCanonicalSet(r, line, exercise, (name) =>
        asText(r, raw[SET_FIELDS[name]], `sets[${i}].${SET_FIELDS[name]}`),
      ),
    );
  }
  if (r.issue) return reject(r.issue);
  return { kind: 'row', key: identityKey(session), session, set: null, moreSets: sets };
};
