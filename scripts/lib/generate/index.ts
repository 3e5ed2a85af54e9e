/**
 * Deterministic generator of realistic workout exports, for tests, samples and benchmarks.
 * The same options give the same bytes on every machine. Besides the text, it can report the
 * sessions it wrote (as the core should read them back), so tests compare ids and hashes.
 */

import { CANONICAL_COLUMNS } from '../../../lambda/src/core/formats/canonical.js';
import { FITNOTES_SESSION_NAME } from '../../../lambda/src/core/formats/fitnotes.js';
import type { Session, SessionFields, SetType, WorkoutSet } from '../../../lambda/src/core/model.js';
import { finishSession } from '../../../lambda/src/core/session-identity.js';
import { toMetres } from '../../../lambda/src/core/units.js';
import { Random } from './random.js';

export const GENERATOR_FORMATS = ['mapmyfitness', 'strong', 'hevy', 'fitnotes', 'canonical'] as const;
export type GeneratorFormat = (typeof GENERATOR_FORMATS)[number];

/** The field delimiter of a generated export: Strong's current export uses ';'. */
export const delimiterOf = (format: string): string => (format === 'strong' ? ';' : ',');

export interface GenerateOptions {
  readonly format: GeneratorFormat;
  readonly sessions: number;
  /** @default 1 */
  readonly seed?: number;
  /** Rows with a bad value, mixed in at random places. @default 0 */
  readonly badRows?: number;
  /** For the expected sessions. @default 'ann' */
  readonly athlete?: string;
  /** @default 'Europe/Berlin' */
  readonly timezone?: string;
  /**
   * Some workouts do an exercise a second time later on, its set numbers starting again
   * (as Strong and Hevy write it). @default false
   */
  readonly repeatedBlocks?: boolean;
  /** Strong only: the header language (localized exports are comma, unitless, kg). @default 'en' */
  readonly language?: GeneratorLanguage;
}

export const GENERATOR_LANGUAGES = ['en', 'de', 'es', 'fr', 'zh'] as const;
export type GeneratorLanguage = (typeof GENERATOR_LANGUAGES)[number];

interface PlannedSet {
  readonly exercise: string;
  /** Position of the set within its exercise in the whole workout (what the core gives). */
  readonly setIndex: number;
  /** Position within its block: what the app writes (Strong from 1, Hevy from 0). */
  readonly order: number;
  /** The block starts with a warm-up (Strong then numbers the working sets from 1). */
  readonly blockHasWarmup: boolean;
  readonly setType: SetType;
  /** Value as written in the file, in the file's unit. */
  readonly weight: number | null;
  readonly reps: number | null;
  readonly distanceKm: number | null;
  readonly seconds: number | null;
  readonly rpe: number | null;
  readonly notes: string | null;
}

interface PlannedSession {
  readonly start: Date;
  readonly name: string;
  readonly minutes: number;
  readonly notes: string | null;
  readonly workoutId: string;
  readonly sets: readonly PlannedSet[];
  /** Cardio figures (MapMyFitness). */
  readonly miles: number;
  readonly kcal: number;
  readonly heartRate: number | null;
  readonly steps: number | null;
}

