/**
 * Prints `N passed, N failed[, N skipped]` from a vitest JSON report.
 * Usage: tsx scripts/test-counts.ts [reports/vitest.json]
 */
import { readFileSync } from 'node:fs';
import { countsFromVitestReport, formatCountsLine } from './lib/test-counts.js';

const path = process.argv[2] ?? 'reports/vitest.json';
try {
  console.log(formatCountsLine(countsFromVitestReport(readFileSync(path, 'utf8'))));
} catch (error) {
  console.error(`test-counts: cannot read ${path}: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
}
