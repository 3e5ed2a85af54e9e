/**
 * `npm run -s generate -- --format strong --sessions 100 [--seed 7] [--bad-rows 3] [--out FILE]`
 * writes a realistic, deterministic export to stdout or FILE.
 */
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  GENERATOR_FORMATS,
  type GenerateOptions,
  type GeneratorFormat,
  generateExport,
} from './lib/generate/index.js';

export const USAGE = `usage: npm run -s generate -- --format ${GENERATOR_FORMATS.join('|')} --sessions N [--seed S] [--bad-rows R] [--out FILE]`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const wholeNumber = (raw: string | undefined, flag: string, fallback?: number): number => {
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`${flag} is required`);
  }
  if (!/^\d+$/.test(raw)) throw new UsageError(`${flag} must be a whole number, got '${raw}'`);
  return Number(raw);
};

export const parseGenerateArgs = (argv: readonly string[]): GenerateOptions & { out: string | undefined } => {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string' },
        sessions: { type: 'string' },
        seed: { type: 'string' },
        'bad-rows': { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const format = values.format;
  if (typeof format !== 'string' || !(GENERATOR_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${GENERATOR_FORMATS.join(', ')}`);
  }
  return {
    format: format as GeneratorFormat,
    sessions: wholeNumber(values.sessions as string | undefined, '--sessions'),
    seed: wholeNumber(values.seed as string | undefined, '--seed', 1),
    badRows: wholeNumber(values['bad-rows'] as string | undefined, '--bad-rows', 0),
    out: values.out as string | undefined,
  };
};

/** Writes the export; resolves when every byte is flushed. */
export const writeExport = async (options: GenerateOptions, sink: NodeJS.WritableStream): Promise<void> => {
  let batch = '';
  for (const piece of generateExport(options)) {
    batch += piece;
    if (batch.length >= 1 << 16) {
      if (!sink.write(batch)) await new Promise((resolve) => sink.once('drain', resolve));
      batch = '';
    }
  }
  sink.write(batch);
};

export const run = async (
  argv: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> => {
  let options: ReturnType<typeof parseGenerateArgs>;
  try {
    options = parseGenerateArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n${USAGE}\n`);
    return 1;
  }
  if (options.out === undefined) {
    await writeExport(options, io.stdout);
    return 0;
  }
  const file = createWriteStream(options.out);
  await writeExport(options, file);
  await new Promise<void>((resolve, reject) =>
    file.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return 0;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run(process.argv.slice(2));
}
