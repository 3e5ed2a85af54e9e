import { describe, expect, it } from 'vitest';
import { goldRunRequestOf, MAX_REPROCESS_DAYS } from '../../../../lambda/src/core/gold/index.js';

describe('the request of a gold run', () => {
  it("reads the schedule's fixed input as a scheduled run", () => {
    // Assess
    expect(goldRunRequestOf({ gold: 'scheduled' })).toEqual({ kind: 'scheduled' });
  });

  it('reads a run date, and a range as every day of it, across a month end', () => {
    // Assess
    expect(goldRunRequestOf({ runDate: '2025-01-15' })).toEqual({ kind: 'reprocess', days: ['2025-01-15'] });
    expect(goldRunRequestOf({ from: '2024-02-28', to: '2024-03-01' })).toEqual({
      kind: 'reprocess',
      days: ['2024-02-28', '2024-02-29', '2024-03-01'],
    });
  });

  it(`takes a range of ${MAX_REPROCESS_DAYS} days and refuses a longer one`, () => {
    // Assess
    expect(goldRunRequestOf({ from: '2025-01-01', to: '2025-01-31' })).toMatchObject({
      days: { length: 31 },
    });
    expect(() => goldRunRequestOf({ from: '2025-01-01', to: '2025-02-01' })).toThrow(
      '2025-01-01 to 2025-02-01 is more than 31 days: reprocess a longer span in several runs',
    );
  });

  it.each([
    [null, 'A gold run is invoked with a JSON object (got null)'],
    [['2025-01-15'], 'A gold run is invoked with a JSON object (got ["2025-01-15"])'],
    [
      { runDate: '2025-02-30' },
      `'runDate' must be a calendar day written YYYY-MM-DD, such as 2025-01-15 (got "2025-02-30")`,
    ],
    [
      { runDate: 20250115 },
      `'runDate' must be a calendar day written YYYY-MM-DD, such as 2025-01-15 (got 20250115)`,
    ],
    [
      { from: '2025-01-15' },
      `'to' must be a calendar day written YYYY-MM-DD, such as 2025-01-15 (got nothing)`,
    ],
    [{ from: '2025-01-15', to: '2025-01-14' }, "'to' (2025-01-14) is before 'from' (2025-01-15)"],
    [{ runDate: '2025-01-15', from: '2025-01-14' }, "Name either 'runDate' or 'from' and 'to', not both"],
    [{ gold: 'daily' }, `'gold' must be "scheduled" and stand alone (got "daily")`],
    [
      { gold: 'scheduled', runDate: '2025-01-15' },
      `'gold' must be "scheduled" and stand alone (got "scheduled")`,
    ],
    [{}, 'Name the days to reprocess: {"runDate":"YYYY-MM-DD"} or {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}'],
    [{ run_date: '2025-01-15' }, "Unknown field 'run_date': a gold run takes"],
  ])('refuses %j, saying what is wrong', (event, message) => {
    // Assess
    expect(() => goldRunRequestOf(event)).toThrow(message);
  });
});
