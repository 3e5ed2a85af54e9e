/**
 * What the benchmarks share: the generated exports they measure (cached in
 * $TMPDIR/workout-bench, deterministic for their size) and the bundled worker
 * (core-worker.ts) that each measurement runs in, with plain node as the Lambda runs.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeExport } from '../generate.js';
import { type GeneratorFormat, generateText } from '../lib/generate/index.js';
import type { Figures } from './core-worker.js';

export const HERE = fileURLToPath(new URL('.', import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const MB = 1024 * 1024;
export const BENCH_DIR = join(tmpdir(), 'workout-bench');

export type WorkerMode = 'baseline' | 'split' | 'core';

export const ensureExport = async (dir: string, format: GeneratorFormat, sizeMb: number): Promise<string> => {
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

/** Bundles this file once, so workers run as plain node on JavaScript (see the top). */
export const bundleWorker = async (dir: string, name = 'core-worker.mjs'): Promise<string> => {
  const outfile = join(dir, name);
  await build({
    entryPoints: [join(HERE, 'core-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // esbuild inlines CommonJS packages; give them require() for Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  return outfile;
};

export const inWorker = (
  worker: string,
  mode: WorkerMode,
  file: string,
  format: GeneratorFormat,
): Figures => {
  const out = execFileSync(process.execPath, [worker, '--worker', mode, '--file', file, '--format', format], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: MB,
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Figures;
};