const EXERCISES = [
  'Squat (Barbell)',
  'Bench Press (Barbell)',
  'Deadlift (Barbell)',
  'Overhead Press, strict',
  'Pull Up',
  'Développé couché',
  'Жим лёжа',
  'Kniebeuge (Langhantel)',
  'Lat Pulldown "wide"',
  'Bicep Curl (Dumbbell)',
] as const;
const WORKOUT_NAMES = [
  'Push Day',
  'Pull Day',
  'Legs',
  'Full Body',
  'Upper, heavy',
  'Évening session',
] as const;
const ACTIVITIES = ['Run', 'Walk', 'Bike Ride', 'Hike', 'Swim'] as const;
const NOTES = [
  'felt strong',
  'knee a bit sore, kept it light',
  'new PR!\nfinally',
  'gym busy; short rests',
] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MMF_MONTHS = [
  'Jan.',
  'Feb.',
  'March',
  'April',
  'May',
  'June',
  'July',
  'Aug.',
  'Sept.',
  'Oct.',
  'Nov.',
  'Dec.',
] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDay = (d: Date): string =>
  `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const isoLocal = (d: Date): string => `${isoDay(d)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;

const planExercise = (rnd: Random, format: GeneratorFormat, exercise: string, before = 0): PlannedSet[] => {
  const sets: PlannedSet[] = [];
  const base = rnd.int(8, 60) * 2.5;
  const warmup = format !== 'fitnotes' && rnd.chance(0.4);
  const count = rnd.int(2, 5) + (warmup ? 1 : 0);
  for (let s = 1; s <= count; s++) {
    const isWarmup = warmup && s === 1;
    const dropset = !isWarmup && format === 'hevy' && s === count && rnd.chance(0.2);
    const rpe = format !== 'fitnotes' && !isWarmup && rnd.chance(0.3) ? rnd.int(12, 20) / 2 : null;
    sets.push({
      exercise,
      setIndex: before + s,
      order: s,
      blockHasWarmup: warmup,
      setType: isWarmup ? 'warmup' : dropset ? 'dropset' : 'normal',
      weight: isWarmup ? base / 2 : base,
      reps: rnd.int(3, 12),
      distanceKm: null,
      seconds: null,
      rpe,
      notes: rnd.chance(0.05) ? rnd.pick(NOTES) : null,
    });
  }
  return sets;
};

const planSession = (
  rnd: Random,
  format: GeneratorFormat,
  i: number,
  start: Date,
  repeatedBlocks = false,
): PlannedSession => {
  const sets: PlannedSet[] = [];
  if (format !== 'mapmyfitness') {
    const exerciseCount = rnd.int(2, 5);
    const chosen = new Set<string>();
    while (chosen.size < exerciseCount) chosen.add(rnd.pick(EXERCISES));
    for (const exercise of chosen) sets.push(...planExercise(rnd, format, exercise));
    if (repeatedBlocks && rnd.chance(0.5)) {
      // The first exercise again, after the others: a second block, numbers starting again.
      const again = [...chosen][0] ?? EXERCISES[0];
      sets.push(...planExercise(rnd, format, again, sets.filter((p) => p.exercise === again).length));
    }
  }
  return {
    start,
    name: format === 'mapmyfitness' ? rnd.pick(ACTIVITIES) : rnd.pick(WORKOUT_NAMES),
    minutes: rnd.int(20, 95),
    notes: rnd.chance(0.2) ? rnd.pick(NOTES) : null,
    workoutId: String(7_000_000_000 + i * 7 + rnd.int(0, 6)),
    sets,
    miles: rnd.int(5, 300) / 10,
    kcal: rnd.int(80, 1200),
    heartRate: rnd.chance(0.6) ? rnd.int(95, 175) : null,
    steps: rnd.chance(0.5) ? rnd.int(1000, 30000) : null,
  };
};

/** Quotes a CSV field when it holds the delimiter, a quote or a line break. */
export const csvField = (value: string, delimiter = ','): string =>
  value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r')
    ? `"${value.replaceAll('"', '""')}"`
    : value;

const num = (value: number | null, decimalComma = false): string => {
  if (value === null) return '';
  const text = String(value);
  return decimalComma ? text.replace('.', ',') : text;
};

interface FormatWriter {
  readonly header: string;
  rows(s: PlannedSession): string[];
  bad(rnd: Random, s: PlannedSession, n: number): string;
  expected(s: PlannedSession): { fields: SessionFields; sets: WorkoutSet[] } | null;
}

const set = (p: PlannedSet, weightKg: number | null, line = 0): WorkoutSet => ({
  exercise: p.exercise,
  setIndex: p.setIndex,
  setType: p.setType,
  weightKg,
  reps: p.reps,
  distanceM: null,
  durationS: null,
  rpe: p.rpe,
  notes: p.notes,
  line,
});

const fields = (
  source: string,
  start: string,
  name: string,
  rest: Partial<SessionFields>,
): SessionFields => ({
  source,
  sourceWorkoutId: null,
  sessionStart: start,
  name,
  durationS: null,
  distanceM: null,
  energyKcal: null,
  avgHeartRate: null,
  steps: null,
  notes: null,
  ...rest,
});

const strongWriter: FormatWriter = {
  header:
    'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration',
  rows(s) {
    const date = `${isoDay(s.start)} ${pad(s.start.getUTCHours())}:${pad(s.start.getUTCMinutes())}:00`;
    const head = `${date};${csvField(s.name, ';')}`;
    const hours = Math.floor(s.minutes / 60);
    const tail = `${csvField(s.notes ?? '', ';')};${hours > 0 ? `${hours}h ` : ''}${s.minutes % 60}m`;
    const out: string[] = [];
    let previous = '';
    for (const p of s.sets) {
      if (previous !== '' && previous !== p.exercise)
        out.push(`${head};Rest Timer;Rest Timer;;;;;;;90;;${tail}`);
      previous = p.exercise;
      const order = strongSetOrder(p);
      out.push(
        `${head};${csvField(p.exercise, ';')};${order};${num(p.weight, true)};kg;${p.reps};${num(p.rpe, true)};;;0;${csvField(p.notes ?? '', ';')};${tail}`,
      );
    }
    return out;
  },
  bad(rnd, s, n) {
    const date = `${isoDay(s.start)} ${pad(s.start.getUTCHours())}:${pad(s.start.getUTCMinutes())}:00`;
    return rnd.pick([
      `${date};${csvField(s.name, ';')};Bad Row ${n};1;60;kg;ten;;;;0;;;1h 0m`,
      `${date};${csvField(s.name, ';')};Bad Row ${n};1;heavy;kg;5;;;;0;;;1h 0m`,
      `2024-13-45 10:00:00;Broken ${n};Squat;1;60;kg;5;;;;0;;;1h 0m`,
      // A line cut short, as the last line of an interrupted download is.
      `${date};${csvField(s.name, ';')};Bad Row ${n};1;60`,
    ]);
  },
  expected(s) {
    // The core numbers every set, warm-ups included, by its place in the workout.
    return {
      fields: fields('strong', isoLocal(s.start), s.name, { durationS: s.minutes * 60, notes: s.notes }),
      sets: s.sets.map((p) => set(p, p.weight)),
    };
  },
};

/** Strong's Set Order: `W` for a warm-up, working sets numbered from 1 within their block. */
const strongSetOrder = (p: PlannedSet): string =>
  p.setType === 'warmup' ? 'W' : String(p.order - (p.blockHasWarmup ? 1 : 0));

/** Strong's localized headers (as real exports write them) and its rest-timer marker. */
const STRONG_LOCALIZED: Readonly<
  Record<
    Exclude<GeneratorLanguage, 'en'>,
    { header: string; rest: string | null; duration: (m: number) => string }
  >
> = {
  de: {
    header:
      'Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE',
    rest: 'Ruhezeit',
    duration: (m) => `${m >= 60 ? `${Math.floor(m / 60)}h ` : ''}${m % 60}min`,
  },
  es: {
    header:
      'Fecha,Nombre de entrenamiento,Duración,Nombre del ejercicio,Orden de la serie,Peso,Rep.,Distancia,Segundos,Notas,Notas del entrenamiento,RPE',
    rest: 'Temporizador de descanso',
    duration: (m) => `${m >= 60 ? `${Math.floor(m / 60)} h ` : ''}${m % 60} min`,
  },
  fr: {
    header:
      "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,Notes,Notes d'entraînement,RPE",
    rest: null,
    duration: (m) => `${m >= 60 ? `${Math.floor(m / 60)}h ` : ''}${m % 60}min`,
  },
  zh: {
    header: '日期,锻炼名称,时长,运动名称,设置顺序,重量,次,距离,秒,备注,锻炼备注,RPE',
    rest: null,
    duration: (m) => `${m >= 60 ? `${Math.floor(m / 60)}小时` : ''}${m % 60}分钟`,
  },
};

/** The localized comma layout: unitless Weight (kg, the default assumed unit), Distance 0. */
const localizedStrongWriter = (language: Exclude<GeneratorLanguage, 'en'>): FormatWriter => {
  const { header, rest, duration } = STRONG_LOCALIZED[language];
  return {
    header,
    rows(s) {
      const date = `${isoDay(s.start)} ${pad(s.start.getUTCHours())}:${pad(s.start.getUTCMinutes())}:00`;
      const head = `${date},${csvField(s.name)},${duration(s.minutes)}`;
      const workoutNotes = csvField(s.notes ?? '');
      const out: string[] = [];
      for (const p of s.sets) {
        out.push(
          `${head},${csvField(p.exercise)},${strongSetOrder(p)},${num(p.weight)},${p.reps},0,0,${csvField(p.notes ?? '')},${workoutNotes},${num(p.rpe)}`,
        );
        if (rest !== null) out.push(`${head},${csvField(p.exercise)},${rest},0,0,0,90,,,`);
      }
      return out;
    },
    bad(rnd, s, n) {
      const date = `${isoDay(s.start)} ${pad(s.start.getUTCHours())}:${pad(s.start.getUTCMinutes())}:00`;
      return rnd.pick([
        `${date},${csvField(s.name)},${duration(s.minutes)},Bad Row ${n},1,60,ten,0,0,,,`,
        `${date},${csvField(s.name)},${duration(s.minutes)},Bad Row ${n}`,
      ]);
    },
    expected(s) {
      return strongWriter.expected(s);
    },
  };
};

const hevyDate = (d: Date): string =>
  `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

const hevyWriter: FormatWriter = {
  header:
    '"title","start_time","end_time","description","exercise_title","superset_id","exercise_notes","set_index","set_type","weight_kg","reps","distance_km","duration_seconds","rpe"',
  rows(s) {
    const end = new Date(s.start.getTime() + s.minutes * 60_000);
    const head = `${csvField(s.name)},"${hevyDate(s.start)}","${hevyDate(end)}",${csvField(s.notes ?? '')}`;
    return s.sets.map(
      (p) =>
        `${head},${csvField(p.exercise)},,${csvField(p.notes ?? '')},${p.order - 1},"${p.setType}",${num(p.weight)},${p.reps},,,${num(p.rpe)}`,
    );
  },
  bad(rnd, s, n) {
    const head = `Bad ${n},"${hevyDate(s.start)}","${hevyDate(s.start)}",`;
    return rnd.pick([
      `${head},Squat,,,0,"normal",60,ten,,,`,
      `${head},Squat,,,0,"heavy",60,5,,,`,
      `${head},Squat,,,0`,
    ]);
  },
  expected(s) {
    return {
      fields: fields('hevy', isoLocal(s.start), s.name, { durationS: s.minutes * 60, notes: s.notes }),
      sets: s.sets.map((p) => set(p, p.weight)),
    };
  },
};

const fitnotesWriter: FormatWriter = {
  header: 'Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment',
  rows(s) {
    const day = isoDay(s.start);
    return s.sets.map(
      (p) =>
        `${day},${csvField(p.exercise)},Strength,${num(p.weight)},${p.reps},,,,${csvField(p.notes ?? '')}`,
    );
  },
  bad(rnd, s, n) {
    return rnd.pick([
      `${isoDay(s.start)},Bad ${n},Strength,60,ten,,,,`,
      `not-a-date,Bad ${n},Strength,60,5,,,,`,
      `${isoDay(s.start)},Bad ${n},Strength`,
    ]);
  },
  expected(s) {
    return {
      fields: fields('fitnotes', `${isoDay(s.start)}T00:00:00`, FITNOTES_SESSION_NAME, {}),
      sets: s.sets.map((p) => set(p, p.weight)),
    };
  },
};

const mmfDate = (d: Date): string =>
  `"${MMF_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}"`;

const mmfWriter: FormatWriter = {
  header:
    'Date Submitted,Workout Date,Activity Type,Calories Burned (kCal),Distance (mi),Workout Time (seconds),Avg Pace (min/mi),Max Pace (min/mi),Avg Speed (mi/h),Max Speed (mi/h),Avg Heart Rate,Steps,Notes,Source,Link',
  rows(s) {
    const seconds = s.minutes * 60;
    const pace = Math.round((s.minutes / s.miles) * 100) / 100;
    const speed = Math.round((s.miles / (s.minutes / 60)) * 100) / 100;
    return [
      `${mmfDate(s.start)},${mmfDate(s.start)},${s.name},${s.kcal},${s.miles},${seconds},${pace},${pace},${speed},${speed},${num(s.heartRate)},${num(s.steps)},${csvField(s.notes ?? '')},iPhone,http://www.mapmyfitness.com/workout/${s.workoutId}`,
    ];
  },
  bad(rnd, s, n) {
    const link = `http://www.mapmyfitness.com/workout/${900_000 + n}`;
    return rnd.pick([
      `${mmfDate(s.start)},${mmfDate(s.start)},Run,lots,3,1800,,,,,,,,iPhone,${link}`,
      `${mmfDate(s.start)},someday,Run,300,3,1800,,,,,,,,iPhone,${link}`,
      `${mmfDate(s.start)},${mmfDate(s.start)},Run,300,3`,
    ]);
  },
  expected(s) {
    return {
      fields: fields('mapmyfitness', `${isoDay(s.start)}T00:00:00`, s.name, {
        sourceWorkoutId: s.workoutId,
        durationS: s.minutes * 60,
        distanceM: toMetres(s.miles, 'mi'),
        energyKcal: s.kcal,
        avgHeartRate: s.heartRate,
        steps: s.steps,
        notes: s.notes,
      }),
      sets: [],
    };
  },
};

