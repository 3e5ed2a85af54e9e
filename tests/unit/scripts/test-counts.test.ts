import { describe, expect, it } from 'vitest';
import { countsFromVitestReport, formatCountsLine } from '../../../scripts/lib/test-counts.js';

describe('test counts from the vitest JSON report', () => {
  it('reads passed, failed and skipped (pending + todo) tests', () => {
    const report = JSON.stringify({
      numPassedTests: 41,
      numFailedTests: 2,
      numPendingTests: 1,
      numTodoTests: 1,
    });

    expect(countsFromVitestReport(report)).toEqual({ passed: 41, failed: 2, skipped: 2 });
  });

  it('prints the skipped count only when something was skipped', () => {
    expect(formatCountsLine({ passed: 12, failed: 0, skipped: 0 })).toBe('12 passed, 0 failed');
    expect(formatCountsLine({ passed: 12, failed: 1, skipped: 3 })).toBe('12 passed, 1 failed, 3 skipped');
  });

  it('rejects a report that is not JSON or lacks the counts, naming the field', () => {
    expect(() => countsFromVitestReport('<html>')).toThrow(/not valid JSON/);
    expect(() => countsFromVitestReport(JSON.stringify({ numPassedTests: 'many' }))).toThrow(
      /numPassedTests/,
    );
  });
});
