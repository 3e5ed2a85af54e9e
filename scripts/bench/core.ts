/**
 * `npm run -s bench [-- --size-mb 100 --runs 3 --rss-small-mb 10 --rss-large-mb 1024 --formats strong,hevy]`
 *
 * For each format, generates a ~size-mb export (cached in $TMPDIR/workout-bench) and measures,
 * each in its own process on the same file: the core end to end (detect, parse, normalize,
 * validate, group, hash), the core's own first stage alone (splitting records), pandas
 * read_csv (tokenizing only), the same job as the core's done in pandas
 * (scripts/bench/pandas_job.py, checked to agree with the core by
 * tests/integration/bench/pandas-job.test.ts) and raw csv-parse (a reference). Then the
 * core's peak RSS on a small, a main-size and a large Strong export. It prints figures; it
 * asserts nothing.
 * Env: BENCH_SIZE_MB, BENCH_RUNS, BENCH_RSS_SMALL_MB, BENCH_RSS_LARGE_MB, BENCH_FORMATS.
 *
 * Rates are rows per CPU second of the measured work in its own process (user + system,
 * process start and imports excluded): on shared machines wall time swings 2-13x with other
 * load, CPU time stays within about 10%. Wall rates are printed beside them. The peers run
 * in turn `runs` times, so a busy moment slows one round of all of them, and each round's
 * ratios are printed as well as the medians'. `npm run bench:instructions` stays the
 * arbiter of a change to the core. The Node workers run from an esbuild bundle with plain
 * node, as the Lambda runs its bundle: no TypeScript loader in the timings or the RSS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { delimiterOf, GENERATOR_FORMATS, type GeneratorFormat } from '../lib/generate/index.js';
import type { Figures } from './core-worker.js';
import { BENCH_DIR, bundleWorker, ensureExport, HERE, inWorker, MB, ROOT } from './workers.js';

const PEERS = ['core', 'split', 'readCsv', 'pandasJob', 'csvParse'] as const;
type Peer = (typeof PEERS)[number];
type Round = Record<Peer, Figures | string>;

/** Rows per CPU second; per wall second with `wall`. */
const rate = (f: Figures, wall = false): number => f.rows / (wall ? f.seconds : f.cpuSeconds);

/** The median of the rates a peer had over the rounds (the upper one of an even count). */
const medianRate = (rounds: readonly Round[], peer: Peer, wall = false): number | undefined => {
  const rates = rounds
    .map((r) => r[peer])
    .filter((f): f is Figures => typeof f !== 'string')
    .map((f) => rate(f, wall))
    .sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
};

