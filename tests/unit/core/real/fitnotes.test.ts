import { describe, it } from 'vitest';
import { expectGolden, readReal } from './golden.js';

describe('FitNotes real exports', () => {
  it('reads a FitNotes export with a Weight Unit column and rejects the rows an unquoted comma in the exercise name breaks', async () => {
    // Act
    const result = await readReal('fitnotes/bilallb-unquoted-comma.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'unit-column',
        rows: 27,
        sessions: 1,
        sets: 23,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [
          [13, 'WRONG_FIELD_COUNT'],
          [14, 'WRONG_FIELD_COUNT'],
          [15, 'WRONG_FIELD_COUNT'],
          [16, 'WRONG_FIELD_COUNT'],
        ],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2025-04-29T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            [
              'Flat Barbell Bench Press (Each Side) (Smith Machine)',
              1,
              'normal',
              7.5,
              20,
              null,
              null,
              null,
              null,
              2,
            ],
            [
              'Flat Barbell Bench Press (Each Side) (Smith Machine)',
              2,
              'normal',
              5,
              20,
              null,
              null,
              null,
              null,
              3,
            ],
            [
              'Flat Barbell Bench Press (Each Side) (Smith Machine)',
              3,
              'normal',
              15,
              6,
              null,
              null,
              null,
              null,
              4,
            ],
            [
              'Flat Barbell Bench Press (Each Side) (Smith Machine)',
              4,
              'normal',
              15,
              5,
              null,
              null,
              null,
              null,
              5,
            ],
            [
              'Flat Barbell Bench Press (Each Side) (Smith Machine)',
              5,
              'normal',
              15,
              4,
              null,
              null,
              null,
              null,
              6,
            ],
            [
              'Flat Barbell Bench Press (Each Side) (Smith Machine)',
              6,
              'normal',
              12.5,
              6,
              null,
              null,
              null,
              null,
              7,
            ],
            ['Seated Cable Row', 1, 'normal', 15, 20, null, null, null, null, 8],
            ['Seated Cable Row', 2, 'normal', 25, 7, null, null, null, null, 9],
            ['Seated Cable Row', 3, 'normal', 30, 7, null, null, null, null, 10],
            ['Seated Cable Row', 4, 'normal', 35, 5, null, null, null, null, 11],
            ['Seated Cable Row', 5, 'normal', 35, 5, null, null, null, null, 12],
            ['Dumbbell Curl (Each Side)', 1, 'normal', 10, 6, null, null, null, null, 17],
            ['Dumbbell Curl (Each Side)', 2, 'normal', 8, 6, null, null, null, null, 18],
            ['Dumbbell Curl (Each Side)', 3, 'normal', 8, 6, null, null, null, null, 19],
            ['Cable Overhead Triceps Extension', 1, 'normal', 15, 5, null, null, null, null, 20],
            ['Cable Overhead Triceps Extension', 2, 'normal', 10, 2, null, null, null, null, 21],
            ['Cable Overhead Triceps Extension', 3, 'normal', 10, 6, null, null, null, null, 22],
            ['Cable Overhead Triceps Extension', 4, 'normal', 10, 6, null, null, null, null, 23],
            ['Lat Pulldown', 1, 'normal', 30, 15, null, null, null, null, 24],
            ['Lat Pulldown', 2, 'normal', 40, 8, null, null, null, null, 25],
            ['Lat Pulldown', 3, 'normal', 45, 2, null, null, null, null, 26],
            ['Lat Pulldown', 4, 'normal', 40, 3, null, null, null, null, 27],
            ['Lat Pulldown', 5, 'normal', 40, 5, null, null, null, null, 28],
          ],
        },
      ],
    );
  });

  it('reads a FitNotes export with a Weight Unit column, bodyweight sets at 0 kg and exercises that come back in the same day exactly', async () => {
    // Act
    const result = await readReal('fitnotes/blamechance-cardio.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'unit-column',
        rows: 21,
        sessions: 2,
        sets: 21,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2022-06-03T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Cable Overhead Triceps Extension', 1, 'normal', 7.5, 12, null, null, null, null, 2],
            ['Cable Overhead Triceps Extension', 2, 'normal', 7.5, 12, null, null, null, null, 3],
          ],
        },
        {
          sessionStart: '2022-06-06T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 4,
          sets: [
            ['Barbell Squat', 1, 'normal', 20, 12, null, null, null, null, 4],
            ['Barbell Squat', 2, 'normal', 60, 8, null, null, null, null, 5],
            ['Barbell Squat', 3, 'normal', 82.5, 5, null, null, null, null, 6],
            ['Barbell Squat', 4, 'normal', 85, 5, null, null, null, null, 7],
            ['Barbell Squat', 5, 'normal', 85, 5, null, null, null, null, 8],
            ['Barbell Squat', 6, 'normal', 85, 5, null, null, null, null, 9],
            ['Barbell Squat', 7, 'normal', 85, 5, null, null, null, null, 10],
            ['Flat Dumbbell Bench Press', 1, 'normal', 20, 8, null, null, null, null, 11],
            ['Flat Dumbbell Bench Press', 2, 'normal', 20, 8, null, null, null, null, 12],
            ['Flat Dumbbell Bench Press', 3, 'normal', 20, 8, null, null, null, 'can def move up weight', 13],
            ['Lat Pulldown', 1, 'normal', 40, 10, null, null, null, null, 14],
            ['Pushups', 1, 'normal', 0, 20, null, null, null, null, 15],
            ['Dumbbell Curl', 1, 'normal', 9, 10, null, null, null, null, 16],
            ['Lat Pulldown', 2, 'normal', 40, 10, null, null, null, null, 17],
            ['Pushups', 2, 'normal', 0, 20, null, null, null, null, 18],
            ['Dumbbell Curl', 2, 'normal', 9, 10, null, null, null, null, 19],
            ['Lat Pulldown', 3, 'normal', 40, 10, null, null, null, null, 20],
            ['Pushups', 3, 'normal', 0, 20, null, null, null, null, 21],
            ['Dumbbell Curl', 3, 'normal', 9, 10, null, null, null, null, 22],
          ],
        },
      ],
    );
  });

  it('reads a FitNotes export with a Weight Unit column and set comments exactly', async () => {
    // Act
    const result = await readReal('fitnotes/blamechance-weight-unit-comment.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'unit-column',
        rows: 41,
        sessions: 3,
        sets: 41,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2022-04-11T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Flat Barbell Bench Press', 1, 'normal', 45, 5, null, null, null, null, 2],
            ['Flat Barbell Bench Press', 2, 'normal', 45, 8, null, null, null, null, 3],
            ['Underhand Barbell Rows', 1, 'normal', 20, 12, null, null, null, null, 4],
            ['Underhand Barbell Rows', 2, 'normal', 40, 8, null, null, null, null, 5],
            ['Underhand Barbell Rows', 3, 'normal', 50, 5, null, null, null, null, 6],
            ['Underhand Barbell Rows', 4, 'normal', 50, 5, null, null, null, null, 7],
            ['Underhand Barbell Rows', 5, 'normal', 50, 8, null, null, null, null, 8],
            ['Barbell Squat', 1, 'normal', 20, 8, null, null, null, null, 9],
            ['Barbell Squat', 2, 'normal', 40, 5, null, null, null, null, 10],
            [
              'Barbell Squat',
              3,
              'normal',
              50,
              5,
              null,
              null,
              null,
              'high bar - bar on top of traps not super comft yet',
              11,
            ],
            ['Barbell Squat', 4, 'normal', 50, 5, null, null, null, null, 12],
            ['Barbell Squat', 5, 'normal', 50, 5, null, null, null, null, 13],
          ],
        },
        {
          sessionStart: '2022-04-13T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 14,
          sets: [
            ['Overhead Press', 1, 'normal', 20, 12, null, null, null, null, 14],
            ['Overhead Press', 2, 'normal', 30, 3, null, null, null, null, 15],
            ['Overhead Press', 3, 'normal', 35, 5, null, null, null, 'felt shaky/weak - RPE 8.5', 16],
            ['Overhead Press', 4, 'normal', 35, 5, null, null, null, 'RPE 9.5', 17],
            ['Overhead Press', 5, 'normal', 35, 5, null, null, null, null, 18],
            [
              'Overhead Press',
              6,
              'normal',
              30,
              6,
              null,
              null,
              null,
              'messed up breathing last rep, could have done 8 possibly...',
              19,
            ],
            [
              'Chin Up',
              1,
              'normal',
              0,
              5,
              null,
              null,
              null,
              'Use the Smith machine - must better on wrists',
              20,
            ],
            ['Chin Up', 2, 'normal', 0, 5, null, null, null, null, 21],
            ['Chin Up', 3, 'normal', 0, 8, null, null, null, 'last 2 reps RPE 8', 22],
            ['Deadlift', 1, 'normal', 60, 5, null, null, null, null, 23],
            ['Deadlift', 2, 'normal', 60, 5, null, null, null, null, 24],
            ['Deadlift', 3, 'normal', 70, 5, null, null, null, null, 25],
          ],
        },
        {
          sessionStart: '2022-04-15T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 26,
          sets: [
            ['Flat Barbell Bench Press', 1, 'normal', 30, 12, null, null, null, null, 26],
            ['Flat Barbell Bench Press', 2, 'normal', 40, 5, null, null, null, null, 27],
            ['Flat Barbell Bench Press', 3, 'normal', 45, 3, null, null, null, null, 28],
            ['Flat Barbell Bench Press', 4, 'normal', 47.5, 5, null, null, null, 'RPE 6', 29],
            [
              'Flat Barbell Bench Press',
              5,
              'normal',
              47.5,
              5,
              null,
              null,
              null,
              'RPE 7 (form - closer to sternum or clavicle?)',
              30,
            ],
            ['Flat Barbell Bench Press', 6, 'normal', 47.5, 8, null, null, null, 'RPE 7.5', 31],
            ['Underhand Barbell Rows', 1, 'normal', 35, 12, null, null, null, null, 32],
            ['Underhand Barbell Rows', 2, 'normal', 47.5, 5, null, null, null, null, 33],
            ['Underhand Barbell Rows', 3, 'normal', 47.5, 8, null, null, null, null, 34],
            ['Underhand Barbell Rows', 4, 'normal', 47.5, 10, null, null, null, null, 35],
            ['Underhand Barbell Rows', 5, 'normal', 52.5, 5, null, null, null, null, 36],
            ['Barbell Squat', 1, 'normal', 20, 8, null, null, null, null, 37],
            ['Barbell Squat', 2, 'normal', 40, 5, null, null, null, null, 38],
            ['Barbell Squat', 3, 'normal', 50, 3, null, null, null, null, 39],
            ['Barbell Squat', 4, 'normal', 55, 5, null, null, null, null, 40],
            ['Barbell Squat', 5, 'normal', 55, 5, null, null, null, null, 41],
            ['Barbell Squat', 6, 'normal', 55, 8, null, null, null, null, 42],
          ],
        },
      ],
    );
  });

  it('reads a 2014 FitNotes export in kgs as one workout per day exactly', async () => {
    // Act
    const result = await readReal('fitnotes/labodyn-2014-weight-kgs.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'kgs',
        rows: 20,
        sessions: 10,
        sets: 20,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2014-02-11T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Bench Press (Touch and Go)', 1, 'normal', 75, 5, null, null, null, null, 2],
            ['Barbell Row', 1, 'normal', 62.5, 5, null, null, null, null, 3],
          ],
        },
        {
          sessionStart: '2014-02-13T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 4,
          sets: [
            ['Deadlift', 1, 'normal', 115, 5, null, null, null, null, 4],
            ['Squat', 1, 'normal', 80, 5, null, null, null, null, 5],
            ['High Bar Squat', 1, 'normal', 75, 5, null, null, null, null, 6],
          ],
        },
        {
          sessionStart: '2014-02-14T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 7,
          sets: [
            ['Barbell Row', 1, 'normal', 65, 3, null, null, null, null, 7],
            ['Bench Press (Touch and Go)', 1, 'normal', 77.5, 3, null, null, null, null, 8],
          ],
        },
        {
          sessionStart: '2014-02-18T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 9,
          sets: [
            ['Bench Press (Touch and Go)', 1, 'normal', 77.5, 5, null, null, null, null, 9],
            ['Barbell Row', 1, 'normal', 65, 5, null, null, null, null, 10],
          ],
        },
        {
          sessionStart: '2014-02-20T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 11,
          sets: [
            ['Squat', 1, 'normal', 80, 5, null, null, null, null, 11],
            ['Deadlift', 1, 'normal', 115, 5, null, null, null, null, 12],
          ],
        },
        {
          sessionStart: '2014-02-21T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 13,
          sets: [
            ['Bench Press (Touch and Go)', 1, 'normal', 80, 3, null, null, null, null, 13],
            ['Barbell Row', 1, 'normal', 70, 3, null, null, null, null, 14],
          ],
        },
        {
          sessionStart: '2014-02-25T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 15,
          sets: [
            ['Bench Press (Touch and Go)', 1, 'normal', 80, 4, null, null, null, null, 15],
            ['Barbell Row', 1, 'normal', 67.5, 5, null, null, null, null, 16],
          ],
        },
        {
          sessionStart: '2014-02-27T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 17,
          sets: [
            ['Squat', 1, 'normal', 82.5, 5, null, null, null, null, 17],
            ['Deadlift', 1, 'normal', 117.5, 5, null, null, null, null, 18],
          ],
        },
        {
          sessionStart: '2014-02-28T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 19,
          sets: [
            ['Bench Press (Touch and Go)', 1, 'normal', 82.5, 3, null, null, null, null, 19],
            ['Barbell Row', 1, 'normal', 67.5, 3, null, null, null, null, 20],
          ],
        },
        {
          sessionStart: '2014-03-03T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 21,
          sets: [['Barbell Row', 1, 'normal', 67.5, 5, null, null, null, null, 21]],
        },
      ],
    );
  });

  it('reads a FitNotes export in lbs with alternating exercises numbered per exercise exactly', async () => {
    // Act
    const result = await readReal('fitnotes/moferg-lbs-alternating.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'lbs',
        rows: 45,
        sessions: 2,
        sets: 45,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2020-09-13T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Barbell Squat', 1, 'normal', 20.411657, 10, null, null, null, null, 2],
            ['Barbell Squat', 2, 'normal', 34.019428, 8, null, null, null, null, 3],
            ['Barbell Squat', 3, 'normal', 43.091275, 6, null, null, null, null, 4],
            ['Barbell Squat', 4, 'normal', 52.163123, 5, null, null, null, null, 5],
            ['Barbell Squat', 5, 'normal', 61.23497, 5, null, null, null, null, 6],
            ['Barbell Squat', 6, 'normal', 61.23497, 5, null, null, null, null, 7],
            ['Barbell Squat', 7, 'normal', 61.23497, 7, null, null, null, null, 8],
            ['Romanian Deadlift', 1, 'normal', 20.411657, 12, null, null, null, null, 9],
            ['Romanian Deadlift', 2, 'normal', 24.94758, 12, null, null, null, null, 10],
            ['Romanian Deadlift', 3, 'normal', 29.483504, 10, null, null, null, null, 11],
            ['Romanian Deadlift', 4, 'normal', 29.483504, 10, null, null, null, null, 12],
            ['Romanian Deadlift', 5, 'normal', 29.483504, 12, null, null, null, null, 13],
            ['Barbell Front Squat', 1, 'normal', 20.411657, 12, null, null, null, null, 14],
            ['Barbell Front Squat', 2, 'normal', 20.411657, 10, null, null, null, null, 15],
            ['Barbell Front Squat', 3, 'normal', 20.411657, 10, null, null, null, null, 16],
            ['Lying Leg Curl', 1, 'normal', 15.875733, 12, null, null, null, null, 17],
            ['Lying Leg Curl', 2, 'normal', 15.875733, 12, null, null, null, null, 18],
            ['Lying Leg Curl', 3, 'normal', 15.875733, 12, null, null, null, null, 19],
          ],
        },
        {
          sessionStart: '2020-09-15T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 20,
          sets: [
            ['Flat Barbell Bench Press', 1, 'normal', 20.411657, 10, null, null, null, null, 20],
            ['Flat Barbell Bench Press', 2, 'normal', 34.019428, 8, null, null, null, null, 21],
            ['Flat Barbell Bench Press', 3, 'normal', 43.091275, 6, null, null, null, null, 22],
            ['Flat Barbell Bench Press', 4, 'normal', 61.23497, 5, null, null, null, null, 23],
            ['Flat Barbell Bench Press', 5, 'normal', 61.23497, 4, null, null, null, null, 24],
            ['Flat Barbell Bench Press', 6, 'normal', 61.23497, 5, null, null, null, null, 25],
            ['Flat Barbell Bench Press', 7, 'normal', 61.23497, 5, null, null, null, null, 26],
            ['Flat Barbell Bench Press', 8, 'normal', 61.23497, 4, null, null, null, null, 27],
            ['Overhead Press', 1, 'normal', 20.411657, 10, null, null, null, null, 28],
            ['Overhead Press', 2, 'normal', 29.483504, 10, null, null, null, null, 29],
            ['Overhead Press', 3, 'normal', 34.019428, 8, null, null, null, null, 30],
            ['Overhead Press', 4, 'normal', 34.019428, 7, null, null, null, null, 31],
            ['Incline Barbell Bench Press', 1, 'normal', 38.555351, 8, null, null, null, null, 32],
            ['Incline Barbell Bench Press', 2, 'normal', 38.555351, 5, null, null, null, null, 33],
            ['Incline Barbell Bench Press', 3, 'normal', 34.019428, 6, null, null, null, null, 34],
            ['Rope Push Down', 1, 'normal', 22.679619, 12, null, null, null, null, 35],
            ['Lateral Dumbbell Raise', 1, 'normal', 3.628739, 20, null, null, null, null, 36],
            ['Rope Push Down', 2, 'normal', 22.679619, 12, null, null, null, null, 37],
            ['Lateral Dumbbell Raise', 2, 'normal', 3.628739, 15, null, null, null, null, 38],
            ['Rope Push Down', 3, 'normal', 27.215542, 12, null, null, null, null, 39],
            ['Lateral Dumbbell Raise', 3, 'normal', 3.628739, 15, null, null, null, null, 40],
            ['Dumbbell Overhead Triceps Extension', 1, 'normal', 9.071847, 10, null, null, null, null, 41],
            ['Lateral Dumbbell Raise', 4, 'normal', 3.628739, 15, null, null, null, null, 42],
            ['Dumbbell Overhead Triceps Extension', 2, 'normal', 9.071847, 12, null, null, null, null, 43],
            ['Lateral Dumbbell Raise', 5, 'normal', 3.628739, 15, null, null, null, null, 44],
            ['Dumbbell Overhead Triceps Extension', 3, 'normal', 9.071847, 12, null, null, null, null, 45],
            ['Lateral Dumbbell Raise', 6, 'normal', 3.628739, 20, null, null, null, null, 46],
          ],
        },
      ],
    );
  });

  it('reads FitNotes cardio rows with Distance 0.0 m and H:MM:SS Time inside a circuit workout exactly', async () => {
    // Act
    const result = await readReal('fitnotes/blamechance-cardio-distance-time.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'unit-column',
        rows: 15,
        sessions: 1,
        sets: 15,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2022-06-07T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Cycling', 1, 'normal', null, null, null, 30, null, null, 2],
            ['Cycling', 2, 'normal', null, null, null, 45, null, null, 3],
            ['Cycling', 3, 'normal', null, null, null, 45, null, 'maxed bpm at 138', 4],
            ['Lat Pulldown', 1, 'normal', 50, 8, null, null, null, 'weird M handle', 5],
            ['Lat Pulldown', 2, 'normal', 50, 8, null, null, null, null, 6],
            ['Lat Pulldown', 3, 'normal', 50, 8, null, null, null, null, 7],
            ['Box Jumps', 1, 'normal', 0, 8, null, null, null, null, 8],
            ['Banded Ball Slams', 1, 'normal', 0, 8, null, null, null, 'black cable', 9],
            ['Banded Ball Slams', 2, 'normal', 0, 8, null, null, null, null, 10],
            ['Sled', 1, 'normal', 0, 2, null, null, null, '2 laps', 11],
            ['Sled', 2, 'normal', 0, 2, null, null, null, null, 12],
            ['Box Jumps', 2, 'normal', 0, 8, null, null, null, null, 13],
            ['Box Jumps', 3, 'normal', 0, 8, null, null, null, null, 14],
            ['Banded Ball Slams', 3, 'normal', 0, 8, null, null, null, null, 15],
            ['Sled', 3, 'normal', 0, 2, null, null, null, null, 16],
          ],
        },
      ],
    );
  });

  it('reads FitNotes lbs cardio rows in miles with H:MM:SS Time exactly', async () => {
    // Act
    const result = await readReal('fitnotes/wmgriffi3-lbs-cardio-miles-time.csv');

    // Assess
    expectGolden(
      result,
      'fitnotes',
      {
        variant: 'lbs',
        rows: 12,
        sessions: 2,
        sets: 12,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2017-06-23T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 2,
          sets: [
            ['Horizontal Incline Chest Press Machine', 1, 'normal', 54.431084, 7, null, null, null, null, 2],
            ['Horizontal Incline Chest Press Machine', 2, 'normal', 45.359237, 8, null, null, null, null, 3],
            ['Horizontal Incline Chest Press Machine', 3, 'normal', 36.28739, 7, null, null, null, null, 4],
            ['Dumbbell Hammer Curl', 1, 'normal', 11.339809, 12, null, null, null, null, 5],
            ['Dumbbell Hammer Curl', 2, 'normal', 11.339809, 10, null, null, null, null, 6],
            ['Dumbbell Hammer Curl', 3, 'normal', 11.339809, 9, null, null, null, null, 7],
            ['Running (Treadmill)', 1, 'normal', null, null, 1979.49312, 561, null, null, 8],
            ['Horizontal Chest Press Machine', 1, 'normal', 45.359237, 12, null, null, null, null, 9],
            ['Horizontal Chest Press Machine', 2, 'normal', 36.28739, 10, null, null, null, null, 10],
            ['Crunches', 1, 'normal', 0, 25, null, null, null, null, 11],
            ['Horizontal Chest Press Machine', 3, 'normal', 36.28739, 10, null, null, null, null, 12],
          ],
        },
        {
          sessionStart: '2017-06-24T00:00:00',
          name: 'FitNotes workout',
          durationS: null,
          notes: null,
          line: 13,
          sets: [['Running (Treadmill)', 1, 'normal', null, null, 5149.9008, 1540, null, null, 13]],
        },
      ],
    );
  });
});
