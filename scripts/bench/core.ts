/**
 * `npm run -s bench [-- --size-mb 100 --runs 3 --rss-small-mb 10 --rss-large-mb 1024 --formats strong,hevy]`
 *
 * For each format, generates a ~size-mb export (cached in $TMPDIR/workout-bench) and measures,
 * each in its own process on the same file: raw csv-parse in array mode counting records (the
 * baseline), the core end to end (detect, parse, normalize, validate, group, hash), and
 * pandas.read_csv from .venv. Then the core's peak RSS on a small and a large Strong export.
 * Prints figures side by side; it asserts nothing. Env: BENCH_SIZE_MB, BENCH_RUNS,
 * BENCH_RSS_SMALL_MB, BENCH_RSS_LARGE_MB, BENCH_FORMATS.
 *
 * The workers run from an esbuild bundle of this file with plain node, as the Lambda runs
 * its bundle: no TypeScript loader in the timings or the RSS. Baseline and core alternate
 * `runs` times and the medians are compared, so a busy machine slows both alike rather than
 * whichever happened to run during the busy moment.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { delimiterOf, GENERATOR_FORMATS, type GeneratorFormat } from '../lib/generate/index.js';
import type { Figures } from './core-worker.js';
import { BENCH_DIR, bundleWorker, ensureExport, HERE, inWorker, MB, ROOT } from './workers.js';

/** The run with the median rows/s (the upper one of an even count). */
const median = (runs: readonly Figures[]): Figures => {
  const sorted = [...runs].sort((a, b) => a.rows / a.seconds - b.rows / b.seconds);
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
};

const rate = (f: Figures): number => f.rows / f.seconds;

const pandas = (file: string, format: GeneratorFormat): Figures | string => {
  const python = join(ROOT, '.venv', 'bin', 'python');
  if (!existsSync(python)) return 'no .venv';
  try {
    const out = execFileSync(python, [join(HERE, 'pandas_read.py'), file, delimiterOf(format)], {
      encoding: 'utf8',
    });
    return JSON.parse(out.trim()) as Figures;
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
};

const mbps = (bytes: number, f: Figures): string => (bytes / MB / f.seconds).toFixed(1);
const krows = (f: Figures): string => (f.rows / f.seconds / 1000).toFixed(0);
const mib = (bytes: number): string => (bytes / MB).toFixed(0);

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      'size-mb': { type: 'string' },
      runs: { type: 'string' },
      'rss-small-mb': { type: 'string' },
      'rss-large-mb': { type: 'string' },
      formats: { type: 'string' },
    },
  });
  const sizeMb = Number(values['size-mb'] ?? process.env.BENCH_SIZE_MB ?? 100);
  const runs = Math.max(1, Number(values.runs ?? process.env.BENCH_RUNS ?? 3));
  const smallMb = Number(values['rss-small-mb'] ?? process.env.BENCH_RSS_SMALL_MB ?? 10);
  const largeMb = Number(values['rss-large-mb'] ?? process.env.BENCH_RSS_LARGE_MB ?? 1024);
  const formats = (values.formats ?? process.env.BENCH_FORMATS ?? GENERATOR_FORMATS.join(','))
    .split(',')
    .filter((f): f is GeneratorFormat => (GENERATOR_FORMATS as readonly string[]).includes(f));
  const dir = BENCH_DIR;
  mkdirSync(dir, { recursive: true });
  const worker = await bundleWorker(dir);

  console.log(
    `node ${process.version}; exports of ~${sizeMb} MB in ${dir}; median of ${runs} alternating runs\n`,
  );
  console.log(
    '| format | MB | rows | csv-parse rows/s | core rows/s | core/baseline | ratio per run | core MB/s | core split only rows/s | core peak RSS | pandas rows/s | pandas peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const format of formats) {
    const file = await ensureExport(dir, format, sizeMb);
    const bytes = statSync(file).size;
    const pairs = Array.from({ length: runs }, () => ({
      base: inWorker(worker, 'baseline', file, format),
      ours: inWorker(worker, 'core', file, format),
      split: inWorker(worker, 'split', file, format),
    }));
    const base = median(pairs.map((p) => p.base));
    const ours = median(pairs.map((p) => p.ours));
    const split = median(pairs.map((p) => p.split));
    const perRun = pairs.map((p) => `${((rate(p.ours) / rate(p.base)) * 100).toFixed(0)}%`).join(' ');
    const pd = pandas(file, format);
    const pdCols = typeof pd === 'string' ? [pd, ''] : [`${krows(pd)}k`, `${mib(pd.peakRss)} MB`];
    console.log(
      `| ${format} | ${mib(bytes)} | ${ours.rows} | ${krows(base)}k | ${krows(ours)}k | ${((rate(ours) / rate(base)) * 100).toFixed(0)}% | ${perRun} | ${mbps(bytes, ours)} | ${krows(split)}k | ${mib(ours.peakRss)} MB | ${pdCols.join(' | ')} |`,
    );
  }

  console.log('\n| core peak RSS (strong) | size | rows | seconds | peak RSS |');
  console.log('|---|---|---|---|---|');
  const rss: number[] = [];
  for (const size of [smallMb, largeMb]) {
    const file = await ensureExport(dir, 'strong', size);
    const f = inWorker(worker, 'core', file, 'strong');
    rss.push(f.peakRss);
    console.log(
      `| ${size} MB | ${mib(statSync(file).size)} MB | ${f.rows} | ${f.seconds.toFixed(1)} | ${mib(f.peakRss)} MB |`,
    );
  }
  console.log(
    `\npeak RSS growth ${smallMb} MB -> ${largeMb} MB: ${mib((rss[1] ?? 0) - (rss[0] ?? 0))} MB (target: within 64 MB)`,
  );
};

await main();
