import { describe, it } from 'vitest';
import { expectGolden, readReal } from './golden.js';

describe('real Strong exports', () => {
  it('reads the current numbered export with kg weights as written, WARM_UP and FAILURE sets counted in file order', async () => {
    // Act
    const result = await readReal('strong/cmccorkle21-numbered-warm-up-failure.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'numbered/weight-kg',
        rows: 36,
        sessions: 3,
        sets: 36,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2024-09-17T16:22:11',
          name: 'Pull 1',
          durationS: 4347,
          notes: null,
          line: 2,
          sets: [
            ['Cable Y Raise', 1, 'normal', 13.6077711, 3, null, null, null, null, 2],
            ['Cable Y Raise', 2, 'normal', 9.071847400000001, 11, null, null, null, null, 3],
            ['Preacher Curl (Machine)', 1, 'normal', 13.6077711, 12, null, null, null, null, 4],
            ['Preacher Curl (Machine)', 2, 'normal', 18.143694800000002, 9, null, null, null, null, 5],
            ['Preacher Curl (Machine)', 3, 'normal', 13.6077711, 10, null, null, null, null, 6],
            ['Forearm Dumbell Superset', 1, 'normal', 6.80388555, 9, null, null, null, null, 7],
            ['Forearm Dumbell Superset', 2, 'normal', 6.80388555, 13, null, null, null, null, 8],
          ],
        },
        {
          sessionStart: '2024-09-18T10:21:26',
          name: 'Legs/Abs',
          durationS: 3766,
          notes: null,
          line: 9,
          sets: [
            ['Pendulum Squat', 1, 'warmup', 20.41165665, 4, null, null, null, null, 9],
            ['Pendulum Squat', 2, 'normal', 36.287389600000004, 5, null, null, null, null, 10],
            ['Pendulum Squat', 3, 'normal', 40.8233133, 5, null, null, null, null, 11],
            ['Pendulum Squat', 4, 'normal', 40.8233133, 8, null, null, null, null, 12],
            ['Pendulum Squat', 5, 'warmup', 36.287389600000004, 2, null, null, null, null, 13],
            ['Pendulum Squat', 6, 'warmup', 0, 6, null, null, null, null, 14],
            ['Seated Leg Curl (Machine)', 1, 'normal', 40.8233133, 12, null, null, null, null, 15],
            ['Seated Leg Curl (Machine)', 2, 'normal', 40.8233133, 10, null, null, null, null, 16],
            ['Seated Leg Curl (Machine)', 3, 'warmup', 49.895160700000005, 8, null, null, null, null, 17],
            ['Standing Calf Raise (Machine)', 1, 'normal', 181.436948, 10, null, null, null, null, 18],
            ['Standing Calf Raise (Machine)', 2, 'normal', 181.436948, 10, null, null, null, null, 19],
            ['Standing Calf Raise (Machine)', 3, 'normal', 181.436948, 8, null, null, null, null, 20],
            ['Leg Extension (Machine)', 1, 'normal', 36.287389600000004, 11, null, null, null, null, 21],
            ['Leg Extension (Machine)', 2, 'normal', 36.287389600000004, 8, null, null, null, null, 22],
            ['Cable Crunch', 1, 'failure', 63.502931800000006, 7, null, null, null, null, 23],
            ['Cable Crunch', 2, 'normal', 63.502931800000006, 12, null, null, null, null, 24],
          ],
        },
        {
          sessionStart: '2024-09-19T16:24:24',
          name: 'Push 2',
          durationS: 3367,
          notes: null,
          line: 25,
          sets: [
            ['Chest Press (Machine)', 1, 'normal', 63.502931800000006, 8, null, null, null, null, 25],
            ['Chest Press (Machine)', 2, 'warmup', 40.8233133, 6, null, null, null, null, 26],
            ['Chest Press (Machine)', 3, 'warmup', 63.502931800000006, 2, null, null, null, null, 27],
            ['Chest Press (Machine)', 4, 'normal', 63.502931800000006, 5, null, null, null, null, 28],
            ['Pec Deck (Machine)', 1, 'normal', 36.287389600000004, 8, null, null, null, null, 29],
            ['Pec Deck (Machine)', 2, 'normal', 36.287389600000004, 7, null, null, null, null, 30],
            ['Lateral Raise (Cable)', 1, 'normal', 7.484274105000001, 12, null, null, null, null, 31],
            ['Lateral Raise (Cable)', 2, 'normal', 7.484274105000001, 11, null, null, null, null, 32],
            ['Lateral Raise (Cable)', 3, 'normal', 7.484274105000001, 9, null, null, null, null, 33],
            ['Overhead Press (Dumbbell)', 1, 'normal', 20.41165665, 8, null, null, null, null, 34],
            ['Overhead Press (Dumbbell)', 2, 'normal', 20.41165665, 6, null, null, null, null, 35],
            ['Cross Cable Extension', 1, 'normal', 10.43262451, 12, null, null, null, null, 36],
            ['Cross Cable Extension', 2, 'normal', 10.43262451, 6, null, null, null, null, 37],
          ],
        },
      ],
    );
  });

  it('reads the numbered export with a failure set, cardio rows without weight and an exercise note on every set of its block', async () => {
    // Act
    const result = await readReal('strong/joao-conde-numbered-failure-note.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'numbered/weight-kg',
        rows: 39,
        sessions: 2,
        sets: 38,
        skipped: 1,
        skippedByReason: { 'exercise-note': 1 },
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2022-10-07T17:50:21',
          name: 'Chest Tricep (Push)',
          durationS: 5534,
          notes: null,
          line: 2,
          sets: [
            ['Bench Press (Dumbbell)', 1, 'normal', 20, 8, null, null, null, null, 2],
            ['Strict Military Press (Barbell)', 1, 'normal', 2.5, 12, null, null, null, null, 3],
            ['Strict Military Press (Barbell)', 2, 'normal', 2.5, 10, null, null, null, null, 4],
            ['Strict Military Press (Barbell)', 3, 'normal', 3.75, 8, null, null, null, null, 5],
            ['Chest Dip (Assisted)', 1, 'normal', 35, 12, null, null, null, null, 6],
            ['Chest Dip (Assisted)', 2, 'normal', 28, 12, null, null, null, null, 7],
            ['Chest Dip (Assisted)', 3, 'failure', 21, 9, null, null, null, null, 8],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 5, 12, null, null, null, null, 9],
            ['Lateral Raise (Dumbbell)', 2, 'normal', 5, 12, null, null, null, null, 10],
            ['Lateral Raise (Dumbbell)', 3, 'normal', 8, 10, null, null, null, null, 11],
            ['Lateral Raise (Dumbbell)', 4, 'normal', 8, 10, null, null, null, null, 12],
            ['Lateral Raise (Dumbbell)', 5, 'normal', 10, 6, null, null, null, null, 13],
            ['Lateral Raise (Dumbbell)', 6, 'normal', 10, 6, null, null, null, null, 14],
            ['Cable Kickback', 1, 'normal', 2.5, 15, null, null, null, null, 15],
            ['Cable Kickback', 2, 'normal', 5, 12, null, null, null, null, 16],
            ['Cable Kickback', 3, 'normal', 5, 10, null, null, null, null, 17],
            ['Walking', 1, 'normal', null, null, null, 900, null, null, 18],
          ],
        },
        {
          sessionStart: '2022-10-08T17:13:54',
          name: 'Legs',
          durationS: 6012,
          notes: null,
          line: 19,
          sets: [
            ['Squat (Barbell)', 1, 'normal', 5, 8, null, null, null, null, 19],
            ['Squat (Barbell)', 2, 'normal', 7.5, 8, null, null, null, null, 20],
            ['Squat (Barbell)', 3, 'normal', 10, 6, null, null, null, null, 21],
            ['Squat (Barbell)', 4, 'normal', 10, 6, null, null, null, null, 22],
            ['Squat (Barbell)', 5, 'normal', 15, 6, null, null, null, null, 23],
            ['Lunge (Dumbbell)', 1, 'normal', 0, 20, null, null, null, null, 24],
            ['Lunge (Dumbbell)', 2, 'normal', 5, 20, null, null, null, null, 25],
            ['Lunge (Dumbbell)', 3, 'normal', 5, 20, null, null, null, null, 26],
            ['Seated Leg Curl (Machine)', 1, 'normal', 40, 12, null, null, null, '2 2 4', 28],
            ['Seated Leg Curl (Machine)', 2, 'normal', 42.5, 10, null, null, null, '2 2 4', 29],
            ['Seated Leg Curl (Machine)', 3, 'normal', 45, 8, null, null, null, '2 2 4', 30],
            ['Leg Extension (Machine)', 1, 'normal', 40, 12, null, null, null, null, 31],
            ['Leg Extension (Machine)', 2, 'normal', 42.5, 10, null, null, null, null, 32],
            ['Leg Extension (Machine)', 3, 'normal', 45, 8, null, null, null, null, 33],
            ['Calf Press on Seated Leg Press', 1, 'normal', 90, 12, null, null, null, null, 34],
            ['Calf Press on Seated Leg Press', 2, 'normal', 100, 10, null, null, null, null, 35],
            ['Calf Press on Seated Leg Press', 3, 'normal', 110, 8, null, null, null, null, 36],
            ['Seated Calf Raise (Plate Loaded)', 1, 'normal', 20, 50, null, null, null, null, 37],
            ['Seated Calf Raise (Plate Loaded)', 2, 'normal', 24, 40, null, null, null, null, 38],
            ['Seated Calf Raise (Plate Loaded)', 3, 'normal', 28, 30, null, null, null, null, 39],
            ['Walking', 1, 'normal', null, null, null, 600, null, null, 40],
          ],
        },
      ],
    );
  });

  it('reads the numbered export with warm-ups, drops, exercise notes and rest timers exactly', async () => {
    // Act
    const result = await readReal('strong/mano-dinnatcreusier-numbered-markers.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'numbered/weight-kg',
        rows: 60,
        sessions: 2,
        sets: 31,
        skipped: 29,
        skippedByReason: { 'rest-timer': 27, 'exercise-note': 2 },
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2025-05-06T13:19:27',
          name: 'Entraînement du matin',
          durationS: 5118,
          notes: null,
          line: 2,
          sets: [
            ['Pull Up', 1, 'normal', 10, 5, null, null, null, null, 2],
            ['Pull Up', 2, 'normal', 10, 5, null, null, null, null, 4],
            ['Pull Up', 3, 'normal', 35, 2, null, null, null, null, 6],
            ['Pull Up', 4, 'normal', 35, 3, null, null, null, null, 8],
            ['Seated Row (Machine)', 1, 'normal', 80, 12, null, null, null, null, 10],
            ['Seated Row (Machine)', 2, 'normal', 80, 12, null, null, null, null, 12],
            ['Seated Row (Machine)', 3, 'normal', 80, 12, null, null, null, null, 14],
            ['Seated Row (Machine)', 4, 'normal', 80, 12, null, null, null, null, 16],
            ['Face Pull (Cable)', 1, 'normal', 45, 15, null, null, null, null, 18],
            ['Face Pull (Cable)', 2, 'normal', 50, 12, null, null, null, null, 20],
            ['Face Pull (Cable)', 3, 'normal', 45, 15, null, null, null, null, 22],
            ['Bicep Curl (Barbell)', 1, 'normal', 25, 12, null, null, null, null, 24],
            ['Bicep Curl (Barbell)', 2, 'normal', 25, 12, null, null, null, null, 26],
            ['Bicep Curl (Barbell)', 3, 'dropset', 25, 10, null, null, null, null, 28],
            ['Seated Leg Curl (Machine)', 1, 'normal', 73, 10, null, null, null, null, 29],
            ['Seated Leg Curl (Machine)', 2, 'normal', 79, 12, null, null, null, null, 31],
            ['Leg Extension (Machine)', 1, 'normal', 79, 12, null, null, null, null, 33],
            ['Leg Extension (Machine)', 2, 'dropset', 79, 10, null, null, null, null, 35],
          ],
        },
        {
          sessionStart: '2025-05-09T15:25:20',
          name: 'Chest and Triceps',
          durationS: 2698,
          notes: null,
          line: 36,
          sets: [
            ['Bench Press (Barbell)', 1, 'warmup', 60, 8, null, null, null, '100*4 pause', 37],
            ['Bench Press (Barbell)', 2, 'warmup', 100, 3, null, null, null, '100*4 pause', 38],
            ['Bench Press (Barbell)', 3, 'normal', 110, 2, null, null, null, '100*4 pause', 39],
            ['Bench Press (Barbell)', 4, 'normal', 115, 1, null, null, null, '100*4 pause', 41],
            ['Bench Press (Barbell)', 5, 'normal', 122.5, 3, null, null, null, '100*4 pause', 43],
            ['Bench Press (Barbell)', 6, 'normal', 122.5, 3, null, null, null, '100*4 pause', 45],
            ['Bench Press (Barbell)', 7, 'normal', 122.5, 3, null, null, null, '100*4 pause', 47],
            ['Bench Press (Barbell)', 8, 'normal', 122.5, 3, null, null, null, '100*4 pause', 49],
            ['Pull Up', 1, 'normal', 0, 10, null, null, null, 'neutre', 52],
            ['Pull Up', 2, 'normal', 20, 6, null, null, null, 'neutre', 54],
            ['Pull Up', 3, 'normal', 20, 6, null, null, null, 'neutre', 56],
            ['Pull Up', 4, 'normal', 40, 1, null, null, null, 'neutre', 58],
            ['Pull Up', 5, 'normal', 40, 1, null, null, null, 'neutre', 60],
          ],
        },
      ],
    );
  });

  it('keeps counting an exercise done again later in the workout and puts each note only on its own block', async () => {
    // Act
    const result = await readReal('strong/mano-dinnatcreusier-numbered-two-blocks.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'numbered/weight-kg',
        rows: 27,
        sessions: 1,
        sets: 24,
        skipped: 3,
        skippedByReason: { 'exercise-note': 3 },
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2023-03-21T10:36:02',
          name: 'Entraînement du matin',
          durationS: 4884,
          notes: null,
          line: 2,
          sets: [
            ['Bent Over Row (Barbell)', 1, 'normal', 20, 12, null, null, null, null, 2],
            ['Bent Over Row (Barbell)', 2, 'normal', 60, 12, null, null, null, null, 3],
            ['Bent Over Row (Barbell)', 3, 'normal', 60, 12, null, null, null, null, 4],
            ['Bent Over Row (Barbell)', 4, 'normal', 60, 12, null, null, null, null, 5],
            ['Bent Over Row (Barbell)', 5, 'normal', 60, 12, null, null, null, null, 6],
            ['Bent Over Row (Barbell)', 6, 'dropset', 80, 8, null, null, null, null, 7],
            ['Bent Over Row (Barbell)', 7, 'dropset', 60, 12, null, null, null, null, 8],
            ['Bent Over Row (Barbell)', 8, 'dropset', 40, 12, null, null, null, null, 9],
            ['Pull Up', 1, 'normal', 0, 10, null, null, null, 'Pronation body - militaire', 11],
            ['Pull Up', 2, 'normal', 0, 8, null, null, null, 'Pronation body - militaire', 12],
            ['Pull Up', 3, 'normal', 0, 7, null, null, null, 'Pronation body - militaire', 13],
            ['Seated Row (Cable)', 1, 'normal', 39, 12, null, null, null, null, 14],
            ['Seated Row (Cable)', 2, 'normal', 45, 12, null, null, null, null, 15],
            ['Seated Row (Cable)', 3, 'normal', 45, 13, null, null, null, null, 16],
            ['Seated Row (Cable)', 4, 'normal', 45, 12, null, null, null, null, 17],
            ['Pull Up', 4, 'normal', 0, 10, null, null, null, null, 18],
            ['Pull Up', 5, 'normal', 0, 10, null, null, null, null, 19],
            ['Pull Up', 6, 'normal', 8, 6, null, null, null, null, 20],
            ['Hammer Curl (Cable)', 1, 'normal', 27, 12, null, null, null, '36 un peu trop lourd', 22],
            ['Hammer Curl (Cable)', 2, 'normal', 32, 12, null, null, null, '36 un peu trop lourd', 23],
            ['Hammer Curl (Cable)', 3, 'normal', 36, 12, null, null, null, '36 un peu trop lourd', 24],
            ['Bicep Curl (Barbell)', 1, 'normal', 20, 12, null, null, null, "Plus dégressive a l'échec", 27],
            ['Bicep Curl (Barbell)', 2, 'normal', 20, 12, null, null, null, "Plus dégressive a l'échec", 28],
            ['Bicep Curl (Barbell)', 3, 'normal', 25, 8, null, null, null, "Plus dégressive a l'échec", 29],
          ],
        },
      ],
    );
  });

  it('reads the unit-column export with kg weights, km distances and cardio rows without weight', async () => {
    // Act
    const result = await readReal('strong/jonathanwillemans-unit-column-kg-km.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'semicolon/unit-column',
        rows: 29,
        sessions: 2,
        sets: 29,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2023-03-26T17:52:29',
          name: 'Afternoon Workout',
          durationS: 2220,
          notes: null,
          line: 2,
          sets: [
            ['Running', 1, 'normal', null, null, null, 900, null, null, 2],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 6, 12, null, null, null, null, 3],
            ['Overhead Press (Dumbbell)', 1, 'normal', 12, 10, null, null, null, null, 4],
            ['Overhead Press (Dumbbell)', 2, 'normal', 16, 8, null, null, null, null, 5],
            ['Overhead Press (Dumbbell)', 3, 'normal', 18, 6, null, null, null, null, 6],
            ['Reverse Curl (Barbell)', 1, 'normal', 25, 8, null, null, null, null, 7],
            ['Reverse Curl (Barbell)', 2, 'normal', 30, 3, null, null, null, null, 8],
            ['Barbell wrist curl', 1, 'normal', 30, 15, null, null, null, null, 9],
            ['Shoulder Press (Plate Loaded)', 1, 'normal', 10, 12, null, null, null, null, 10],
            ['Shoulder Press (Plate Loaded)', 2, 'normal', 20, 8, null, null, null, null, 11],
            ['Shoulder Press (Plate Loaded)', 3, 'normal', 25, 5, null, null, null, null, 12],
          ],
        },
        {
          sessionStart: '2023-12-01T17:05:07',
          name: 'Afternoon Workout',
          durationS: 3900,
          notes: null,
          line: 13,
          sets: [
            ['huppelen', 1, 'normal', null, null, 1780, 900, null, null, 13],
            ['Bench Press (Barbell)', 1, 'normal', 40, 6, null, null, null, null, 14],
            ['Bench Press (Barbell)', 2, 'normal', 60, 3, null, null, null, null, 15],
            ['Bench Press (Barbell)', 3, 'normal', 70, 3, null, null, null, null, 16],
            ['Bench Press (Barbell)', 4, 'normal', 70, 8, null, null, null, null, 17],
            ['Bench Press (Barbell)', 5, 'normal', 70, 8, null, null, null, null, 18],
            ['Bench Press (Barbell)', 6, 'normal', 70, 8, null, null, null, null, 19],
            ['Incline Bench Press (Dumbbell)', 1, 'normal', 20, 8, null, null, null, null, 20],
            ['Incline Bench Press (Dumbbell)', 2, 'normal', 26, 8, null, null, null, null, 21],
            ['Incline Bench Press (Dumbbell)', 3, 'normal', 26, 8, null, null, null, null, 22],
            ['Incline Bench Press (Dumbbell)', 4, 'normal', 26, 8, null, null, null, null, 23],
            ['Skullcrusher (Barbell)', 1, 'normal', 25, 8, null, null, null, null, 24],
            ['Skullcrusher (Barbell)', 2, 'normal', 25, 12, null, null, null, null, 25],
            ['Skullcrusher (Barbell)', 3, 'normal', 25, 12, null, null, null, null, 26],
            ['dip (machine)', 1, 'normal', 41, 12, null, null, null, null, 27],
            ['dip (machine)', 2, 'normal', 54, 8, null, null, null, null, 28],
            ['dip (machine)', 3, 'normal', 64, 8, null, null, null, null, 29],
            ['dip (machine)', 4, 'normal', 64, 8, null, null, null, null, 30],
          ],
        },
      ],
    );
  });

  it('reads the unit-column export with workout notes on a later row and km distance', async () => {
    // Act
    const result = await readReal('strong/jonathanwillemans-unit-column-mixed.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'semicolon/unit-column',
        rows: 16,
        sessions: 2,
        sets: 16,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2023-12-06T15:12:35',
          name: 'Afternoon Workout',
          durationS: 3060,
          notes: null,
          line: 2,
          sets: [
            ['Triceps Extension (Machine)', 1, 'normal', 54, 12, null, null, null, null, 2],
            ['Triceps Extension (Machine)', 2, 'normal', 68, 6, null, null, null, null, 3],
            ['Triceps Extension (Machine)', 3, 'normal', 68, 6, null, null, null, null, 4],
            ['Triceps Extension (Machine)', 4, 'normal', 68, 6, null, null, null, null, 5],
          ],
        },
        {
          sessionStart: '2023-12-08T17:51:48',
          name: 'Afternoon Workout',
          durationS: 3240,
          notes: 'benen',
          line: 6,
          sets: [
            ['huppelen', 1, 'normal', null, null, 1720, 900, null, null, 6],
            ['Squat (Barbell)', 1, 'normal', 20, 8, null, null, null, null, 7],
            ['Squat (Barbell)', 2, 'normal', 40, 6, null, null, null, null, 8],
            ['Squat (Barbell)', 3, 'normal', 60, 3, null, null, null, null, 9],
            ['Squat (Barbell)', 4, 'normal', 80, 7, null, null, null, null, 10],
            ['Squat (Barbell)', 5, 'normal', 80, 7, null, null, null, null, 11],
            ['Squat (Barbell)', 6, 'normal', 80, 8, null, null, null, null, 12],
            ['Trap Bar Deadlift', 1, 'normal', 60, 8, null, null, null, null, 13],
            ['Trap Bar Deadlift', 2, 'normal', 100, 8, null, null, null, null, 14],
            ['Trap Bar Deadlift', 3, 'normal', 140, 6, null, null, null, null, 15],
            ['Trap Bar Deadlift', 4, 'normal', 140, 6, null, null, null, null, 16],
            ['Trap Bar Deadlift', 5, 'normal', 140, 6, null, null, null, null, 17],
          ],
        },
      ],
    );
  });

  it('converts lbs weights and mi. distances of the unit-column export per row', async () => {
    // Act
    const result = await readReal('strong/rclayton999-unit-column-lbs-mi.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'semicolon/unit-column',
        rows: 34,
        sessions: 3,
        sets: 34,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2023-05-03T11:37:00',
          name: 'Morning Workout',
          durationS: 3600,
          notes: null,
          line: 2,
          sets: [
            ['Squat (Barbell)', 1, 'normal', 70.306817, 5, null, null, null, null, 2],
            ['Squat (Barbell)', 2, 'normal', 79.378665, 5, null, null, null, null, 3],
            ['Squat (Barbell)', 3, 'normal', 79.378665, 5, null, null, null, null, 4],
          ],
        },
        {
          sessionStart: '2023-05-09T11:37:42',
          name: 'Pull',
          durationS: 14880,
          notes: null,
          line: 5,
          sets: [
            ['Bent Over Row (Barbell)', 1, 'normal', 35.380205, 15, null, null, null, null, 5],
            ['Bent Over Row (Barbell)', 2, 'normal', 44.452052, 12, null, null, null, null, 6],
            ['Bent Over Row (Barbell)', 3, 'normal', 53.5239, 12, null, null, null, null, 7],
            ['Bent Over Row (Barbell)', 4, 'normal', 53.5239, 8, null, null, null, null, 8],
            ['Bent Over Row (Barbell)', 5, 'normal', 62.595747, 5, null, null, null, null, 9],
            ['Bent Over Row (Barbell)', 6, 'normal', 62.595747, 8, null, null, null, null, 10],
            ['Bent Over Row (Barbell)', 7, 'normal', 53.5239, 12, null, null, null, null, 11],
            ['Bent Over One Arm Row (Dumbbell)', 1, 'normal', 20.411657, 12, null, null, null, null, 12],
            ['Bent Over One Arm Row (Dumbbell)', 2, 'normal', 24.94758, 12, null, null, null, null, 13],
            ['Bent Over One Arm Row (Dumbbell)', 3, 'normal', 24.94758, 12, null, null, null, null, 14],
            ['Cycling (Indoor)', 1, 'normal', null, null, 10669.95072, 1800, null, null, 15],
            ['Cycling (Indoor)', 2, 'normal', null, null, 3749.77152, 610, null, null, 16],
            ['Bicep Curl (Dumbbell)', 1, 'normal', 11.339809, 12, null, null, null, null, 17],
            ['Bicep Curl (Dumbbell)', 2, 'normal', 11.339809, 15, null, null, null, null, 18],
            ['Bicep Curl (Dumbbell)', 3, 'normal', 15.875733, 8, null, null, null, null, 19],
          ],
        },
        {
          sessionStart: '2023-05-10T11:48:00',
          name: 'Afternoon Workout',
          durationS: 14640,
          notes: null,
          line: 20,
          sets: [
            ['Bench Press (Barbell)', 1, 'normal', 61.23497, 5, null, null, null, null, 20],
            ['Bench Press (Barbell)', 2, 'normal', 61.23497, 5, null, null, null, null, 21],
            ['Bench Press (Barbell)', 3, 'normal', 61.23497, 5, null, null, null, null, 22],
            ['Bench Press (Barbell)', 4, 'normal', 65.770894, 5, null, null, null, null, 23],
            ['Bench Press (Barbell)', 5, 'normal', 65.770894, 5, null, null, null, null, 24],
            ['Strict Military Press (Barbell)', 1, 'normal', 31.751466, 12, null, null, null, null, 25],
            ['Strict Military Press (Barbell)', 2, 'normal', 31.751466, 12, null, null, null, null, 26],
            ['Strict Military Press (Barbell)', 3, 'normal', 36.28739, 5, null, null, null, null, 27],
            ['Squat (Barbell)', 1, 'normal', 43.091275, 5, null, null, null, null, 28],
            ['Squat (Barbell)', 2, 'normal', 61.23497, 5, null, null, null, null, 29],
            ['Squat (Barbell)', 3, 'normal', 5.443108, 8, null, null, null, null, 30],
            ['Squat (Barbell)', 4, 'normal', 70.306817, 5, null, null, null, null, 31],
            ['Squat (Barbell)', 5, 'normal', 79.378665, 5, null, null, null, null, 32],
            ['Squat (Barbell)', 6, 'normal', 70.306817, 5, null, null, null, null, 33],
            ['Squat (Barbell)', 7, 'normal', 61.23497, 8, null, null, null, null, 34],
            ['Cycling (Indoor)', 1, 'normal', null, null, 6887.99232, 1260, null, null, 35],
          ],
        },
      ],
    );
  });

  it('reads the comma export without notes columns, with drop sets, decimal reps and unitless weight and distance', async () => {
    // Act
    const result = await readReal('strong/alara96-comma-no-notes-drop.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'comma/weight-assumed-kg',
        rows: 22,
        sessions: 1,
        sets: 22,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2023-04-03T14:51:10',
          name: 'Upper Body Day',
          durationS: 4920,
          notes: null,
          line: 2,
          sets: [
            ['Bent Over Row (Barbell)', 1, 'normal', 80, 12, null, null, null, null, 2],
            ['Bent Over Row (Barbell)', 2, 'normal', 80, 10, null, null, null, null, 3],
            ['Shoulder Press (Machine)', 1, 'normal', 50, 12, null, null, null, null, 4],
            ['Shoulder Press (Machine)', 2, 'normal', 50, 12, null, null, null, null, 5],
            ['Shoulder Press (Machine)', 3, 'normal', 50, 12, null, null, null, null, 6],
            ['Lat Pulldown (Cable)', 1, 'normal', 120, 12, null, null, null, null, 7],
            ['Lat Pulldown (Cable)', 2, 'normal', 140, 8, null, null, null, null, 8],
            ['Lat Pulldown (Cable)', 3, 'normal', 140, 6, null, null, null, null, 9],
            ['Cable Crossover', 1, 'normal', 20, 12, null, null, null, null, 10],
            ['Cable Crossover', 2, 'normal', 22.5, 6, null, null, null, null, 11],
            ['Cable Crossover', 3, 'normal', 17.5, 10, null, null, null, null, 12],
            ['Cable Crossover', 4, 'dropset', 17.5, 4, null, null, null, null, 13],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 17.5, 11, null, null, null, null, 14],
            ['Lateral Raise (Dumbbell)', 2, 'normal', 17.5, 10, null, null, null, null, 15],
            ['Concentration Curl (Dumbbell)', 1, 'normal', 30, 8, null, null, null, null, 16],
            ['Concentration Curl (Dumbbell)', 2, 'normal', 27.5, 6, null, null, null, null, 17],
            ['One Arm Tricep Extension (Freemotion)', 1, 'normal', 50, 10, null, null, null, null, 18],
            ['One Arm Tricep Extension (Freemotion)', 2, 'normal', 60, 4, null, null, null, null, 19],
            ['One Arm Tricep Extension (Freemotion)', 3, 'dropset', 45, 4, null, null, null, null, 20],
            ['Diamond Push Up', 1, 'normal', 0, 15, null, null, null, null, 21],
            ['Diamond Push Up', 2, 'normal', 0, 10, null, null, null, null, 22],
            ['Diamond Push Up', 3, 'normal', 0, 6, null, null, null, null, 23],
          ],
        },
      ],
    );
  });

  it('reads the comma export with warm-ups between working sets, a failure set and a 150h duration', async () => {
    // Act
    const result = await readReal('strong/sinjinbhatia-comma-warm-up-failure.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'comma/weight-assumed-kg',
        rows: 40,
        sessions: 3,
        sets: 40,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2021-10-04T06:12:46',
          name: 'Push Day',
          durationS: 2340,
          notes: null,
          line: 2,
          sets: [
            ['Cable Crossover', 1, 'normal', 40, 8, null, null, null, null, 2],
            ['Triceps Dip', 1, 'normal', 0, 6, null, null, null, null, 3],
            ['Triceps Dip', 2, 'normal', 0, 5, null, null, null, null, 4],
            ['Triceps Dip', 3, 'normal', 0, 3, null, null, null, null, 5],
          ],
        },
        {
          sessionStart: '2021-10-05T06:06:09',
          name: 'Pull Day',
          durationS: 542580,
          notes: null,
          line: 6,
          sets: [
            ['Seated Row (Cable)', 1, 'normal', 85, 8, null, null, null, null, 6],
            ['Seated Row (Cable)', 2, 'warmup', 40, 15, null, null, null, null, 7],
            ['Seated Row (Cable)', 3, 'normal', 85, 8, null, null, null, null, 8],
            ['Seated Row (Cable)', 4, 'normal', 85, 8, null, null, null, null, 9],
            ['Lateral Raise (Machine)', 1, 'normal', 40, 8, null, null, null, null, 10],
            ['Lateral Raise (Machine)', 2, 'normal', 45, 8, null, null, null, null, 11],
            ['Lateral Raise (Machine)', 3, 'normal', 45, 8, null, null, null, null, 12],
            ['Lat Pulldown (Machine)', 1, 'normal', 105, 8, null, null, null, null, 13],
            ['Lat Pulldown (Machine)', 2, 'normal', 100, 8, null, null, null, null, 14],
            ['Lat Pulldown (Machine)', 3, 'normal', 110, 8, null, null, null, null, 15],
            ['Preacher Curl (Barbell)', 1, 'normal', 31, 8, null, null, null, null, 16],
            ['Preacher Curl (Barbell)', 2, 'normal', 36, 8, null, null, null, null, 17],
            ['Preacher Curl (Barbell)', 3, 'normal', 36, 6, null, null, null, null, 18],
          ],
        },
        {
          sessionStart: '2021-10-11T12:50:06',
          name: 'Push Day',
          durationS: 4080,
          notes: null,
          line: 19,
          sets: [
            ['Bench Press (Barbell)', 1, 'warmup', 45, 10, null, null, null, null, 19],
            ['Bench Press (Barbell)', 2, 'warmup', 65, 5, null, null, null, null, 20],
            ['Bench Press (Barbell)', 3, 'warmup', 85, 5, null, null, null, null, 21],
            ['Bench Press (Barbell)', 4, 'normal', 95, 5, null, null, null, null, 22],
            ['Bench Press (Barbell)', 5, 'normal', 105, 1, null, null, null, null, 23],
            ['Bench Press (Barbell)', 6, 'failure', 115, 1, null, null, null, null, 24],
            ['Overhead Press (Barbell)', 1, 'normal', 60, 5, null, null, null, null, 25],
            ['Overhead Press (Barbell)', 2, 'normal', 65, 5, null, null, null, null, 26],
            ['Overhead Press (Barbell)', 3, 'normal', 70, 5, null, null, null, null, 27],
            ['Overhead Press (Barbell)', 4, 'normal', 75, 5, null, null, null, null, 28],
            ['Overhead Press (Barbell)', 5, 'normal', 65, 5, null, null, null, null, 29],
            ['Triceps Extension', 1, 'normal', 32.5, 8, null, null, null, null, 30],
            ['Triceps Extension', 2, 'normal', 37.5, 8, null, null, null, null, 31],
            ['Triceps Extension', 3, 'normal', 37.5, 8, null, null, null, null, 32],
            ['Chest Fly', 1, 'normal', 80, 8, null, null, null, null, 33],
            ['Chest Fly', 2, 'normal', 80, 8, null, null, null, null, 34],
            ['Chest Fly', 3, 'normal', 80, 8, null, null, null, null, 35],
            ['Triceps Dip', 1, 'normal', 0, 9, null, null, null, null, 36],
            ['Triceps Dip', 2, 'normal', 0, 6, null, null, null, null, 37],
            ['Triceps Dip', 3, 'normal', 0, 4, null, null, null, null, 38],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 20, 8, null, null, null, null, 39],
            ['Lateral Raise (Dumbbell)', 2, 'normal', 20, 8, null, null, null, null, 40],
            ['Lateral Raise (Dumbbell)', 3, 'normal', 20, 8, null, null, null, null, 41],
          ],
        },
      ],
    );
  });

  it('converts the 2016 export with lb and mi columns and CRLF line ends', async () => {
    // Act
    const result = await readReal('strong/marcpare-2016-lb-mi.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'comma/unit-as-name-lbs',
        rows: 32,
        sessions: 2,
        sets: 32,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2016-09-05T13:04:16',
          name: 'A1',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Bench Press', 1, 'normal', 52.163123, 4, null, null, null, null, 2],
            ['Bench Press', 2, 'normal', 52.163123, 4, null, null, null, null, 3],
            ['Bench Press', 3, 'normal', 52.163123, 4, null, null, null, null, 4],
            ['Bench Press', 4, 'normal', 52.163123, 4, null, null, null, null, 5],
            ['Front Squat', 1, 'normal', 43.091275, 8, null, null, null, null, 6],
            ['Front Squat', 2, 'normal', 43.091275, 8, null, null, null, null, 7],
            ['Front Squat', 3, 'normal', 43.091275, 8, null, null, null, null, 8],
            ['Front Squat', 4, 'normal', 43.091275, 8, null, null, null, null, 9],
            ['Military Press', 1, 'normal', 29.483504, 8, null, null, null, null, 10],
            ['Military Press', 2, 'normal', 29.483504, 8, null, null, null, null, 11],
            ['Military Press', 3, 'normal', 29.483504, 8, null, null, null, null, 12],
            ['Military Press', 4, 'normal', 29.483504, 8, null, null, null, null, 13],
            ['Chin Up', 1, 'normal', 0, 8, null, null, null, null, 14],
            ['Chin Up', 2, 'normal', 0, 7, null, null, null, null, 15],
            ['Chin Up', 3, 'normal', 0, 4, null, null, null, null, 16],
            ['Chin Up', 4, 'normal', 0, 4, null, null, null, null, 17],
          ],
        },
        {
          sessionStart: '2016-09-07T12:30:03',
          name: 'A2',
          durationS: null,
          notes: null,
          line: 18,
          sets: [
            ['Bench Press', 1, 'normal', 52.163123, 8, null, null, null, null, 18],
            ['Bench Press', 2, 'normal', 52.163123, 8, null, null, null, null, 19],
            ['Bench Press', 3, 'normal', 52.163123, 8, null, null, null, null, 20],
            ['Bench Press', 4, 'normal', 52.163123, 8, null, null, null, null, 21],
            ['Deadlift', 1, 'normal', 61.23497, 4, null, null, null, null, 22],
            ['Deadlift', 2, 'normal', 61.23497, 4, null, null, null, null, 23],
            ['Deadlift', 3, 'normal', 61.23497, 4, null, null, null, null, 24],
            ['Deadlift', 4, 'normal', 61.23497, 4, null, null, null, null, 25],
            ['Military Press', 1, 'normal', 38.555351, 4, null, null, null, null, 26],
            ['Military Press', 2, 'normal', 38.555351, 4, null, null, null, null, 27],
            ['Military Press', 3, 'normal', 38.555351, 4, null, null, null, null, 28],
            ['Military Press', 4, 'normal', 38.555351, 4, null, null, null, null, 29],
            ['Pendlay Row', 1, 'normal', 43.091275, 8, null, null, null, null, 30],
            ['Pendlay Row', 2, 'normal', 43.091275, 8, null, null, null, null, 31],
            ['Pendlay Row', 3, 'normal', 43.091275, 8, null, null, null, null, 32],
            ['Pendlay Row', 4, 'normal', 43.091275, 8, null, null, null, null, 33],
          ],
        },
      ],
    );
  });

  it('reads the 2016 export with kg and km columns whose set order starts at 0', async () => {
    // Act
    const result = await readReal('strong/mlahoz-2016-kg-km-from-zero.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'comma/unit-as-name-kg',
        rows: 25,
        sessions: 1,
        sets: 25,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2016-10-03T19:30:55',
          name: 'W1D1',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Squat', 1, 'normal', 70, 5, null, null, null, null, 2],
            ['Squat', 2, 'normal', 70, 5, null, null, null, null, 3],
            ['Squat', 3, 'normal', 70, 5, null, null, null, null, 4],
            ['Squat', 4, 'normal', 70, 5, null, null, null, null, 5],
            ['Squat', 5, 'normal', 70, 5, null, null, null, null, 6],
            ['Pull Up (Neutral Grip)', 1, 'normal', 0, 10, null, null, null, null, 7],
            ['Pull Up (Neutral Grip)', 2, 'normal', 10, 5, null, null, null, null, 8],
            ['Pull Up (Neutral Grip)', 3, 'normal', 10, 5, null, null, null, null, 9],
            ['Pull Up (Neutral Grip)', 4, 'normal', 10, 5, null, null, null, null, 10],
            ['Pull Up (Neutral Grip)', 5, 'normal', 0, 8, null, null, null, null, 11],
            ['Tricep Dip', 1, 'normal', 0, 10, null, null, null, null, 12],
            ['Tricep Dip', 2, 'normal', 10, 6, null, null, null, null, 13],
            ['Tricep Dip', 3, 'normal', 10, 6, null, null, null, null, 14],
            ['Tricep Dip', 4, 'normal', 10, 8, null, null, null, null, 15],
            ['Tricep Dip', 5, 'normal', 0, 10, null, null, null, null, 16],
            ['Push Up', 1, 'normal', 0, 15, null, null, null, null, 17],
            ['Push Up', 2, 'normal', 0, 10, null, null, null, null, 18],
            ['Push Up', 3, 'normal', 0, 10, null, null, null, null, 19],
            ['Push Up', 4, 'normal', 0, 10, null, null, null, null, 20],
            ['Push Up', 5, 'normal', 0, 10, null, null, null, null, 21],
            ['Push Up', 6, 'normal', 0, 10, null, null, null, null, 22],
            ['Ab Roller', 1, 'normal', 0, 15, null, null, null, null, 23],
            ['Ab Roller', 2, 'normal', 0, 15, null, null, null, null, 24],
            ['Ab Roller', 3, 'normal', 0, 15, null, null, null, null, 25],
            ['Ab Roller', 4, 'normal', 0, 15, null, null, null, null, 26],
          ],
        },
      ],
    );
  });

  it('reads the 2018 export with unitless weight and distance as kg and km and no duration', async () => {
    // Act
    const result = await readReal('strong/patlaughlin-2018-unitless.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'comma/weight-assumed-kg',
        rows: 20,
        sessions: 3,
        sets: 20,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2018-10-21T16:49:52',
          name: 'New Routine #1',
          durationS: null,
          notes: null,
          line: 2,
          sets: [['High Bar Squat', 1, 'normal', 200, 10, null, null, null, null, 2]],
        },
        {
          sessionStart: '2018-10-21T16:50:43',
          name: 'New Routine #2',
          durationS: null,
          notes: null,
          line: 3,
          sets: [
            ['High Bar Squat', 1, 'normal', 220, 10, null, null, null, null, 3],
            ['High Bar Squat', 2, 'normal', 180, 10, null, null, null, null, 4],
            ['High Bar Squat', 3, 'normal', 180, 10, null, null, null, null, 5],
            ['High Bar Squat', 4, 'normal', 180, 10, null, null, null, null, 6],
          ],
        },
        {
          sessionStart: '2018-11-28T11:15:00',
          name: '6 Day Bodybuilding A #1',
          durationS: null,
          notes: null,
          line: 7,
          sets: [
            ['Chest Press (Machine)', 1, 'normal', 200, 10, null, null, null, null, 7],
            ['Chest Press (Machine)', 2, 'normal', 210, 10, null, null, null, null, 8],
            ['Chest Press (Machine)', 3, 'normal', 210, 10, null, null, null, null, 9],
            ['Chest Fly (Dumbbell)', 1, 'normal', 20, 14, null, null, null, null, 10],
            ['Chest Fly (Dumbbell)', 2, 'normal', 20, 12, null, null, null, null, 11],
            ['Chest Fly (Dumbbell)', 3, 'normal', 20, 10, null, null, null, null, 12],
            ['Seated Overhead Press (Dumbbell)', 1, 'normal', 35, 12, null, null, null, null, 13],
            ['Seated Overhead Press (Dumbbell)', 2, 'normal', 35, 12, null, null, null, null, 14],
            ['Seated Overhead Press (Dumbbell)', 3, 'normal', 35, 12, null, null, null, null, 15],
            ['Lateral Raise (Machine)', 1, 'normal', 75, 12, null, null, null, null, 16],
            ['Lateral Raise (Machine)', 2, 'normal', 75, 11, null, null, null, null, 17],
            ['Lateral Raise (Machine)', 3, 'normal', 75, 9, null, null, null, null, 18],
            ['Chest Supported Row Shoulder Width Overhand', 1, 'normal', 75, 12, null, null, null, null, 19],
            ['Chest Supported Row Shoulder Width Overhand', 2, 'normal', 75, 12, null, null, null, null, 20],
            ['Chest Supported Row Shoulder Width Overhand', 3, 'normal', 75, 10, null, null, null, null, 21],
          ],
        },
      ],
    );
  });

  it('reads the German export and skips its Ruhezeit rest-timer rows', async () => {
    // Act
    const result = await readReal('strong/eliah3-german-rest-timer.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'de/comma/weight-assumed-kg',
        rows: 30,
        sessions: 1,
        sets: 15,
        skipped: 15,
        skippedByReason: { 'rest-timer': 15 },
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2025-08-01T09:46:59',
          name: 'Pull',
          durationS: 1860,
          notes: null,
          line: 2,
          sets: [
            ['Pull Up', 1, 'normal', 0, 3, null, null, null, null, 2],
            ['Pull Up', 2, 'normal', 0, 2, null, null, null, null, 4],
            ['Pull Up', 3, 'normal', 0, 1, null, null, null, null, 6],
            ['Pull Up', 4, 'normal', 0, 4, null, null, null, null, 8],
            ['Chin Up', 1, 'normal', 0, 2, null, null, null, null, 10],
            ['Chin Up', 2, 'normal', 0, 2, null, null, null, null, 12],
            ['Chin Up', 3, 'normal', 0, 1, null, null, null, null, 14],
            ['Chin Up', 4, 'normal', 0, 1, null, null, null, null, 16],
            ['Shrug (Barbell)', 1, 'normal', 4.5, 70, null, null, null, null, 18],
            ['Shrug (Barbell)', 2, 'normal', 4.5, 70, null, null, null, null, 20],
            ['Shrug (Barbell)', 3, 'normal', 4.5, 50, null, null, null, null, 22],
            ['Shrug (Barbell)', 4, 'normal', 4.5, 25, null, null, null, null, 24],
            ['Farmers Carries', 1, 'normal', 4.5, 15, null, null, null, null, 26],
            ['Farmers Carries', 2, 'normal', 4.5, 15, null, null, null, null, 28],
            ['Farmers Carries', 3, 'normal', 4.5, 15, null, null, null, null, 30],
          ],
        },
      ],
    );
  });

  it('reads the Spanish export with 1 h 14 min durations and skips its rest-timer rows', async () => {
    // Act
    const result = await readReal('strong/cuyakonwu-spanish-rest-timer.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'es/comma/weight-assumed-kg',
        rows: 49,
        sessions: 3,
        sets: 34,
        skipped: 15,
        skippedByReason: { 'rest-timer': 15 },
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2025-04-28T15:37:58',
          name: 'Entrenamiento por la tarde',
          durationS: 4440,
          notes: null,
          line: 2,
          sets: [
            ['Unilateral Leg Press', 1, 'normal', 130, 10, null, null, null, null, 2],
            ['Leg Extension (Machine)', 1, 'normal', 210, 10, null, null, null, null, 3],
            ['Leg Extension (Machine)', 2, 'normal', 190, 10, null, null, null, null, 4],
            ['Leg Extension (Machine)', 3, 'normal', 190, 10, null, null, null, null, 5],
          ],
        },
        {
          sessionStart: '2025-04-29T14:34:02',
          name: 'Entrenamiento por la tarde',
          durationS: 3300,
          notes: null,
          line: 6,
          sets: [
            ['Deadlift (Barbell)', 1, 'normal', 545, 4, null, null, null, null, 6],
            ['Deadlift (Barbell)', 2, 'normal', 515, 4, null, null, null, null, 7],
            ['Deadlift (Barbell)', 3, 'normal', 515, 4, null, null, null, null, 8],
            ['Deadlift (Barbell)', 4, 'normal', 515, 4, null, null, null, null, 9],
            ['Deadlift (Barbell)', 5, 'normal', 535, 2, null, null, null, null, 10],
            ['Pendlay Row (Barbell)', 1, 'normal', 165, 10, null, null, null, null, 11],
            ['Pendlay Row (Barbell)', 2, 'normal', 165, 10, null, null, null, null, 12],
            ['Pendlay Row (Barbell)', 3, 'normal', 175, 10, null, null, null, null, 13],
            ['Pendlay Row (Barbell)', 4, 'normal', 175, 10, null, null, null, null, 14],
            ['Bicep Curl (Cable)', 1, 'normal', 60, 10, null, null, null, null, 15],
            ['Bicep Curl (Cable)', 2, 'normal', 70, 10, null, null, null, null, 16],
            ['Bicep Curl (Cable)', 3, 'normal', 70, 10, null, null, null, null, 17],
            ['Lat Pulldown (Cable)', 1, 'normal', 180, 10, null, null, null, null, 18],
            ['Lat Pulldown (Cable)', 2, 'normal', 180, 10, null, null, null, null, 19],
            ['Lat Pulldown (Cable)', 3, 'normal', 180, 10, null, null, null, null, 20],
          ],
        },
        {
          sessionStart: '2025-05-06T16:06:43',
          name: 'Entrenamiento por la tarde noche',
          durationS: 4920,
          notes: null,
          line: 21,
          sets: [
            ['Deadlift (Barbell)', 1, 'normal', 500, 4, null, null, null, null, 21],
            ['Deadlift (Barbell)', 2, 'normal', 500, 4, null, null, null, null, 23],
            ['Deadlift (Barbell)', 3, 'normal', 500, 4, null, null, null, null, 25],
            ['Deadlift (Barbell)', 4, 'normal', 500, 2, null, null, null, null, 27],
            ['Deadlift (Barbell)', 5, 'normal', 0, 4, null, null, null, null, 29],
            ['Pull Up (Assisted)', 1, 'normal', 0, 8, null, null, null, null, 31],
            ['Pull Up (Assisted)', 2, 'normal', 50, 10, null, null, null, null, 33],
            ['Pull Up (Assisted)', 3, 'normal', 60, 6, null, null, null, null, 35],
            ['Pull Up (Assisted)', 4, 'normal', 90, 8, null, null, null, null, 37],
            ['Seated Row (Cable)', 1, 'normal', 149.99999999999997, 10, null, null, null, null, 39],
            ['Seated Row (Cable)', 2, 'normal', 149.99999999999997, 10, null, null, null, null, 41],
            ['Seated Row (Cable)', 3, 'normal', 149.99999999999997, 10, null, null, null, null, 43],
            ['Bicep Curl (Dumbbell)', 1, 'normal', 35, 10, null, null, null, null, 45],
            ['Bicep Curl (Dumbbell)', 2, 'normal', 35, 10, null, null, null, null, 47],
            ['Bicep Curl (Dumbbell)', 3, 'normal', 35, 10, null, null, null, null, 49],
          ],
        },
      ],
    );
  });

  it('reads the French export with a cardio row of zero weight and reps', async () => {
    // Act
    const result = await readReal('strong/sebastienrdgs-french.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'fr/comma/weight-assumed-kg',
        rows: 18,
        sessions: 1,
        sets: 18,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2023-08-16T13:10:30',
          name: 'Pecs Et Dos',
          durationS: 2100,
          notes: null,
          line: 2,
          sets: [
            ['Aerobics', 1, 'normal', 0, 0, null, 600, null, null, 2],
            ['Bench Press (Dumbbell)', 1, 'normal', 20, 8, null, null, null, null, 3],
            ['Bench Press (Dumbbell)', 2, 'normal', 25, 8, null, null, null, null, 4],
            ['Bench Press (Dumbbell)', 3, 'normal', 30, 5, null, null, null, null, 5],
            ['Bench Press (Dumbbell)', 4, 'normal', 25, 7, null, null, null, null, 6],
            ['Incline Bench Press (Barbell)', 1, 'normal', 20, 8, null, null, null, null, 7],
            ['Incline Bench Press (Barbell)', 2, 'normal', 25, 8, null, null, null, null, 8],
            ['Incline Bench Press (Barbell)', 3, 'normal', 30, 5, null, null, null, null, 9],
            ['Incline Bench Press (Barbell)', 4, 'normal', 25, 6, null, null, null, null, 10],
            ['Seated Row (Machine)', 1, 'normal', 27, 8, null, null, null, null, 11],
            ['Seated Row (Machine)', 2, 'normal', 32, 8, null, null, null, null, 12],
            ['Seated Row (Machine)', 3, 'normal', 36, 8, null, null, null, null, 13],
            ['Chest Fly', 1, 'normal', 32, 8, null, null, null, null, 14],
            ['Chest Fly', 2, 'normal', 39, 8, null, null, null, null, 15],
            ['Chest Fly', 3, 'normal', 32, 8, null, null, null, null, 16],
            ['Preacher Curl (Machine)', 1, 'normal', 15, 10, null, null, null, null, 17],
            ['Preacher Curl (Machine)', 2, 'normal', 20, 10, null, null, null, null, 18],
            ['Preacher Curl (Machine)', 3, 'normal', 20, 10, null, null, null, null, 19],
          ],
        },
      ],
    );
  });

  it('reads the Chinese export with 1小时21分钟 durations, set and workout notes', async () => {
    // Act
    const result = await readReal('strong/dericmei-chinese.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'zh/comma/weight-assumed-kg',
        rows: 22,
        sessions: 2,
        sets: 22,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2020-10-01T05:37:13',
          name: '6.Legs&Back',
          durationS: 4860,
          notes: null,
          line: 2,
          sets: [['Lat Pulldown (Single Arm)', 1, 'normal', 63.3829003781523, 12, null, null, null, null, 2]],
        },
        {
          sessionStart: '2020-10-02T02:59:28',
          name: '1.Push',
          durationS: 4560,
          notes: '星期五',
          line: 3,
          sets: [
            ['Bench Press (Barbell)', 1, 'normal', 44.09245243697551, 5, null, null, null, null, 3],
            ['Bench Press (Barbell)', 2, 'normal', 110.23113109243879, 5, null, null, null, null, 4],
            ['Bench Press (Barbell)', 3, 'normal', 176.36980974790205, 3, null, null, null, null, 5],
            ['Bench Press (Barbell)', 4, 'normal', 214.95070563025564, 5, null, null, null, null, 6],
            ['Bench Press (Barbell)', 5, 'normal', 214.95070563025564, 5, null, null, null, null, 7],
            ['Bench Press (Barbell)', 6, 'normal', 214.95070563025564, 4, null, null, null, null, 8],
            ['Bench Press (Barbell)', 7, 'normal', 214.95070563025564, 4, null, null, null, null, 9],
            ['Chest Fly', 1, 'normal', 30.313561050420667, 12, null, null, null, null, 10],
            ['Chest Fly', 2, 'normal', 30.313561050420667, 12, null, null, null, null, 11],
            ['Chest Fly', 3, 'normal', 30.313561050420667, 12, null, null, null, null, 12],
            [
              'Seated Overhead Press (Dumbbell)',
              1,
              'normal',
              48.50169768067307,
              12,
              null,
              null,
              null,
              null,
              13,
            ],
            [
              'Seated Overhead Press (Dumbbell)',
              2,
              'normal',
              48.50169768067307,
              12,
              null,
              null,
              null,
              null,
              14,
            ],
            [
              'Seated Overhead Press (Dumbbell)',
              3,
              'normal',
              48.50169768067307,
              11,
              null,
              null,
              null,
              null,
              15,
            ],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 27.557782773109697, 15, null, null, null, null, 16],
            ['Lateral Raise (Dumbbell)', 2, 'normal', 27.557782773109697, 15, null, null, null, null, 17],
            ['Lateral Raise (Dumbbell)', 3, 'normal', 27.557782773109697, 15, null, null, null, null, 18],
            ['Lateral Raise (Dumbbell)', 4, 'normal', 16.534669663865817, 12, null, null, null, null, 19],
            ['Chest Press (Machine)', 1, 'normal', 176.36980974790205, 10, null, null, null, '第五格', 20],
            ['Chest Press (Machine)', 2, 'normal', 176.36980974790205, 10, null, null, null, null, 21],
            [
              'Triceps Pushdown (Cable - Straight Bar)',
              1,
              'normal',
              35.82511760504261,
              15,
              null,
              null,
              null,
              null,
              22,
            ],
            [
              'Triceps Pushdown (Cable - Straight Bar)',
              2,
              'normal',
              35.82511760504261,
              14,
              null,
              null,
              null,
              null,
              23,
            ],
          ],
        },
      ],
    );
  });

  it('reads the 2019 Chinese export without a duration column', async () => {
    // Act
    const result = await readReal('strong/dyang504-chinese-2019.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'zh/comma/weight-assumed-kg',
        rows: 18,
        sessions: 1,
        sets: 18,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2019-06-04T19:02:25',
          name: '工作日-上身',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Overhead Press (Dumbbell)', 1, 'normal', 10, 8, null, null, null, null, 2],
            ['Overhead Press (Dumbbell)', 2, 'normal', 10, 8, null, null, null, null, 3],
            ['Overhead Press (Dumbbell)', 3, 'normal', 10, 8, null, null, null, null, 4],
            ['Arnold Press (Dumbbell)', 1, 'normal', 10, 7, null, null, null, null, 5],
            ['Arnold Press (Dumbbell)', 2, 'normal', 10, 8, null, null, null, null, 6],
            ['Arnold Press (Dumbbell)', 3, 'normal', 10, 7, null, null, null, null, 7],
            ['Bent Over Row (Dumbbell)', 1, 'normal', 10, 8, null, null, null, null, 8],
            ['Bent Over Row (Dumbbell)', 2, 'normal', 10, 8, null, null, null, null, 9],
            ['Bent Over Row (Dumbbell)', 3, 'normal', 10, 8, null, null, null, null, 10],
            ['Bent Over Row (Dumbbell)', 4, 'normal', 10, 8, null, null, null, null, 11],
            ['Bicep Curl (Dumbbell)', 1, 'normal', 10, 8, null, null, null, null, 12],
            ['Bicep Curl (Dumbbell)', 2, 'normal', 10, 8, null, null, null, null, 13],
            ['Bicep Curl (Dumbbell)', 3, 'normal', 10, 8, null, null, null, null, 14],
            ['Bicep Curl (Dumbbell)', 4, 'normal', 10, 8, null, null, null, null, 15],
            ['Bent Over One Arm Row (Dumbbell)', 1, 'normal', 10, 8, null, null, null, null, 16],
            ['Bent Over One Arm Row (Dumbbell)', 2, 'normal', 10, 8, null, null, null, null, 17],
            ['Bent Over One Arm Row (Dumbbell)', 3, 'normal', 10, 8, null, null, null, null, 18],
            ['Stretching', 1, 'normal', 0, 0, null, 30, null, null, 19],
          ],
        },
      ],
    );
  });

  it('reads a semicolon unit-column export with kg and lbs rows in one workout and km cardio rows exactly', async () => {
    // Act
    const result = await readReal('strong/jonathanwillemans-unit-column-kg-lbs-rows.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'semicolon/unit-column',
        rows: 22,
        sessions: 2,
        sets: 22,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2023-12-09T18:21:52',
          name: 'Evening Workout',
          durationS: 3480,
          notes: 'cardio',
          line: 2,
          sets: [
            ['Rowing (Machine)', 1, 'normal', null, null, 1500, 507, null, null, 2],
            ['Running', 1, 'normal', null, null, 5000, 1591, null, null, 3],
            ['Cycling (Indoor)', 1, 'normal', null, null, 10020, 1179, null, null, 4],
          ],
        },
        {
          sessionStart: '2023-12-10T15:51:22',
          name: 'Afternoon Workout',
          durationS: 2880,
          notes: 'schouders',
          line: 5,
          sets: [
            ['huppelen', 1, 'normal', null, null, 1680, 900, null, null, 5],
            ['Lateral Raise (Cable)', 1, 'normal', 4.499636, 6, null, null, null, null, 6],
            ['Lateral Raise (Cable)', 2, 'normal', 8.999273, 3, null, null, null, null, 7],
            ['Lateral Raise (Cable)', 3, 'normal', 13.997861, 8, null, null, null, null, 8],
            ['Lateral Raise (Cable)', 4, 'normal', 13.997861, 8, null, null, null, null, 9],
            ['Lateral Raise (Cable)', 5, 'normal', 13.997861, 8, null, null, null, null, 10],
            ['Seated Overhead Press (Barbell)', 1, 'normal', 20, 8, null, null, null, null, 11],
            ['Seated Overhead Press (Barbell)', 2, 'normal', 30, 8, null, null, null, null, 12],
            ['Seated Overhead Press (Barbell)', 3, 'normal', 40, 6, null, null, null, null, 13],
            ['Seated Overhead Press (Barbell)', 4, 'normal', 40, 6, null, null, null, null, 14],
            ['Seated Overhead Press (Dumbbell)', 1, 'normal', 18, 12, null, null, null, null, 15],
            ['Seated Overhead Press (Dumbbell)', 2, 'normal', 24, 6, null, null, null, null, 16],
            ['Seated Palms Up Wrist Curl (Dumbbell)', 1, 'normal', 12, 12, null, null, null, null, 17],
            ['Seated Palms Up Wrist Curl (Dumbbell)', 2, 'normal', 14, 12, null, null, null, null, 18],
            ['Seated Palms Up Wrist Curl (Dumbbell)', 3, 'normal', 16, 6, null, null, null, null, 19],
            ['seated palms down wrist curl (dumbbells)', 1, 'normal', 8, 8, null, null, null, null, 20],
            ['seated palms down wrist curl (dumbbells)', 2, 'normal', 8, 8, null, null, null, null, 21],
            ['seated palms down wrist curl (dumbbells)', 3, 'normal', 6, 18, null, null, null, null, 22],
            ['seated palms down wrist curl (dumbbells)', 4, 'normal', 6, 16, null, null, null, null, 23],
          ],
        },
      ],
    );
  });

  it('reads the Chinese export whose note holds a literal backslash-n exactly', async () => {
    // Act
    const result = await readReal('strong/dericmei-chinese-literal-backslash-n-note.csv');

    // Assess
    expectGolden(
      result,
      'strong',
      {
        variant: 'zh/comma/weight-assumed-kg',
        rows: 20,
        sessions: 1,
        sets: 20,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: { weight: 'kg', distance: 'km' },
      },
      [
        {
          sessionStart: '2020-10-05T08:14:49',
          name: '3.Push+Legs',
          durationS: 2940,
          notes: '星期一 deload',
          line: 2,
          sets: [
            ['Bench Press (Barbell)', 1, 'normal', 44.09245243697551, 5, null, null, null, '4x10', 2],
            ['Bench Press (Barbell)', 2, 'normal', 66.13867865546327, 5, null, null, null, null, 3],
            ['Bench Press (Barbell)', 3, 'normal', 110.23113109243879, 5, null, null, null, null, 4],
            ['Bench Press (Barbell)', 4, 'normal', 143.30047042017043, 3, null, null, null, null, 5],
            ['Bench Press (Barbell)', 5, 'normal', 165.3466966386582, 10, null, null, null, null, 6],
            ['Bench Press (Barbell)', 6, 'normal', 165.3466966386582, 10, null, null, null, null, 7],
            ['Bench Press (Barbell)', 7, 'normal', 165.3466966386582, 10, null, null, null, null, 8],
            ['Chest Fly', 1, 'normal', 30.313561050420667, 10, null, null, null, '3x12', 9],
            ['Chest Fly', 2, 'normal', 30.313561050420667, 10, null, null, null, null, 10],
            ['Overhead Press (Barbell)', 1, 'normal', 99.2080179831949, 6, null, null, null, '4x6', 11],
            ['Overhead Press (Barbell)', 2, 'normal', 99.2080179831949, 6, null, null, null, null, 12],
            ['Overhead Press (Barbell)', 3, 'normal', 99.2080179831949, 6, null, null, null, null, 13],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 22.046226218487757, 15, null, null, null, '3x15', 14],
            ['Lateral Raise (Dumbbell)', 2, 'normal', 22.046226218487757, 15, null, null, null, null, 15],
            [
              'Leg Extension (Machine)',
              1,
              'normal',
              209.43914907563368,
              12,
              null,
              null,
              null,
              '超级组\\n各3x12',
              16,
            ],
            ['Leg Extension (Machine)', 2, 'normal', 209.43914907563368, 12, null, null, null, null, 17],
            ['Lying Leg Curl (Machine)', 1, 'normal', 99.2080179831949, 12, null, null, null, null, 18],
            ['Lying Leg Curl (Machine)', 2, 'normal', 99.2080179831949, 12, null, null, null, null, 19],
            ['Chest Press (Machine)', 1, 'normal', 165.3466966386582, 10, null, null, null, '2x10', 20],
            ['Chest Press (Machine)', 2, 'normal', 165.3466966386582, 10, null, null, null, null, 21],
          ],
        },
      ],
    );
  });
});