const python = (script: string, args: readonly string[]): Figures | string => {
  const binary = join(ROOT, '.venv', 'bin', 'python');
  if (!existsSync(binary)) return 'no .venv';
  try {
    const out = execFileSync(binary, [join(HERE, script), ...args], { encoding: 'utf8', maxBuffer: MB });
    return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures;
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
};

const round = (worker: string, file: string, format: GeneratorFormat): Round => ({
  core: inWorker(worker, 'core', file, format),
  split: inWorker(worker, 'split', file, format),
  readCsv: python('pandas_read.py', [file, delimiterOf(format)]),
  pandasJob: python('pandas_job.py', [file, format, '--athlete', 'bench', '--timezone', 'Europe/Berlin']),
  csvParse: inWorker(worker, 'baseline', file, format),
});

const krows = (rowsPerSecond: number | undefined): string =>
  rowsPerSecond === undefined ? 'n/a' : `${(rowsPerSecond / 1000).toFixed(0)}k`;
const percent = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? 'n/a' : `${((a / b) * 100).toFixed(0)}%`;
const times = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? 'n/a' : `${(a / b).toFixed(1)}x`;
const mib = (bytes: number): string => (bytes / MB).toFixed(0);
const peakOf = (rounds: readonly Round[], peer: Peer): number | undefined => {
  const peaks = rounds.map((r) => r[peer]).filter((f): f is Figures => typeof f !== 'string');
  return peaks.length === 0 ? undefined : Math.max(...peaks.map((f) => f.peakRss));
};
const perRound = (rounds: readonly Round[], peer: Peer, asTimes: boolean): string =>
  rounds
    .map((r) => {
      const [ours, theirs] = [r.core, r[peer]];
      if (typeof ours === 'string' || typeof theirs === 'string') return 'n/a';
      return asTimes ? times(rate(ours), rate(theirs)) : percent(rate(ours), rate(theirs));
    })
    .join(' ');

/**
 * The core's peak RSS on Strong exports of these sizes. The middle size shows where V8's
 * heap has reached its steady size (it is still growing at 10 MB), so the growth past it
 * is what the file's size itself costs.
 */
const peakRssBySize = async (worker: string, dir: string, requested: readonly number[]): Promise<void> => {
  const sizes = [...new Set(requested)].sort((a, b) => a - b);
  console.log('\n| core peak RSS (strong) | size | rows | CPU seconds | peak RSS |');
  console.log('|---|---|---|---|---|');
  const rss: number[] = [];
  for (const size of sizes) {
    const file = await ensureExport(dir, 'strong', size);
    const f = inWorker(worker, 'core', file, 'strong');
    rss.push(f.peakRss);
    console.log(
      `| ${size} MB | ${mib(statSync(file).size)} MB | ${f.rows} | ${f.cpuSeconds.toFixed(1)} | ${mib(f.peakRss)} MB |`,
    );
  }
  const last = rss.at(-1) ?? 0;
  console.log(
    `\npeak RSS growth ${sizes[0]} MB -> ${sizes.at(-1)} MB: ${mib(last - (rss[0] ?? 0))} MB (target: within 64 MB)`,
  );
  if (sizes.length === 3)
    console.log(`peak RSS growth ${sizes[1]} MB -> ${sizes[2]} MB: ${mib(last - (rss[1] ?? 0))} MB`);
};

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
    `node ${process.version}; exports of ~${sizeMb} MB in ${dir}; rows per CPU second, median of ${runs} rounds\n`,
  );
  console.log(
    '| format | MB | rows | core rows/s | core wall rows/s | split rows/s | core / split | read_csv rows/s | core / read_csv | pandas job rows/s | core / pandas job | csv-parse rows/s | core peak RSS | pandas job peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const failures: string[] = [];
  for (const format of formats) {
    const file = await ensureExport(dir, format, sizeMb);
    const rounds = Array.from({ length: runs }, () => round(worker, file, format));
    for (const r of rounds) {
      for (const peer of PEERS)
        if (typeof r[peer] === 'string') failures.push(`${format} ${peer}: ${r[peer]}`);
    }
    const rows = rounds.map((r) => r.core).find((f): f is Figures => typeof f !== 'string')?.rows ?? 0;
    const [core, split, readCsv, job] = (['core', 'split', 'readCsv', 'pandasJob'] as const).map((p) =>
      medianRate(rounds, p),
    );
    const [corePeak, jobPeak] = [peakOf(rounds, 'core'), peakOf(rounds, 'pandasJob')];
    console.log(
      `| ${format} | ${mib(statSync(file).size)} | ${rows} | ${krows(core)} | ${krows(medianRate(rounds, 'core', true))} | ${krows(split)} | ${percent(core, split)} | ${krows(readCsv)} | ${percent(core, readCsv)} | ${krows(job)} | ${times(core, job)} | ${krows(medianRate(rounds, 'csvParse'))} | ${corePeak === undefined ? 'n/a' : `${mib(corePeak)} MB`} | ${jobPeak === undefined ? 'n/a' : `${mib(jobPeak)} MB`} |`,
    );
    console.log(
      `|   per round | | | | | | ${perRound(rounds, 'split', false)} | | ${perRound(rounds, 'readCsv', false)} | | ${perRound(rounds, 'pandasJob', true)} | | | |`,
    );
  }
  for (const failure of failures) console.log(`not measured: ${failure}`);

  await peakRssBySize(worker, dir, [smallMb, sizeMb, largeMb]);
};

await main();
