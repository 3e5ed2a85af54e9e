/**
 * `npm run -s bench:instructions [-- --formats fitnotes,strong]`
 *
 * Counts the machine instructions that raw csv-parse (the baseline of `npm run bench`) and the
 * core spend per row of the same export, with valgrind's callgrind and a single-threaded node.
 * Why: on a shared machine the timings of one process swing 20-30% from one minute to the
 * next, so a 5% change to the core cannot be seen in `npm run bench`; these counts repeat
 * within 1-3%. They are not time: memory stalls, and the GC threads a normal node has, are
 * not in them. Use them to compare two versions of the core; use `npm run bench` for speed.
 *
 * Per row = (instructions on the first 3 MB - instructions on the first 1 MB) / (rows in the
 * 3 MB head - rows in the 1 MB head), so node's startup and most JIT warm-up cancel out.
 */
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readSync, writeFileSync } from 'node:fs';
import { parseArgs, promisify } from 'node:util';
import { GENERATOR_FORMATS, type GeneratorFormat } from '../lib/generate/index.js';
import type { Figures } from './core-worker.js';
import { BENCH_DIR, bundleWorker, ensureExport, MB, ROOT, type WorkerMode } from './workers.js';

const run = promisify(execFile);

/** The first `mb` megabytes of `file`, cut after the last whole line. */
const head = (file: string, mb: number): string => {
  const out = file.replace(/\.csv$/, `.head-${mb}mb.csv`);
  if (existsSync(out)) return out;
  const bytes = Buffer.alloc(mb * MB);
  const fd = openSync(file, 'r');
  const read = readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  writeFileSync(out, bytes.subarray(0, bytes.lastIndexOf(0x0a, read - 1) + 1));
  return out;
};

interface Count {
  readonly rows: number;
  readonly instructions: number;
}

const count = async (worker: string, mode: WorkerMode, file: string, format: string): Promise<Count> => {
  const { stdout, stderr } = await run(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      process.execPath,
      '--single-threaded',
      worker,
      '--worker',
      mode,
      '--file',
      file,
      '--format',
      format,
    ],
    { cwd: ROOT, maxBuffer: 16 * MB },
  );
  const collected = /Collected : (\d+)/.exec(stderr)?.[1];
  if (collected === undefined) throw new Error(`callgrind printed no instruction count for ${mode} ${file}`);
  const figures = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Figures;
  return { rows: figures.rows, instructions: Number(collected) };
};

/** Instructions per row between the 1 MB and the 3 MB head (both counted at once). */
const perRow = async (worker: string, mode: WorkerMode, small: string, large: string, format: string) => {
  const [a, b] = await Promise.all([count(worker, mode, small, format), count(worker, mode, large, format)]);
  return (b.instructions - a.instructions) / (b.rows - a.rows);
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({ options: { formats: { type: 'string' } } });
  const formats = (values.formats ?? GENERATOR_FORMATS.join(','))
    .split(',')
    .filter((f): f is GeneratorFormat => (GENERATOR_FORMATS as readonly string[]).includes(f));
  try {
    await run('valgrind', ['--version']);
  } catch {
    console.error('bench:instructions needs valgrind on the PATH (Debian: apt-get install valgrind).');
    process.exitCode = 1;
    return;
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  const worker = await bundleWorker(BENCH_DIR, 'instructions-worker.mjs');
  console.log(`node ${process.version}; instructions per row, callgrind, node --single-threaded\n`);
  console.log('| format | csv-parse instructions/row | core instructions/row | baseline/core |');
  console.log('|---|---|---|---|');
  for (const format of formats) {
    const file = await ensureExport(BENCH_DIR, format, 10);
    const small = head(file, 1);
    const large = head(file, 3);
    const base = await perRow(worker, 'baseline', small, large, format);
    const core = await perRow(worker, 'core', small, large, format);
    const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;
    console.log(`| ${format} | ${k(base)} | ${k(core)} | ${((base / core) * 100).toFixed(0)}% |`);
  }
};

await main();
