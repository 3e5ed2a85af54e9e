import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../scripts/steps/test-summary/run.js';
import { type ActionsEnv, actionsEnv } from './support/actions.js';

const report = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    numPassedTests: 41,
    numFailedTests: 1,
    numPendingTests: 2,
    numTodoTests: 0,
    testResults: [
      {
        name: `${process.cwd()}/tests/unit/core/sessions.test.ts`,
        assertionResults: [
          { fullName: 'sessions groups sets', status: 'passed', failureMessages: [] },
          {
            fullName: 'sessions counts a re-upload as unchanged',
            status: 'failed',
            failureMessages: ['AssertionError: expected 1 to be 0\n    at stack'],
            location: { line: 42, column: 5 },
          },
        ],
      },
    ],
    ...overrides,
  });

describe('test-summary step', () => {
  let env: ActionsEnv;
  beforeEach(() => {
    env = actionsEnv();
  });
  afterEach(() => env.restore());

  it('writes the counts and each failed test to the job summary', async () => {
    const file = env.file('vitest.json', report());

    const result = await env.run(run, { report: file, title: 'Tests' });

    expect(result.failed).toBe(false);
    expect(result.outputs).toEqual({ passed: '41', failed: '1', skipped: '2' });
    expect(result.summary).toContain('Tests: 41 passed, 1 failed, 2 skipped');
    expect(result.summary).toContain('sessions counts a re-upload as unchanged');
    expect(result.summary).toContain('tests/unit/core/sessions.test.ts:42');
  });

  it('annotates each failed test at its file and line', async () => {
    const file = env.file('vitest.json', report());

    const result = await env.run(run, { report: file });

    expect(result.log).toMatch(
      /::error title=Test failed,file=tests\/unit\/core\/sessions.test.ts,line=42::sessions counts a re-upload as unchanged: AssertionError: expected 1 to be 0/,
    );
  });

  it('fails the step when the test run wrote no report', async () => {
    const result = await env.run(run, { report: '/nonexistent/vitest.json' });

    expect(result.failed).toBe(true);
    expect(result.log).toContain('REPORT_INVALID');
  });

  it('fails the step when the report is not a vitest report', async () => {
    const file = env.file('vitest.json', report({ numPassedTests: 'many' }));

    const result = await env.run(run, { report: file });

    expect(result.failed).toBe(true);
  });
});
