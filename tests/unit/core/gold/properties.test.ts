import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dailyGold,
  goldJson,
  isoWeekOf,
  type SessionDigest,
  summarizeExercises,
  weeklyGold,
} from '../../../../lambda/src/core/gold/index.js';
import { SET_TYPES, type WorkoutSet } from '../../../../lambda/src/core/model.js';

const setArb: fc.Arbitrary<WorkoutSet> = fc.record({
  exercise: fc.constantFrom('Squat', 'Bench Press', 'Row', 'Curl'),
  setIndex: fc.integer({ min: 1, max: 9 }),
  setType: fc.constantFrom(...SET_TYPES),
  weightKg: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: null }),
  reps: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
  distanceM: fc.constant(null),
  durationS: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  rpe: fc.constant(null),
  notes: fc.constant(null),
  line: fc.constant(2),
});

// Sessions over five weeks around a year end, so ISO weeks cross it.
const sessionsArb: fc.Arbitrary<SessionDigest[]> = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 34 }), fc.array(setArb, { maxLength: 8 })), { maxLength: 25 })
  .map((list) =>
    list.map(([offset, sets], i) => {
      const day = addDays('2025-12-08', offset);
      const sorted = [...sets].sort((a, b) => a.exercise.localeCompare(b.exercise));
      return {
        sessionId: `s${i}`,
        day,
        sessionStart: `${day}T0${i % 10}:00:00`,
        name: 'Workout',
        source: 'strong',
        durationS: 1800,
        distanceM: 0,
        exercises: summarizeExercises(sorted),
      };
    }),
  );

describe('properties of gold', () => {
  it('writes the same bytes whatever order the sessions arrive in', () => {
    fc.assert(
      fc.property(sessionsArb, fc.integer({ min: 0, max: 34 }), (sessions, offset) => {
        // Prepare
        const shuffled = [...sessions].reverse();
        const day = addDays('2025-12-08', offset);

        // Act / Assess
        expect(goldJson(weeklyGold('ann', isoWeekOf(day), shuffled))).toBe(
          goldJson(weeklyGold('ann', isoWeekOf(day), sessions)),
        );
        expect(goldJson(dailyGold('ann', day, shuffled))).toBe(goldJson(dailyGold('ann', day, sessions)));
      }),
    );
  });

  it("totals a week as the sum of its seven days, and its best sets are the days' best", () => {
    fc.assert(
      fc.property(sessionsArb, fc.integer({ min: 0, max: 34 }), (sessions, offset) => {
        // Prepare
        const week = isoWeekOf(addDays('2025-12-08', offset));
        const days = [0, 1, 2, 3, 4, 5, 6].map((n) => dailyGold('ann', addDays(week.start, n), sessions));

        // Act
        const weekly = weeklyGold('ann', week, sessions);

        // Assess: each figure within the rounding of its seven parts.
        expect(weekly.sessions).toBe(days.reduce((sum, d) => sum + d.sessions, 0));
        expect(weekly.sets).toBe(days.reduce((sum, d) => sum + d.sets, 0));
        expect(Math.abs(weekly.volumeKg - days.reduce((sum, d) => sum + d.volumeKg, 0))).toBeLessThan(0.1);
        for (const exercise of weekly.exercises) {
          const dayBests = days.flatMap((d) => d.exercises.filter((e) => e.exercise === exercise.exercise));
          const top = Math.max(...dayBests.map((e) => e.best?.e1rmKg ?? 0));
          expect(exercise.best?.e1rmKg ?? 0).toBe(top);
        }
      }),
    );
  });
});
