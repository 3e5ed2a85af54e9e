import { describe, it } from 'vitest';
import { expectGolden, readReal } from './golden.js';

describe('Hevy real exports', () => {
  it('reads a Hevy export with 12-hour AM/PM dates, RPE, supersets and a drop set exactly', async () => {
    // Act
    const result = await readReal('hevy/ahmed-abdelwahed1-12-hour-dates-rpe.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'kg-km',
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
          sessionStart: '2025-08-11T08:36:00',
          name: 'Day 2 – Upper Pull',
          durationS: 2880,
          notes: null,
          line: 2,
          sets: [['Hammer Curl (Dumbbell)', 1, 'normal', 10, 10, null, null, 9.5, null, 2]],
        },
        {
          sessionStart: '2025-08-09T09:17:00',
          name: 'Day 1 – Upper Push',
          durationS: 3000,
          notes: null,
          line: 3,
          sets: [
            ['Incline Bench Press (Barbell)', 1, 'normal', 30, 12, null, null, 8.5, null, 3],
            ['Incline Bench Press (Barbell)', 2, 'normal', 35, 7, null, null, 9, null, 4],
            ['Incline Bench Press (Barbell)', 3, 'normal', 35, 8, null, null, 9.5, null, 5],
            ['Incline Bench Press (Barbell)', 4, 'normal', 35, 6, null, null, 9, null, 6],
            ['Overhead Press (Barbell)', 1, 'normal', 20, 6, null, null, 7.5, null, 7],
            ['Overhead Press (Barbell)', 2, 'normal', 30, 7, null, null, 9, null, 8],
            ['Overhead Press (Barbell)', 3, 'normal', 30, 8, null, null, 9.5, null, 9],
            ['Overhead Press (Barbell)', 4, 'normal', 30, 6, null, null, 9, null, 10],
            ['Chest Fly (Dumbbell)', 1, 'normal', 10, 12, null, null, 9, null, 11],
            ['Chest Fly (Dumbbell)', 2, 'normal', 10, 10, null, null, 9, null, 12],
            ['Chest Fly (Dumbbell)', 3, 'normal', 10, 10, null, null, 9, null, 13],
            ['Lateral Raise (Dumbbell)', 1, 'normal', 7.5, 15, null, null, 9.5, null, 14],
            ['Lateral Raise (Dumbbell)', 2, 'normal', 7.5, 12, null, null, 9, null, 15],
            ['Lateral Raise (Dumbbell)', 3, 'dropset', 7.5, 12, null, null, 10, null, 16],
            ['Triceps Pushdown', 1, 'normal', 35, 12, null, null, 8.5, null, 17],
            ['Triceps Pushdown', 2, 'normal', 35, 10, null, null, 9, null, 18],
            ['Triceps Pushdown', 3, 'normal', 40, 10, null, null, 8.5, null, 19],
            ['Triceps Extension (Dumbbell)', 1, 'normal', 10, 12, null, null, 9.5, null, 20],
            ['Triceps Extension (Dumbbell)', 2, 'normal', 10, 10, null, null, 9.5, null, 21],
            ['Triceps Extension (Dumbbell)', 3, 'normal', 10, 8, null, null, 9.5, null, 22],
          ],
        },
      ],
    );
  });

  it('reads a Hevy export with multi-line exercise notes, drop sets, warm-ups, failure sets and timed sets exactly', async () => {
    // Act
    const result = await readReal('hevy/ajccosta-multiline-notes-dropset.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'kg-km',
        rows: 40,
        sessions: 2,
        sets: 40,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2025-05-20T00:00:00',
          name: 'Evening workout 🏋️',
          durationS: 3960,
          notes: null,
          line: 2,
          sets: [
            ['Triceps Overhead Cable', 1, 'normal', 22.6, 12, null, null, null, null, 2],
            ['Triceps Overhead Cable', 2, 'normal', 22.6, 12, null, null, null, null, 3],
            ['Triceps Overhead Cable', 3, 'normal', 22.6, 12, null, null, null, null, 4],
            ['Triceps Overhead Cable', 4, 'normal', 22.6, 10, null, null, null, null, 5],
            ['Triceps Overhead Cable', 5, 'dropset', 18.2, 10, null, null, null, null, 6],
            ['Shrug (Dumbbell)', 1, 'normal', 54.43, 16, null, null, null, null, 7],
            ['Shrug (Dumbbell)', 2, 'normal', 54.43, 16, null, null, null, null, 8],
            ['Shrug (Dumbbell)', 3, 'normal', 54.43, 30, null, null, null, null, 9],
            ['Wrist Curl Cable', 1, 'normal', 22.6, 20, null, null, null, null, 10],
            ['Dead Hang', 1, 'normal', null, null, null, 49, null, null, 11],
          ],
        },
        {
          sessionStart: '2025-05-18T16:06:00',
          name: 'Morning workout ☀️',
          durationS: 4380,
          notes: null,
          line: 12,
          sets: [
            ['Bench Press (Smith Machine)', 1, 'warmup', 28.58, 12, null, null, null, null, 12],
            ['Bench Press (Smith Machine)', 2, 'warmup', 46.72, 8, null, null, null, null, 13],
            ['Bench Press (Smith Machine)', 3, 'warmup', 69.4, 3, null, null, null, null, 14],
            ['Bench Press (Smith Machine)', 4, 'normal', 87.54, 8, null, null, null, null, 15],
            ['Bench Press (Smith Machine)', 5, 'normal', 85.73, 7, null, null, null, null, 16],
            ['Bench Press (Smith Machine)', 6, 'normal', 83.46, 6, null, null, null, null, 17],
            ['Bench Press (Smith Machine)', 7, 'normal', 69.4, 11, null, null, null, null, 18],
            ['Preacher Curl (Barbell)', 1, 'normal', 31.75, 10, null, null, null, null, 19],
            ['Preacher Curl (Barbell)', 2, 'normal', 31.75, 10, null, null, null, null, 20],
            ['Preacher Curl (Barbell)', 3, 'normal', 31.75, 10, null, null, null, null, 21],
            ['Preacher Curl (Barbell)', 4, 'normal', 31.75, 10, null, null, null, null, 22],
            ['Preacher Curl (Barbell)', 5, 'dropset', 24.49, 6, null, null, null, null, 23],
            ['Chest Dip (Weighted)', 1, 'normal', 11.34, 10, null, null, null, null, 24],
            ['Chest Dip (Weighted)', 2, 'normal', 11.34, 10, null, null, null, null, 25],
            ['Chest Dip (Weighted)', 3, 'normal', 11.34, 10, null, null, null, null, 26],
            ['Chest Dip (Weighted)', 4, 'normal', 11.34, 8, null, null, null, null, 27],
            ['Chest Dip (Weighted)', 5, 'normal', null, 13, null, null, null, null, 28],
            ['Chest Dip (Weighted)', 6, 'normal', null, 8, null, null, null, null, 29],
            ['Hammer Curl (Cable)', 1, 'normal', 38.6, 12, null, null, null, null, 30],
            ['Hammer Curl (Cable)', 2, 'normal', 34, 15, null, null, null, null, 31],
            ['Hammer Curl (Cable)', 3, 'normal', 34, 15, null, null, null, null, 32],
            [
              'Dead Hang',
              1,
              'failure',
              null,
              null,
              null,
              12,
              null,
              'right arm = failure set\nleft arm = warm up set\nboth arms = normal set',
              33,
            ],
            [
              'Dead Hang',
              2,
              'warmup',
              null,
              null,
              null,
              6,
              null,
              'right arm = failure set\nleft arm = warm up set\nboth arms = normal set',
              36,
            ],
            [
              'Dead Hang',
              3,
              'failure',
              null,
              null,
              null,
              5,
              null,
              'right arm = failure set\nleft arm = warm up set\nboth arms = normal set',
              39,
            ],
            [
              'Dead Hang',
              4,
              'warmup',
              null,
              null,
              null,
              4,
              null,
              'right arm = failure set\nleft arm = warm up set\nboth arms = normal set',
              42,
            ],
            [
              'Dead Hang',
              5,
              'normal',
              null,
              null,
              null,
              44,
              null,
              'right arm = failure set\nleft arm = warm up set\nboth arms = normal set',
              45,
            ],
            [
              'Dead Hang',
              6,
              'normal',
              null,
              null,
              null,
              53,
              null,
              'right arm = failure set\nleft arm = warm up set\nboth arms = normal set',
              48,
            ],
            ['Preacher Curl (Dumbbell)', 1, 'normal', 22.68, 7, null, null, null, null, 51],
            ['Preacher Curl (Dumbbell)', 2, 'normal', 22.68, 7, null, null, null, null, 52],
            ['Preacher Curl (Dumbbell)', 3, 'dropset', 18.14, 6, null, null, null, null, 53],
          ],
        },
      ],
    );
  });

  it('reads a Hevy export in lbs and miles with supersets and failure sets exactly', async () => {
    // Act
    const result = await readReal('hevy/nathann275-lbs-superset-failure.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'lbs-miles',
        rows: 30,
        sessions: 2,
        sets: 30,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2025-09-20T10:22:00',
          name: 'Morning workout ☀️',
          durationS: 3120,
          notes: null,
          line: 2,
          sets: [
            ['Lat Pulldown (Cable)', 1, 'normal', 90.718474, 10, null, null, null, null, 2],
            ['Lat Pulldown (Cable)', 2, 'normal', 90.718474, 8, null, null, null, null, 3],
            ['Lat Pulldown (Cable)', 3, 'normal', 77.110703, 11, null, null, null, null, 4],
            ['Preacher Curl (Machine)', 1, 'normal', 36.28739, 10, null, null, null, null, 5],
            ['Preacher Curl (Machine)', 2, 'normal', 36.28739, 10, null, null, null, null, 6],
            ['Preacher Curl (Machine)', 3, 'failure', 36.28739, 11, null, null, null, null, 7],
            ['T Bar Row', 1, 'normal', 61.23497, 6, null, null, null, null, 8],
            ['T Bar Row', 2, 'normal', 40.823313, 11, null, null, null, null, 9],
            ['T Bar Row', 3, 'normal', 40.823313, 9, null, null, null, null, 10],
            ['Straight Arm Lat Pulldown (Cable)', 1, 'normal', 22.679619, 12, null, null, null, null, 11],
            ['Straight Arm Lat Pulldown (Cable)', 2, 'normal', 22.679619, 13, null, null, null, null, 12],
            ['Straight Arm Lat Pulldown (Cable)', 3, 'normal', 22.679619, 12, null, null, null, null, 13],
          ],
        },
        {
          sessionStart: '2025-09-19T08:39:00',
          name: 'Morning workout ☀️',
          durationS: 3960,
          notes: null,
          line: 14,
          sets: [
            ['Clean', 1, 'normal', 88.450512, 1, null, null, null, null, 14],
            ['Hang Clean', 1, 'normal', 65.770894, 4, null, null, null, null, 15],
            ['Hang Clean', 2, 'normal', 65.770894, 4, null, null, null, null, 16],
            ['Hang Clean', 3, 'normal', 65.770894, 4, null, null, null, null, 17],
            ['Hang Clean', 4, 'normal', 65.770894, 4, null, null, null, null, 18],
            ['Hang Clean', 5, 'normal', 65.770894, 4, null, null, null, null, 19],
            ['Seated Leg Curl (Machine)', 1, 'normal', 36.28739, 11, null, null, null, null, 20],
            ['Seated Leg Curl (Machine)', 2, 'normal', 36.28739, 9, null, null, null, null, 21],
            ['Seated Leg Curl (Machine)', 3, 'normal', 36.28739, 9, null, null, null, null, 22],
            ['Leg Extension (Machine)', 1, 'normal', 72.574779, 12, null, null, null, null, 23],
            ['Leg Extension (Machine)', 2, 'failure', 72.574779, 12, null, null, null, null, 24],
            ['Leg Extension (Machine)', 3, 'failure', 72.574779, 16, null, null, null, null, 25],
            ['Sissy Squat (Weighted)', 1, 'normal', null, 6, null, null, null, null, 26],
            ['Sissy Squat (Weighted)', 2, 'normal', null, 5, null, null, null, null, 27],
            ['Sissy Squat (Weighted)', 3, 'normal', null, 5, null, null, null, null, 28],
            ['Hip Abduction (Machine)', 1, 'normal', 65.770894, 13, null, null, null, null, 29],
            ['Hip Abduction (Machine)', 2, 'normal', 65.770894, 13, null, null, null, null, 30],
            ['Hip Abduction (Machine)', 3, 'failure', 65.770894, 22, null, null, null, null, 31],
          ],
        },
      ],
    );
  });

  it('reads a Hevy export whose set numbers do not start at 0 exactly', async () => {
    // Act
    const result = await readReal('hevy/pedrotorrado-quoted-multiline-description.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'kg-km',
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
          sessionStart: '2022-10-31T08:23:00',
          name: 'Uper Body',
          durationS: 5520,
          notes: null,
          line: 2,
          sets: [
            ['Cable Fly Crossovers', 1, 'normal', 29.4, 7, null, null, null, null, 2],
            ['Cable Fly Crossovers', 2, 'normal', 25, 10, null, null, null, null, 3],
            ['Cable Fly Crossovers', 3, 'normal', 25, 15, null, null, null, null, 4],
            ['Single Arm Cable Crossover', 1, 'normal', 5.7, 10, null, null, null, null, 5],
            ['Single Arm Cable Crossover', 2, 'normal', 5.7, 10, null, null, null, null, 6],
            ['Single Arm Cable Crossover', 3, 'normal', 7.9, 10, null, null, null, null, 7],
            ['Single Arm Cable Crossover', 4, 'normal', 7.9, 10, null, null, null, null, 8],
            ['Single Arm Cable Crossover', 5, 'normal', 10.2, 10, null, null, null, null, 9],
            ['Single Arm Cable Crossover', 6, 'normal', 10.2, 10, null, null, null, null, 10],
            ['Single Arm Cable Crossover', 7, 'normal', 7.9, 10, null, null, null, null, 11],
            ['Single Arm Cable Crossover', 8, 'normal', 7.9, 10, null, null, null, null, 12],
            ['Single Arm Cable Crossover', 9, 'normal', 10.2, 10, null, null, null, null, 13],
            ['Single Arm Cable Crossover', 10, 'normal', 10.2, 10, null, null, null, null, 14],
            ['EZ Bar Biceps Curl', 1, 'normal', 27.5, 10, null, null, null, null, 15],
            ['EZ Bar Biceps Curl', 2, 'normal', 27.5, 7, null, null, null, null, 16],
            ['EZ Bar Biceps Curl', 3, 'normal', 27.5, 6, null, null, null, null, 17],
            ['EZ Bar Biceps Curl', 4, 'normal', 27.5, 6, null, null, null, null, 18],
            ['Standing Wrist Curl', 1, 'normal', 12.5, 10, null, null, null, null, 19],
            ['Standing Wrist Curl', 2, 'normal', 12.5, 10, null, null, null, null, 20],
            ['Standing Wrist Curl', 3, 'normal', 12.5, 10, null, null, null, null, 21],
            ['Standing Wrist Curl', 4, 'normal', 12.5, 10, null, null, null, null, 22],
            ['Standing Wrist Curl', 5, 'normal', 12.5, 10, null, null, null, null, 23],
            ['Standing Wrist Curl', 6, 'normal', 12.5, 10, null, null, null, null, 24],
            ['Standing Wrist Curl', 7, 'normal', 12.5, 10, null, null, null, null, 25],
            ['Standing Wrist Curl', 8, 'normal', 12.5, 10, null, null, null, null, 26],
          ],
        },
      ],
    );
  });

  it('reads a Hevy export in kg and miles with running distances and times exactly', async () => {
    // Act
    const result = await readReal('hevy/smdesai27-kg-miles-distance.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'kg-miles',
        rows: 20,
        sessions: 2,
        sets: 20,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2025-01-19T14:18:00',
          name: '😝👍🏿',
          durationS: 3720,
          notes: null,
          line: 2,
          sets: [
            ['Triceps Pushdown', 1, 'normal', 27.22, 11, null, null, null, null, 2],
            ['Triceps Pushdown', 2, 'normal', 23.81, 10, null, null, null, null, 3],
          ],
        },
        {
          sessionStart: '2025-01-17T06:07:00',
          name: ': (',
          durationS: 4140,
          notes: null,
          line: 4,
          sets: [
            ['Clean and Jerk', 1, 'normal', 92.99, 2, null, null, null, null, 4],
            ['Clean and Jerk', 2, 'normal', 102.06, 1, null, null, null, null, 5],
            ['Clean Pull', 1, 'normal', 102.06, 3, null, null, null, null, 6],
            ['Clean Pull', 2, 'normal', 124.74, 5, null, null, null, null, 7],
            ['Squat (Barbell)', 1, 'normal', 102.06, 5, null, null, null, null, 8],
            ['Squat (Barbell)', 2, 'normal', 115.67, 5, null, null, null, null, 9],
            ['Squat (Barbell)', 3, 'normal', 133.81, 3, null, null, null, null, 10],
            ['Overhead Press (Barbell)', 1, 'normal', 61.24, 5, null, null, null, null, 11],
            ['Overhead Press (Barbell)', 2, 'normal', 61.24, 3, null, null, null, null, 12],
            ['Overhead Press (Barbell)', 3, 'normal', 43.09, 8, null, null, null, null, 13],
            ['Triceps Dip (Weighted)', 1, 'normal', null, 5, null, null, null, null, 14],
            ['Triceps Dip (Weighted)', 2, 'normal', null, 4, null, null, null, null, 15],
            ['Triceps Dip (Weighted)', 3, 'normal', null, 5, null, null, null, null, 16],
            ['Back Extension (Weighted Hyperextension)', 1, 'normal', null, 5, null, null, null, null, 17],
            ['Back Extension (Weighted Hyperextension)', 2, 'normal', null, 5, null, null, null, null, 18],
            ['Running', 1, 'normal', null, null, 804.672, 285, null, null, 19],
            ['Running', 2, 'normal', null, null, 402.336, 105, null, null, 20],
            ['Running', 3, 'normal', null, null, 321.8688, 60, null, null, 21],
          ],
        },
      ],
    );
  });

  it('reads a Hevy workout whose quoted description spans three lines, with escaped quotes, a blank line and a URL, exactly', async () => {
    // Act
    const result = await readReal('hevy/pedrotorrado-multiline-escaped-quotes-description.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'kg-km',
        rows: 28,
        sessions: 1,
        sets: 28,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2022-10-30T09:12:00',
          name: 'Legs',
          durationS: 3240,
          notes:
            '*to Kakashi* "What is with your attitude?! We\'ll never be young like this again!" - Guy Sensei\n\nhttps://open.spotify.com/playlist/3z0MRRZHSNPI4tPEjcCZRV?si=uugEusM0R-OqKFCjM-m-9w&utm_source=copy-link',
          line: 2,
          sets: [
            ['Treadmill', 1, 'normal', null, null, 500, 180, null, null, 2],
            ['Seated Leg Curl (Machine)', 1, 'warmup', 32, 10, null, null, null, null, 5],
            ['Seated Leg Curl (Machine)', 2, 'warmup', 32, 10, null, null, null, null, 8],
            ['Seated Leg Curl (Machine)', 3, 'normal', 73, 10, null, null, null, null, 11],
            ['Seated Leg Curl (Machine)', 4, 'normal', 73, 10, null, null, null, null, 14],
            ['Seated Leg Curl (Machine)', 5, 'failure', 73, 8, null, null, null, null, 17],
            ['Seated Leg Curl (Machine)', 6, 'dropset', 39, 20, null, null, null, null, 20],
            ['Leg Extension (Machine)', 1, 'normal', 66, 10, null, null, null, null, 23],
            ['Leg Extension (Machine)', 2, 'normal', 66, 10, null, null, null, null, 26],
            ['Leg Extension (Machine)', 3, 'normal', 39, 10, null, null, null, null, 29],
            ['Leg Extension (Machine)', 4, 'normal', 39, 10, null, null, null, null, 32],
            ['Leg Extension (Machine)', 5, 'dropset', 39, 10, null, null, null, null, 35],
            ['Hip Adduction (Machine)', 1, 'normal', 66, 10, null, null, null, null, 38],
            ['Hip Adduction (Machine)', 2, 'normal', 73, 10, null, null, null, null, 41],
            ['Hip Adduction (Machine)', 3, 'normal', 73, 5, null, null, null, null, 44],
            ['Hip Adduction (Machine)', 4, 'dropset', 52, 20, null, null, null, null, 47],
            ['Hip Abduction (Machine)', 1, 'normal', 66, 10, null, null, null, null, 50],
            ['Hip Abduction (Machine)', 2, 'normal', 66, 10, null, null, null, null, 53],
            ['Hip Abduction (Machine)', 3, 'normal', 73, 10, null, null, null, null, 56],
            ['Hip Abduction (Machine)', 4, 'failure', 73, 10, null, null, null, null, 59],
            ['Leg Press Horizontal (Machine)', 1, 'normal', 127, 10, null, null, null, null, 62],
            ['Leg Press Horizontal (Machine)', 2, 'normal', 129.3, 5, null, null, null, null, 65],
            ['Leg Press Horizontal (Machine)', 3, 'failure', 129.3, 10, null, null, null, null, 68],
            ['Leg Press Horizontal (Machine)', 4, 'dropset', 73, 20, null, null, null, null, 71],
            ['Calf Extension (Machine)', 1, 'normal', 79, 20, null, null, null, null, 74],
            ['Calf Extension (Machine)', 2, 'normal', 79, 20, null, null, null, null, 77],
            ['Calf Extension (Machine)', 3, 'normal', 79, 18, null, null, null, null, 80],
            ['Calf Extension (Machine)', 4, 'normal', 79, 10, null, null, null, null, 83],
          ],
        },
      ],
    );
  });

  it('reads a Hevy workout whose description has trailing spaces, an empty line and a URL on four lines exactly', async () => {
    // Act
    const result = await readReal('hevy/pedrotorrado-blank-line-trailing-spaces-description.csv');

    // Assess
    expectGolden(
      result,
      'hevy',
      {
        variant: 'kg-km',
        rows: 29,
        sessions: 1,
        sets: 29,
        skipped: 0,
        skippedByReason: {},
        duplicates: 0,
        rejected: [],
        assumedUnits: {},
      },
      [
        {
          sessionStart: '2022-10-24T00:00:00',
          name: 'Morning workout ☀️',
          durationS: 4800,
          notes:
            'Dead phone \n\nNew PR motivation \nhttps://open.spotify.com/track/5HBGMGIyz6jM9cxSOMd2Eu?si=GcsJFBx7SwqtZNq3qwgswg&utm_source=copy-link',
          line: 2,
          sets: [
            ['Leg Extension (Machine)', 1, 'warmup', 32, 10, null, null, null, null, 2],
            ['Leg Extension (Machine)', 2, 'normal', 66, 10, null, null, null, null, 6],
            ['Leg Extension (Machine)', 3, 'normal', 66, 10, null, null, null, null, 10],
            ['Leg Extension (Machine)', 4, 'normal', 66, 10, null, null, null, null, 14],
            ['Leg Extension (Machine)', 5, 'normal', 72, 5, null, null, null, null, 18],
            ['Seated Leg Curl (Machine)', 1, 'normal', 59, 10, null, null, null, null, 22],
            ['Seated Leg Curl (Machine)', 2, 'normal', 66, 10, null, null, null, null, 26],
            ['Seated Leg Curl (Machine)', 3, 'normal', 32, 10, null, null, null, null, 30],
            ['Seated Leg Curl (Machine)', 4, 'normal', 32, 10, null, null, null, null, 34],
            ['Seated Leg Curl (Machine)', 5, 'normal', 66, 8, null, null, null, null, 38],
            ['Seated Leg Curl (Machine)', 6, 'normal', 32, 8, null, null, null, null, 42],
            ['Seated Leg Curl (Machine)', 7, 'normal', 32, 8, null, null, null, null, 46],
            ['Hip Adduction (Machine)', 1, 'warmup', 25, 10, null, null, null, null, 50],
            ['Hip Adduction (Machine)', 2, 'normal', 66, 10, null, null, null, null, 54],
            ['Hip Adduction (Machine)', 3, 'normal', 66, 10, null, null, null, null, 58],
            ['Hip Adduction (Machine)', 4, 'normal', 66, 10, null, null, null, null, 62],
            ['Hip Adduction (Machine)', 5, 'failure', 45, 18, null, null, null, null, 66],
            ['Hip Abduction (Machine)', 1, 'normal', 73, 10, null, null, null, null, 70],
            ['Hip Abduction (Machine)', 2, 'normal', 73, 10, null, null, null, null, 74],
            ['Hip Abduction (Machine)', 3, 'normal', 73, 10, null, null, null, null, 78],
            ['Hip Abduction (Machine)', 4, 'normal', 73, 10, null, null, null, null, 82],
            ['Leg Press Horizontal (Machine)', 1, 'normal', 107, 15, null, null, null, null, 86],
            ['Leg Press Horizontal (Machine)', 2, 'normal', 123, 10, null, null, null, null, 90],
            ['Leg Press Horizontal (Machine)', 3, 'normal', 123, 10, null, null, null, null, 94],
            ['Leg Press Horizontal (Machine)', 4, 'normal', 123, 8, null, null, null, null, 98],
            ['Calf Extension (Machine)', 1, 'normal', 79, 20, null, null, null, null, 102],
            ['Calf Extension (Machine)', 2, 'normal', 79, 20, null, null, null, null, 106],
            ['Calf Extension (Machine)', 3, 'normal', 79, 12, null, null, null, null, 110],
            ['Calf Extension (Machine)', 4, 'normal', 79, 20, null, null, null, null, 114],
          ],
        },
      ],
    );
  });
});
