/**
 * `npm run -s bench [-- --size-mb 100 --rss-small-mb 10 --rss-large-mb 1024 --formats strong,hevy]`
 *
 * For each format, generates a ~size-mb export (cached in $TMPDIR/workout-bench) and measures,
 * each in its own process on the same file: raw csv-parse in array mode counting records (the
 * baseline), the core end to end (detect, parse, normalize, validate, group, hash), and
 * pandas.read_csv from .venv. Then the core's peak RSS on a small and a large Strong export.
 * Prints figures side by side; it asserts nothing. Env: BENCH_SIZE_MB, BENCH_RSS_SMALL_MB,
 * BENCH_RSS_LARGE_MB, BENCH_FORMATS.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Parser } from 'csv-parse';
import { summarizeExport } from '../../lambda/src/core/index.js';
import { writeExport } from '../generate.js';
import { GENERATOR_FORMATS, type GeneratorFormat, generateText } from '../lib/generate/index.js';

interface Figures {
  readonly rows: number;
  readonly seconds: number;
  readonly peakRss: number;
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '..', '..');
const MB = 1024 * 1024;
const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

const delimiterOf = (format: GeneratorFormat): string => (format === 'strong' ? ';' : ',');

/** Worker: raw csv-parse, array mode, records counted only. */
const baseline = async (file: string, format: GeneratorFormat): Promise<Figures> => {
  const start = performance.now();
  let rows = 0;
  const parser = createReadStream(file).pipe(
    new Parser({ delimiter: delimiterOf(format), bom: true, relax_column_count: true, relax_quotes: true }),
  );
  for await (const _ of parser) rows++;
  return { rows: rows - 1, seconds: (performance.now() - start) / 1000, peakRss: peakRss() };
};

/** Worker: the core end to end. */
const core = async (file: string): Promise<Figures> => {
  const start = performance.now();
  const report = await summarizeExport(createReadStream(file, { highWaterMark: 256 * 1024 }), {
    athlete: 'bench',
    timezone: 'Europe/Berlin',
    maxRejectedShare: 0.1,
  });
  if (report.status !== 'ok') throw new Error(`core rejected ${file}: ${report.reason}`);
  return { rows: report.rows, seconds: (performance.now() - start) / 1000, peakRss: peakRss() };
};

const ensureExport = async (dir: string, format: GeneratorFormat, sizeMb: number): Promise<string> => {
  const file = join(dir, `${format}-${sizeMb}mb.csv`);
  if (existsSync(file)) return file;
  const perSession = Buffer.byteLength(generateText({ format, sessions: 400, seed: 42 })) / 400;
  const sessions = Math.max(1, Math.round((sizeMb * MB) / perSession));
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  await writeExport({ format, sessions, seed: 42 }, out);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  renameSync(partial, file);
  return file;
};

const inWorker = (mode: 'baseline' | 'core', file: string, format: GeneratorFormat): Figures => {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', mode, '--file', file, '--format', format],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: MB },
  );
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures;
};

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
      'rss-small-mb': { type: 'string' },
      'rss-large-mb': { type: 'string' },
      formats: { type: 'string' },
    },
  });
  const sizeMb = Number(values['size-mb'] ?? process.env.BENCH_SIZE_MB ?? 100);
  const smallMb = Number(values['rss-small-mb'] ?? process.env.BENCH_RSS_SMALL_MB ?? 10);
  const largeMb = Number(values['rss-large-mb'] ?? process.env.BENCH_RSS_LARGE_MB ?? 1024);
  const formats = (values.formats ?? process.env.BENCH_FORMATS ?? GENERATOR_FORMATS.join(','))
    .split(',')
    .filter((f): f is GeneratorFormat => (GENERATOR_FORMATS as readonly string[]).includes(f));
  const dir = join(tmpdir(), 'workout-bench');
  mkdirSync(dir, { recursive: true });

  console.log(`node ${process.version}; exports of ~${sizeMb} MB in ${dir}\n`);
  console.log(
    '| format | MB | rows | csv-parse rows/s | core rows/s | core/baseline | core MB/s | core peak RSS | pandas rows/s | pandas peak RSS |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const format of formats) {
    const file = await ensureExport(dir, format, sizeMb);
    const bytes = statSync(file).size;
    const base = inWorker('baseline', file, format);
    const ours = inWorker('core', file, format);
    const pd = pandas(file, format);
    const pdCols = typeof pd === 'string' ? [pd, ''] : [`${krows(pd)}k`, `${mib(pd.peakRss)} MB`];
    console.log(
      `| ${format} | ${mib(bytes)} | ${ours.rows} | ${krows(base)}k | ${krows(ours)}k | ${((ours.rows / ours.seconds / (base.rows / base.seconds)) * 100).toFixed(0)}% | ${mbps(bytes, ours)} | ${mib(ours.peakRss)} MB | ${pdCols.join(' | ')} |`,
    );
  }

  console.log('\n| core peak RSS (strong) | size | rows | seconds | peak RSS |');
  console.log('|---|---|---|---|---|');
  const rss: number[] = [];
  for (const size of [smallMb, largeMb]) {
    const file = await ensureExport(dir, 'strong', size);
    const f = inWorker('core', file, 'strong');
    rss.push(f.peakRss);
    console.log(
      `| ${size} MB | ${mib(statSync(file).size)} MB | ${f.rows} | ${f.seconds.toFixed(1)} | ${mib(f.peakRss)} MB |`,
    );
  }
  console.log(
    `\npeak RSS growth ${smallMb} MB -> ${largeMb} MB: ${mib((rss[1] ?? 0) - (rss[0] ?? 0))} MB (target: within 64 MB)`,
  );
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: { worker: { type: 'string' }, file: { type: 'string' }, format: { type: 'string' } },
    strict: false,
  });
  if (typeof values.worker === 'string') {
    const file = String(values.file);
    const format = String(values.format) as GeneratorFormat;
    const figures = values.worker === 'baseline' ? await baseline(file, format) : await core(file);
    console.log(JSON.stringify(figures));
  } else {
    await main();
  }
}
