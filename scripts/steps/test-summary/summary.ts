/**
 * Reads vitest's JSON report into what a job summary shows: the counts (the same numbers
 * .ci/run prints) and each failed test with its file, line and first failure line.
 */
import { countsFromVitestReport, type TestCounts } from '../../lib/test-counts.js';
import { StepError } from '../lib/errors.js';

export interface FailedTest {
  readonly file: string;
  readonly name: string;
  readonly line: number | undefined;
  readonly message: string;
}

export interface TestReport {
  readonly counts: TestCounts;
  readonly failures: readonly FailedTest[];
}

interface AssertionResult {
  fullName?: unknown;
  status?: unknown;
  failureMessages?: unknown;
  location?: { line?: unknown } | null;
}

export function readTestReport(text: string, projectRoot: string): TestReport {
  let counts: TestCounts;
  try {
    counts = countsFromVitestReport(text);
  } catch (cause) {
    throw new StepError('REPORT_INVALID', `The vitest report cannot be read: ${(cause as Error).message}`, {
      cause,
    });
  }
  const report = JSON.parse(text) as {
    testResults?: { name?: unknown; assertionResults?: AssertionResult[] }[];
  };
  const failures: FailedTest[] = [];
  for (const file of report.testResults ?? []) {
    const path = typeof file.name === 'string' ? relativeTo(file.name, projectRoot) : '(unknown file)';
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const messages = Array.isArray(test.failureMessages) ? test.failureMessages.map(String) : [];
      failures.push({
        file: path,
        name: typeof test.fullName === 'string' ? test.fullName : '(unnamed test)',
        line: typeof test.location?.line === 'number' ? test.location.line : undefined,
        message: (messages[0] ?? 'failed').split('\n')[0] ?? 'failed',
      });
    }
  }
  return { counts, failures };
}

function relativeTo(path: string, root: string): string {
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
