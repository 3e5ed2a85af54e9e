/**
 * `npm run bench:bundle`: builds the Lambda bundle, prints its size and largest inputs, and
 * its cold import time in a fresh Node process next to the import time of an empty module
 * measured the same way in the same run (the baseline: process start and ESM loader cost).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleLambda, largestInputs } from '../lib/bundle.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);

function importMillis(file: string, env: NodeJS.ProcessEnv): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`importing ${file} failed:\n${result.stderr.slice(-2_000)}`);
  return Number(result.stdout);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const { file, bytes, metafile } = await bundleLambda();
const empty = join(mkdtempSync(join(tmpdir(), 'bench-')), 'empty.mjs');
writeFileSync(empty, 'export {};\n');
const env = {
  PATH: process.env.PATH,
  AWS_REGION: 'us-east-1',
  PROCESSED_BUCKET: 'bench',
  SESSIONS_TABLE: 'bench',
  IDEMPOTENCY_TABLE: 'bench',
  GOLD_MARKS_TABLE: 'bench',
  SUMMARY_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:bench',
  AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1',
};
const baseline: number[] = [];
const bundle: number[] = [];
for (let i = 0; i < RUNS; i++) {
  baseline.push(importMillis(empty, env));
  bundle.push(importMillis(file, env));
}

console.log(`Lambda bundle: ${file}`);
console.log(
  `  size            ${(bytes / 1024).toFixed(0)} KiB (minified, one ESM file, AWS SDK v3 included)`,
);
console.log(
  '  largest inputs  ' +
    largestInputs(metafile, 6)
      .map((i) => `${i.path} ${(i.bytes / 1024).toFixed(0)} KiB`)
      .join(', '),
);
console.log(`\nCold import, median of ${RUNS} fresh node ${process.version} processes:`);
console.log('  what                      ms');
console.log(`  empty module (baseline)   ${median(baseline).toFixed(1)}`);
console.log(`  handler bundle            ${median(bundle).toFixed(1)}`);
console.log(`  bundle minus baseline     ${(median(bundle) - median(baseline)).toFixed(1)}`);
