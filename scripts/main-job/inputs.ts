/**
 * Which files the job uploads, and under which keys. Checked before the emulator starts,
 * so a wrong path fails in a second with the path in the message.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { resourceNames } from '../../stacks/config/naming.js';
import type { PipelineNames } from '../lib/emulator-pipeline.js';
import { MainJobError } from './errors.js';

export const SAMPLES_DIR = 'samples';

export interface InputFile {
  readonly path: string;
  /** As the person gave it (or relative to the project, for samples). */
  readonly label: string;
  /** Object key in the ingest bucket. */
  readonly key: string;
}

/** The environment's names as the stacks define them, each with `-<suffix>` when given. */
export function localNames(nameSuffix?: string): PipelineNames {
  const names = resourceNames('emulator');
  const named = (name: string) => (nameSuffix ? `${name}-${nameSuffix}` : name);
  return {
    buckets: { ingest: named(names.buckets.ingest), processed: named(names.buckets.processed) },
    tables: {
      sessions: named(names.tables.sessions),
      idempotency: named(names.tables.idempotency),
      goldMarks: named(names.tables.goldMarks),
    },
    topics: { summary: named(names.topics.summary) },
    uploadsPrefix: names.uploadsPrefix,
    uploadSuffixes: names.uploadSuffixes,
  };
}

export async function resolveInputs(
  files: readonly string[],
  options: { cwd: string; projectRoot: string; athlete: string; names: PipelineNames },
): Promise<{ inputs: InputFile[]; fromSamples: boolean }> {
  const fromSamples = files.length === 0;
  const paths = fromSamples
    ? await samplePaths(options.projectRoot, options.names.uploadSuffixes)
    : await userPaths(files, options.cwd, options.names.uploadSuffixes);
  const used = new Set<string>();
  const inputs = paths.map(({ path, label }) => {
    const name = uniqueName(basename(path), used);
    return { path, label, key: `${options.names.uploadsPrefix}${options.athlete}/${name}` };
  });
  return { inputs, fromSamples };
}

async function samplePaths(projectRoot: string, suffixes: readonly string[]) {
  const dir = join(projectRoot, SAMPLES_DIR);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const paths = entries
    .filter((entry) => entry.isFile() && suffixes.some((suffix) => entry.name.endsWith(suffix)))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ path: join(dir, name), label: relative(projectRoot, join(dir, name)) }));
  if (paths.length === 0) {
    throw new MainJobError(
      'NO_SAMPLES',
      `No sample exports (${suffixes.join(', ')}) in ${dir}. Give your own files instead: npm start -- path/to/export.csv`,
    );
  }
  return paths;
}

async function userPaths(files: readonly string[], cwd: string, suffixes: readonly string[]) {
  const paths = [];
  for (const file of files) {
    const path = resolve(cwd, file);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      throw new MainJobError(
        'FILE_NOT_FOUND',
        `File not found: ${file} (looked at ${path}). Check the path; to run the shipped samples, leave out the file names: npm start`,
      );
    }
    if (!info.isFile()) {
      throw new MainJobError(
        'FILE_NOT_FOUND',
        `${file} is not a file. Give the path of an exported .csv or .jsonl file.`,
      );
    }
    if (!suffixes.some((suffix) => path.endsWith(suffix))) {
      throw new MainJobError(
        'UNSUPPORTED_FILE_NAME',
        `${file}: only keys ending in ${suffixes.join(' or ')} trigger the pipeline (the ingest bucket's notification filter, as in AWS). Copy or rename it, e.g. to ${basename(path, extname(path))}.csv, and run again.`,
      );
    }
    paths.push({ path, label: file });
  }
  return paths;
}

/** Two files with one name (from different folders) must not overwrite each other's key. */
function uniqueName(name: string, used: Set<string>): string {
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${stem}-${n}${ext}`;
  used.add(candidate);
  return candidate;
}