const canonicalWriter: FormatWriter = {
  header: CANONICAL_COLUMNS.join(','),
  rows(s) {
    const head = `${isoLocal(s.start)},${csvField(s.name)},strong,,${s.minutes * 60},,,,,${csvField(s.notes ?? '')}`;
    return s.sets.map(
      (p) =>
        `${head},${csvField(p.exercise)},${p.setIndex},${p.setType},${num(p.weight)},${p.reps},,,${num(p.rpe)},${csvField(p.notes ?? '')}`,
    );
  },
  bad(rnd, s, n) {
    return rnd.pick([
      `${isoLocal(s.start)},Bad ${n},strong,,,,,,,,Squat,1,normal,60,ten,,,,`,
      `${isoLocal(s.start)},Bad ${n},strong,,,,,,,,Squat,1,heavy,60,5,,,,`,
      `${isoLocal(s.start)},Bad ${n},strong`,
    ]);
  },
  expected(s) {
    return {
      fields: fields('strong', isoLocal(s.start), s.name, { durationS: s.minutes * 60, notes: s.notes }),
      sets: s.sets.map((p) => set(p, p.weight)),
    };
  },
};

const WRITERS: Readonly<Record<GeneratorFormat, FormatWriter>> = {
  strong: strongWriter,
  hevy: hevyWriter,
  fitnotes: fitnotesWriter,
  mapmyfitness: mmfWriter,
  canonical: canonicalWriter,
};

