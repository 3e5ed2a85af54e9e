/**
 * The local copy of what each upload wrote. The emulator's buckets go when it stops, so
 * every output a report lists (report, silver, rejects; any output added later, such as
 * gold, too) is copied into a local folder under its key in the processed bucket. The
 * folder is made and checked before the emulator starts, so a bad --out fails at once.
 */
import { constants, createWriteStream } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { PipelineClients } from '../lib/emulator-pipeline.js';
import { MainJobError } from './errors.js';

/** The folder (in the project) that holds one folder per run when --out is not given. */
export const DEFAULT_OUT_DIR = 'out';

/** A run's folder name: its start time in UTC, safe in every file system (`2026-12-02T05-10-00Z`). */
export function runId(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/**
 * Makes the folder the outputs go to and checks it is writable: `outDir` (relative to
 * `cwd`) when given, else a new `out/<run id>/` in the project (`-2`, `-3`... when a run
 * started in the same second). Returns its absolute path.
 */
export async function prepareOutDir(options: {
  readonly outDir: string | undefined;
  readonly cwd: string;
  readonly projectRoot: string;
  readonly now: Date;
}): Promise<string> {
  if (options.outDir !== undefined) {
    const dir = resolve(options.cwd, options.outDir);
    await writableFolder(dir, `--out ${options.outDir}`, () => makeFolder(dir));
    return dir;
  }
  const parent = join(options.projectRoot, DEFAULT_OUT_DIR);
  const id = runId(options.now);
  for (let n = 1; ; n++) {
    const dir = join(parent, n === 1 ? id : `${id}-${n}`);
    try {
      await writableFolder(dir, `The output folder ${dir}`, async () => {
        await makeFolder(parent);
        await mkdir(dir);
      });
      return dir;
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== 'EEXIST') throw error;
    }
  }
}

async function writableFolder(dir: string, label: string, make: () => Promise<unknown>): Promise<void> {
  try {
    await make();
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? String(cause);
    throw new MainJobError(
      'OUTPUT_NOT_WRITABLE',
      `${label}: cannot create or write to this folder (${code}). Give a folder you can write to, e.g. npm start -- --out /tmp/workouts`,
      { cause },
    );
  }
}

/**
 * `mkdir -p`, one level at a time. Node's own `mkdir(dir, { recursive: true })` never
 * returns for a folder that cannot exist below an existing one (`/proc/x` on Linux: it
 * retries ENOENT forever), and --out must fail with a message instead.
 */
export async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EEXIST' && (await stat(dir)).isDirectory()) return;
    const parent = dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw error;
    await makeFolder(parent);
    await mkdir(dir);
  }
}

export interface LocalOutput {
  /** The report's name for it: report, silver, rejects. */
  readonly name: string;
  /** Its key in the processed bucket. */
  readonly key: string;
  /** The absolute path of the local copy. */
  readonly path: string;
}

/** Copies every output the report lists from `bucket` to `<dir>/<key>`, byte for byte. */
export async function copyOutputs(
  clients: PipelineClients,
  bucket: string,
  outputs: Readonly<Record<string, string | null>>,
  dir: string,
): Promise<LocalOutput[]> {
  const copied: LocalOutput[] = [];
  for (const [name, key] of Object.entries(outputs)) {
    if (!key) continue;
    const path = localPathOf(dir, key);
    const { Body } = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!Body) throw new Error(`GetObject s3://${bucket}/${key} returned no body`);
    await makeFolder(dirname(path));
    await pipeline(Body as Readable, createWriteStream(path));
    copied.push({ name, key, path });
  }
  return copied;
}

/** `<dir>/<key>`; a key that would leave `dir` (none the pipeline writes) is refused. */
export function localPathOf(dir: string, key: string): string {
  const path = resolve(dir, key);
  if (!path.startsWith(`${resolve(dir)}${sep}`)) throw new Error(`output key '${key}' leaves ${dir}`);
  return path;
}

/** A path as a person should read it: relative to where they ran npm start, when inside it. */
export function shownPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
