/**
 * Reads vitest's JSON report (reports/vitest.json) into the counts that .ci/run prints as
 * its last line and that the CI job summary shows.
 */
export interface TestCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

interface VitestJsonReport {
  numPassedTests?: unknown;
  numFailedTests?: unknown;
  numPendingTests?: unknown;
  numTodoTests?: unknown;
}

export function countsFromVitestReport(text: string): TestCounts {
  let report: VitestJsonReport;
  try {
    report = JSON.parse(text) as VitestJsonReport;
  } catch (cause) {
    throw new Error('The vitest JSON report is not valid JSON.', { cause });
  }
  const field = (name: keyof VitestJsonReport): number => {
    const value = report[name] ?? 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`The vitest JSON report has no usable '${name}' (got ${JSON.stringify(value)}).`);
    }
    return value;
  };
  return {
    passed: field('numPassedTests'),
    failed: field('numFailedTests'),
    skipped: field('numPendingTests') + field('numTodoTests'),
  };
}

/** `N passed, N failed` with `, N skipped` only when something was skipped. */
export function formatCountsLine(counts: TestCounts): string {
  const line = `${counts.passed} passed, ${counts.failed} failed`;
  return counts.skipped > 0 ? `${line}, ${counts.skipped} skipped` : line;
}
