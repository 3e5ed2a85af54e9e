/**
 * `npm run -s bench:instructions [-- --formats fitnotes,strong]`
 *
 * Counts the machine instructions that raw csv-parse (a reference), the core's split stage
 * alone and the core end to end spend per row of the same export, with valgrind's callgrind
 * and a single-threaded node with a fixed GC schedule, and how many of the core's are
 * SHA-256 (Node's one-shot crypto.hash, inclusive: string to UTF-8, digest, hex). Split
 * plus hashing is a floor no rework of the rest of the core goes below while ids and
 * content hashes stay as they are.
 * Why: on a shared machine the timings of one process swing 20-30% from one minute to the
 * next, so a 5% change to the core cannot be seen in `npm run bench`; these counts repeat
 * within about 1%. They are not time: memory stalls, and the GC threads a normal node has,
 * are not in them. Use them to compare two versions of the core; use `npm run bench` for
 * speed.
 *
 * Per row = (instructions on the first 4 MB - instructions on the first 2 MB) / (rows in the
 * 4 MB head - rows in the 2 MB head), so node's startup and most JIT warm-up cancel out.
 * Both heads hold more sessions than the grouper keeps open (1000; Strong's 1 MB holds
 * 833): with a 1 MB and a 3 MB head, as before 2026-12-04, the difference also counted
 * the open window filling up and its first closes being compiled, 7k of Strong's 40k per
 * row, a cost a longer file does not have (CPU time on 100 MB is the same with a window of
 * 2 sessions as of 1000).
 */
import { execFile } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** Inclusive instructions of node::crypto::Hash::OneShotDigest (crypto.hash). */
  readonly hashing: number;
}

/** The inclusive count of crypto.hash's native side in a callgrind output file (0 if absent). */
const hashingIn = async (profile: string): Promise<number> => {
  const { stdout } = await run('callgrind_annotate', ['--inclusive=yes', profile], { maxBuffer: 64 * MB });
  const line = stdout.split('\n').find((l) => l.includes('node::crypto::Hash::OneShotDigest'));
  return line === undefined ? 0 : Number(line.trim().split(/\s+/)[0]?.replaceAll(',', '') ?? 0);
};

const count = async (worker: string, mode: WorkerMode, file: string, format: string): Promise<Count> => {
  const dir = mkdtempSync(join(tmpdir(), 'callgrind-'));
  const profile = join(dir, 'out');
  const { stdout, stderr } = await run(
    'valgrind',
    [
      '--tool=callgrind',
      `--callgrind-out-file=${profile}`,
      process.execPath,
      '--single-threaded',
      // V8 sizes its heap and schedules GC from allocation rates measured in wall time, so
      // under valgrind one build's count per row swung 10-17% from run to run (Strong 41.7k
      // to 49.6k); with the schedule fixed, repeated runs agree within about 1%.
      '--predictable-gc-schedule',
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
  const hashing = await hashingIn(profile);
  rmSync(dir, { recursive: true, force: true });
  return { rows: figures.rows, instructions: Number(collected), hashing };
};

/** Instructions per row between the 2 MB and the 4 MB head (both counted at once). */
const perRow = async (
  worker: string,
  mode: WorkerMode,
  small: string,
  large: string,
  format: string,
): Promise<{ instructions: number; hashing: number }> => {
  const [a, b] = await Promise.all([count(worker, mode, small, format), count(worker, mode, large, format)]);
  const rows = b.rows - a.rows;
  return { instructions: (b.instructions - a.instructions) / rows, hashing: (b.hashing - a.hashing) / rows };
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
  console.log(
    '| format | csv-parse | core split only | core | of which SHA-256 | floor: split + SHA-256 | core / floor |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const format of formats) {
    const file = await ensureExport(BENCH_DIR, format, 10);
    const small = head(file, 2);
    const large = head(file, 4);
    const base = await perRow(worker, 'baseline', small, large, format);
    const split = await perRow(worker, 'split', small, large, format);
    const core = await perRow(worker, 'core', small, large, format);
    const floor = split.instructions + core.hashing;
    const k = (n: number): string => `${(n / 1000).toFixed(1)}k`;
    console.log(
      `| ${format} | ${k(base.instructions)} | ${k(split.instructions)} | ${k(core.instructions)} | ${k(core.hashing)} | ${k(floor)} | ${(core.instructions / floor).toFixed(2)}x |`,
    );
  }
};

await main();
