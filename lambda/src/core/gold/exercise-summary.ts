/**
 * What gold keeps of a session's sets: per exercise, the counts and the best set, small
 * enough to store beside the session (bounded by the number of exercises, not sets).
 *
 * - Volume is the sum of weight x reps over working sets. Warm-up sets count in neither
 *   volume nor bests, as lifting apps count them.
 * - The estimated one-rep max uses Epley's formula, e1RM = weight x (1 + reps / 30), and is
 *   the weight itself for a single. Sets of more than 30 reps estimate nothing useful and
 *   are left out of the best set (they still count in volume).
 * - The best set is the working set with the highest e1RM; a tie goes to the heavier
 *   weight, then the earlier set.
 */
import type { WorkoutSet } from '../model.js';

export const EPLEY_MAX_REPS = 30;

export interface BestSet {
  readonly weightKg: number;
  readonly reps: number;
  readonly e1rmKg: number;
}

export interface ExerciseSummary {
  readonly exercise: string;
  /** Working sets (warm-ups excluded). */
  readonly sets: number;
  readonly warmupSets: number;
  readonly reps: number;
  readonly volumeKg: number;
  readonly durationS: number;
  readonly distanceM: number;
  readonly best: BestSet | null;
}

/** Rounds a derived figure so sums of floats print the same on every run. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;

/** Epley's estimate, or null for a set it cannot estimate. */
export function e1rmOf(weightKg: number | null, reps: number | null): number | null {
  if (weightKg === null || reps === null || weightKg <= 0 || reps < 1 || reps > EPLEY_MAX_REPS) {
    return null;
  }
  return round2(reps === 1 ? weightKg : weightKg * (1 + reps / 30));
}

/** True when `a` beats `b` as a best set. */
export const beats = (a: BestSet, b: BestSet | null): boolean =>
  b === null || a.e1rmKg > b.e1rmKg || (a.e1rmKg === b.e1rmKg && a.weightKg > b.weightKg);

/** One summary per exercise, in the sets' order (a session's sets are sorted by exercise). */
export function summarizeExercises(sets: readonly WorkoutSet[]): ExerciseSummary[] {
  const byExercise = new Map<string, WorkoutSet[]>();
  for (const set of sets) {
    const list = byExercise.get(set.exercise);
    if (list) list.push(set);
    else byExercise.set(set.exercise, [set]);
  }
  return [...byExercise].map(([exercise, list]) => summarizeOne(exercise, list));
}

function summarizeOne(exercise: string, sets: readonly WorkoutSet[]): ExerciseSummary {
  let working = 0;
  let warmup = 0;
  let reps = 0;
  let volume = 0;
  let duration = 0;
  let distance = 0;
  let best: BestSet | null = null;
  for (const set of sets) {
    duration += set.durationS ?? 0;
    distance += set.distanceM ?? 0;
    if (set.setType === 'warmup') {
      warmup++;
      continue;
    }
    working++;
    reps += set.reps ?? 0;
    volume += (set.weightKg ?? 0) * (set.reps ?? 0);
    const e1rm = e1rmOf(set.weightKg, set.reps);
    if (e1rm !== null) {
      const candidate = { weightKg: set.weightKg as number, reps: set.reps as number, e1rmKg: e1rm };
      if (beats(candidate, best)) best = candidate;
    }
  }
  return {
    exercise,
    sets: working,
    warmupSets: warmup,
    reps,
    volumeKg: round2(volume),
    durationS: round2(duration),
    distanceM: round2(distance),
    best,
  };
}
