import { normalizeName } from './columns.js';

/**
 * Strong writes its header (and its rest-timer marker) in the app's language. These are
 * the languages seen in real, published exports (see tests/fixtures/real/README.md): each
 * maps its column names onto the English ones, so the rest of the format reads one layout.
 * Localized exports are the older comma layout: unitless `Weight` and `Distance` (read in
 * the units the caller states) and durations like `53min`, `1 h 8 min`, `1小时21分钟`.
 */
export const STRONG_LANGUAGES = {
  de: {
    datum: 'date',
    'workout-name': 'workout name',
    dauer: 'duration',
    'name der übung': 'exercise name',
    'reihenfolge festlegen': 'set order',
    gewicht: 'weight',
    'wiederh.': 'reps',
    entfernung: 'distance',
    sekunden: 'seconds',
    notizen: 'notes',
    'workout-notizen': 'workout notes',
  },
  es: {
    fecha: 'date',
    'nombre de entrenamiento': 'workout name',
    duración: 'duration',
    'nombre del ejercicio': 'exercise name',
    'orden de la serie': 'set order',
    peso: 'weight',
    'rep.': 'reps',
    distancia: 'distance',
    segundos: 'seconds',
    notas: 'notes',
    'notas del entrenamiento': 'workout notes',
  },
  fr: {
    "nom de l'entraînement": 'workout name',
    durée: 'duration',
    "nom de l'exercice": 'exercise name',
    'ordre de la série': 'set order',
    poids: 'weight',
    réps: 'reps',
    secondes: 'seconds',
    "notes d'entraînement": 'workout notes',
  },
  zh: {
    日期: 'date',
    锻炼名称: 'workout name',
    时长: 'duration',
    运动名称: 'exercise name',
    设置顺序: 'set order',
    重量: 'weight',
    次: 'reps',
    距离: 'distance',
    秒: 'seconds',
    备注: 'notes',
    锻炼备注: 'workout notes',
  },
} as const satisfies Record<string, Record<string, string>>;

export type StrongLanguage = 'en' | keyof typeof STRONG_LANGUAGES;

/** Set Order values that mark a rest-timer row, in every language seen. */
export const REST_TIMER_MARKERS: ReadonlySet<string> = new Set([
  'rest timer',
  'ruhezeit',
  'temporizador de descanso',
]);

/** The columns every Strong export has, in English. */
const REQUIRED = ['date', 'workout name', 'exercise name', 'set order'] as const;

/**
 * The header's names in English, and the language they were written in; undefined when
 * the header is not Strong's in any language known here.
 */
export const englishStrongHeader = (
  names: readonly string[],
): { readonly names: readonly string[]; readonly language: StrongLanguage } | undefined => {
  const normal = names.map(normalizeName);
  if (REQUIRED.every((name) => normal.includes(name))) return { names, language: 'en' };
  for (const [language, table] of Object.entries(STRONG_LANGUAGES) as [
    StrongLanguage,
    Record<string, string>,
  ][]) {
    const english = normal.map((name) => table[name] ?? name);
    if (REQUIRED.every((name) => english.includes(name))) return { names: english, language };
  }
  return undefined;
};

/**
 * True when an unknown header has the shape of Strong's localized layout (10-12 columns,
 * one of them `RPE`, which no translation changes) but none of the English set columns: a
 * Strong export in a language this project does not map yet, which deserves a message
 * saying so rather than a list of English headers.
 */
export const looksLikeUnmappedStrong = (names: readonly string[]): boolean => {
  const normal = names.map(normalizeName);
  return (
    normal.length >= 10 &&
    normal.length <= 12 &&
    normal.includes('rpe') &&
    !normal.includes('set order') &&
    !normal.includes('exercise')
  );
};
