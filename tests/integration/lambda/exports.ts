/** Small Strong exports (current semicolon layout) for the Lambda's integration tests. */
const HEADER =
  'Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration';

export interface StrongSet {
  exercise: string;
  order: number;
  kg: number;
  reps: number;
}

export interface StrongWorkout {
  date: string;
  name: string;
  sets: StrongSet[];
}

export function strongExport(workouts: readonly StrongWorkout[]): string {
  const rows = workouts.flatMap((w) =>
    w.sets.map((s) => `${w.date};"${w.name}";"${s.exercise}";${s.order};${s.kg};kg;${s.reps};;;;;;;1h 5m`),
  );
  return `${[HEADER, ...rows].join('\n')}\n`;
}

export const MONDAY: StrongWorkout = {
  date: '2026-10-05 18:00:00',
  name: 'Push Day',
  sets: [
    { exercise: 'Bench Press (Barbell)', order: 1, kg: 60, reps: 10 },
    { exercise: 'Bench Press (Barbell)', order: 2, kg: 70, reps: 8 },
    { exercise: 'Overhead Press (Barbell)', order: 1, kg: 40, reps: 8 },
  ],
};

export const WEDNESDAY: StrongWorkout = {
  date: '2026-10-07 18:00:00',
  name: 'Pull Day',
  sets: [
    { exercise: 'Deadlift (Barbell)', order: 1, kg: 120, reps: 5 },
    { exercise: 'Pull Up', order: 1, kg: 0, reps: 10 },
  ],
};

export const FRIDAY: StrongWorkout = {
  date: '2026-10-09 18:00:00',
  name: 'Leg Day',
  sets: [{ exercise: 'Squat (Barbell)', order: 1, kg: 100, reps: 5 }],
};
