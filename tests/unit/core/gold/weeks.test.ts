import { describe, expect, it } from 'vitest';
import {
  addDays,
  isDay,
  isoWeekOf,
  isoWeekOfKey,
  localDayOf,
  previousWeekOf,
} from '../../../../lambda/src/core/gold/index.js';

describe('ISO weeks', () => {
  it.each([
    // A Monday in the calendar year before: week 1 of the next ISO year.
    ['2024-12-30', 2025, 1, '2024-12-30', '2025-01-05'],
    // A Sunday in January: the last week of the ISO year before, which had 53.
    ['2021-01-03', 2020, 53, '2020-12-28', '2021-01-03'],
    // 2026 starts on a Thursday, so it has a week 53 ending in 2027.
    ['2026-12-31', 2026, 53, '2026-12-28', '2027-01-03'],
    ['2027-01-04', 2027, 1, '2027-01-04', '2027-01-10'],
    ['2024-09-18', 2024, 38, '2024-09-16', '2024-09-22'],
    // Leap day.
    ['2024-02-29', 2024, 9, '2024-02-26', '2024-03-03'],
  ])('puts %s in %i-W%i (%s to %s)', (day, year, week, start, end) => {
    // Act
    const result = isoWeekOf(day);

    // Assess
    expect(result).toEqual({ year, week, key: `${year}-W${String(week).padStart(2, '0')}`, start, end });
  });

  it('reads a week back from its key, across year ends, and only weeks that exist', () => {
    // Assess: each week's key gives the same week.
    for (const day of ['2024-12-30', '2021-01-03', '2026-12-31', '2027-01-04', '2024-02-29']) {
      expect(isoWeekOfKey(isoWeekOf(day).key)).toEqual(isoWeekOf(day));
    }
    // 2020 and 2026 have 53 weeks; 2025 has 52.
    expect(isoWeekOfKey('2025-W53')).toBeUndefined();
    expect(isoWeekOfKey('2025-W00')).toBeUndefined();
    expect(isoWeekOfKey('2025-3')).toBeUndefined();
  });

  it('steps back to the week before across a year end', () => {
    // Act
    const previous = previousWeekOf(isoWeekOf('2025-01-01'));

    // Assess
    expect(previous.key).toBe('2024-W52');
    expect(previous.start).toBe('2024-12-23');
  });

  it('refuses what is not a calendar day, naming it', () => {
    // Assess
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-2-3')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
    expect(() => isoWeekOf('2025-02-30')).toThrow("'2025-02-30' is not a calendar day written YYYY-MM-DD");
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
  });
});

describe('the local day of a session', () => {
  it('keeps the wall-clock day of a start without an offset, as most exports write it', () => {
    // Act / Assess
    expect(localDayOf('2024-09-18T23:59:59', undefined, 'Pacific/Auckland')).toBe('2024-09-18');
  });

  it("counts a start with a stated offset on the day it was in the athlete's timezone", () => {
    // Fitbod writes `2020-06-18 23:30:00 +0000`: past midnight in Berlin, still evening in New York.
    expect(localDayOf('2020-06-18T23:30:00', '+00:00', 'Europe/Berlin')).toBe('2020-06-19');
    expect(localDayOf('2020-06-18T23:30:00', '+00:00', 'America/New_York')).toBe('2020-06-18');
    expect(localDayOf('2020-06-19T00:30:00', '+02:00', 'UTC')).toBe('2020-06-18');
  });

  it('refuses a start it cannot read as an instant', () => {
    // Act / Assess
    expect(() => localDayOf('2020-06-18T25:30:00', '+00:00', 'UTC')).toThrow(
      "'2020-06-18T25:30:00+00:00' is not a local time with a UTC offset",
    );
  });
});