/**
 * Yields the export in pieces (header line first, then one piece per session or bad row),
 * each ending in CRLF for Strong and Hevy (as their apps write) and LF otherwise. Memory is
 * independent of the number of sessions.
 */
const writerOf = (options: GenerateOptions): FormatWriter =>
  options.format === 'strong' && options.language !== undefined && options.language !== 'en'
    ? localizedStrongWriter(options.language)
    : WRITERS[options.format];

export function* generateExport(options: GenerateOptions): Generator<string> {
  const rnd = new Random(options.seed ?? 1);
  const writer = writerOf(options);
  const eol = options.format === 'strong' || options.format === 'hevy' ? '\r\n' : '\n';
  yield `${options.format === 'strong' ? '\uFEFF' : ''}${writer.header}${eol}`;
  const total = options.sessions;
  const bad = options.badRows ?? 0;
  // Bad rows are spread evenly, so their place depends only on the counts and the seed.
  const badEvery = bad > 0 ? Math.max(1, Math.floor(total / bad)) : 0;
  let badWritten = 0;
  for (const session of plannedSessions(options)) {
    const i = session.index;
    yield session.planned.rows.length === 0 ? '' : `${writer.rows(session.planned).join(eol)}${eol}`;
    if (badEvery > 0 && badWritten < bad && (i + 1) % badEvery === 0) {
      yield `${writer.bad(rnd, session.planned, badWritten++)}${eol}`;
    }
  }
  for (; badWritten < bad; badWritten++) {
    yield `${writer.bad(rnd, planSession(rnd, options.format, 0, new Date(Date.UTC(2001, 0, 1))), badWritten)}${eol}`;
  }
}

