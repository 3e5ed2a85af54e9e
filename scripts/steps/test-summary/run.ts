/**
 * test-summary: a job summary table of the test run and an error annotation per failed
 * test, from vitest's JSON report. Runs with `if: always()` after the tests.
 *
 * Inputs: report (default reports/vitest.json), title (default "Tests").
 * Outputs: passed, failed, skipped.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { formatCountsLine } from '../../lib/test-counts.js';
import { StepError } from '../lib/errors.js';
import { optionalInput, runStep } from '../lib/inputs.js';
import { readTestReport } from './summary.js';

/** Annotations beyond this are only listed in the summary (GitHub shows 10 per step anyway). */
const MAX_LISTED_FAILURES = 50;

export async function run(): Promise<void> {
  await runStep(async () => {
    const path = optionalInput('report') ?? 'reports/vitest.json';
    const title = optionalInput('title') ?? 'Tests';
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new StepError(
        'REPORT_INVALID',
        `No test report at ${path}: the test run crashed before reporting.`,
        {
          cause,
        },
      );
    }
    const { counts, failures } = readTestReport(text, process.cwd());
    core.setOutput('passed', String(counts.passed));
    core.setOutput('failed', String(counts.failed));
    core.setOutput('skipped', String(counts.skipped));
    for (const failure of failures.slice(0, MAX_LISTED_FAILURES)) {
      core.error(`${failure.name}: ${failure.message}`, {
        title: 'Test failed',
        file: failure.file,
        ...(failure.line !== undefined ? { startLine: failure.line } : {}),
      });
    }
    const summary = core.summary.addHeading(`${title}: ${formatCountsLine(counts)}`, 3).addTable([
      [
        { data: 'Passed', header: true },
        { data: 'Failed', header: true },
        { data: 'Skipped', header: true },
      ],
      [String(counts.passed), String(counts.failed), String(counts.skipped)],
    ]);
    if (failures.length > 0) {
      summary.addTable([
        [
          { data: 'Failed test', header: true },
          { data: 'File', header: true },
          { data: 'First line of the failure', header: true },
        ],
        ...failures
          .slice(0, MAX_LISTED_FAILURES)
          .map((f) => [f.name, f.line === undefined ? f.file : `${f.file}:${f.line}`, f.message]),
      ]);
      if (failures.length > MAX_LISTED_FAILURES) {
        summary.addRaw(`and ${failures.length - MAX_LISTED_FAILURES} more failed tests.`, true);
      }
    }
    await summary.write();
  });
}