function* plannedSessions(
  options: GenerateOptions,
): Generator<{ index: number; planned: PlannedSession & { rows: readonly string[] } }> {
  const rnd = new Random((options.seed ?? 1) ^ 0x5eed);
  const writer = writerOf(options);
  // One session per day for FitNotes (its sessions are days), 6 hours apart for
  // MapMyFitness (dates only, identity from Link), every 6-30 hours otherwise.
  let t = Date.UTC(2015, 0, 1, 6, 0);
  for (let i = 0; i < options.sessions; i++) {
    t +=
      options.format === 'fitnotes'
        ? 86_400_000
        : options.format === 'mapmyfitness'
          ? 6 * 3_600_000
          : rnd.int(6, 30) * 3_600_000 + rnd.int(0, 59) * 60_000;
    const planned = planSession(rnd, options.format, i, new Date(t), options.repeatedBlocks);
    yield { index: i, planned: { ...planned, rows: writer.rows(planned) } };
  }
}

/** The sessions the core should read back from {@link generateExport} with the same options. */
export const expectedSessions = (options: GenerateOptions): Session[] => {
  const writer = writerOf(options);
  const out: Session[] = [];
  for (const { planned } of plannedSessions(options)) {
    const expected = writer.expected(planned);
    if (expected !== null) {
      out.push(
        finishSession(
          options.athlete ?? 'ann',
          options.timezone ?? 'Europe/Berlin',
          expected.fields,
          expected.sets,
          0,
        ),
      );
    }
  }
  return out;
};

/** Whole export as one string: for tests and small samples. */
export const generateText = (options: GenerateOptions): string => [...generateExport(options)].join('');
