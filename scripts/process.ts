/**
 * `npm run -s process -- [--dry-run] [--json] [--out DIR] [--athlete NAME] [--timezone TZ] FILE...`
 *
 * Runs the domain core over local export files and prints, per file, the format recognised
 * and the counts (or one JSON document per file with --json). Exit codes: 0 every file was
 * processed (rejected rows included), 2 a file was rejected as a whole, 1 usage error or an
 * unreadable file.
 *
 * It also writes what the Lambda would store, into DIR (default `processed`):
 * `<name>.sessions.jsonl`, the clean sessions one JSON per line as in silver (the core
 * reads it back as JSON Lines), and `<name>.rejected.csv`, every rejected row with its line,
 * code and reason, when there are any. Both are written whole or not at all: a file
 * rejected as a whole leaves nothing (and removes an older result of the same name).
 * --dry-run reads and reports only.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MAX_REJECTED_SHARE,
  DEFAULT_UNITS,
  type ExportReport,
  processExport,
  type UnitDefaults,
} from '../lambda/src/core/index.js';
import { DISTANCE_UNITS, distanceUnitOf, WEIGHT_UNITS, weightUnitOf } from '../lambda/src/core/units.js';
import { REJECTS_CSV_HEADER, rejectsCsvRow } from '../lambda/src/core/upload-report.js';
import { TIMEZONE_OPTION_HELP, timezoneOptionProblem } from './lib/timezone-option.js';

export const USAGE =
  'usage: npm run -s process -- [--dry-run] [--json] [--out DIR] [--athlete NAME] [--timezone TZ] [--weight-unit kg|lbs] [--distance-unit km|mi|m] [--max-rejected-share 0..1] FILE...';

export const HELP = `${USAGE}

Runs the pipeline's core over local export files (Strong, Hevy, FitNotes, MapMyFitness,
canonical CSV or JSON Lines) and prints, per file, the format recognised and the counts.

  --dry-run                 read and report only; write nothing
  --json                    one JSON document per file instead of text
  --out DIR                 where results go (default: processed): <name>.sessions.jsonl
                            and, when rows were rejected, <name>.rejected.csv
  --athlete NAME            the athlete the sessions belong to (default: local)
  --timezone TZ             ${TIMEZONE_OPTION_HELP} (default: UTC)
  --weight-unit U           unit of a weight column whose header names none, as the
                            app was set (Strong's unitless Weight): kg or lbs (default: kg)
  --distance-unit U         likewise for distance (Strong, Garmin): km, mi or m (default: km)
  --max-rejected-share S    refuse a file when more than this share of its rows is
                            rejected (default: ${DEFAULT_MAX_REJECTED_SHARE}, as in the Lambda)
  --help                    this text

Exit codes: 0 every file was processed, 2 a file was rejected as a whole, 1 a usage error
or an unreadable file.`;

export interface ProcessArgs {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly dryRun: boolean;
  /** Where results are written (unless dryRun). */
  readonly outDir: string;
  readonly athlete: string;
  readonly timezone: string;
  readonly maxRejectedShare: number;
  readonly units: UnitDefaults;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Thrown by parseProcessArgs for --help: not an error, the caller prints HELP and exits 0. */
export class HelpRequested extends Error {
  override readonly name = 'HelpRequested';
}

export const parseProcessArgs = (argv: readonly string[]): ProcessArgs => {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: {
        json: { type: 'boolean' };
        'dry-run': { type: 'boolean' };
        out: { type: 'string' };
        athlete: { type: 'string' };
        timezone: { type: 'string' };
        'max-rejected-share': { type: 'string' };
        'weight-unit': { type: 'string' };
        'distance-unit': { type: 'string' };
        help: { type: 'boolean'; short: 'h' };
      };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        out: { type: 'string' },
        athlete: { type: 'string' },
        timezone: { type: 'string' },
        'max-rejected-share': { type: 'string' },
        'weight-unit': { type: 'string' },
        'distance-unit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) throw new HelpRequested();
  if (positionals.length === 0) throw new UsageError('give at least one FILE');
  const timezone = values.timezone ?? 'UTC';
  const timezoneProblem = timezoneOptionProblem(timezone);
  if (timezoneProblem !== undefined) throw new UsageError(timezoneProblem);
  const athlete = values.athlete ?? 'local';
  if (athlete.trim() === '') throw new UsageError('--athlete must not be empty');
  const share = Number(values['max-rejected-share'] ?? DEFAULT_MAX_REJECTED_SHARE);
  if (!(share >= 0 && share <= 1)) throw new UsageError('--max-rejected-share must be a number from 0 to 1');
  const units = unitsOf(values['weight-unit'], values['distance-unit']);
  const dryRun = values['dry-run'] ?? false;
  const outDir = values.out ?? 'processed';
  if (outDir.trim() === '') throw new UsageError('--out must not be empty');
  if (!dryRun) {
    const seen = new Map<string, string>();
    for (const file of positionals) {
      const earlier = seen.get(resultName(file));
      if (earlier !== undefined) {
        throw new UsageError(
          `${earlier} and ${file} would write the same results in ${outDir}; process them in separate runs with different --out, or use --dry-run`,
        );
      }
      seen.set(resultName(file), file);
    }
  }
  return {
    files: positionals,
    json: values.json ?? false,
    dryRun,
    outDir,
    athlete,
    timezone,
    maxRejectedShare: share,
    units,
  };
};

/** --weight-unit and --distance-unit, checked against the units the core converts. */
const unitsOf = (weight?: string, distance?: string): UnitDefaults => {
  const w = weight === undefined ? DEFAULT_UNITS.weight : weightUnitOf(weight);
  if (w === undefined)
    throw new UsageError(`--weight-unit '${weight}' is not one of ${WEIGHT_UNITS.join(', ')}`);
  const d = distance === undefined ? DEFAULT_UNITS.distance : distanceUnitOf(distance);
  if (d === undefined)
    throw new UsageError(`--distance-unit '${distance}' is not one of ${DISTANCE_UNITS.join(', ')}`);
  return { weight: w, distance: d };
};

/** The name results are written under: the input's file name without its extension. */
const resultName = (file: string): string => basename(file).replace(/\.[^.]*$/, '') || basename(file);

/** Paths of the files written for one input. */
export interface Written {
  readonly sessions: string;
  /** Null when no row was rejected. */
  readonly rejected: string | null;
}

/** The per-file JSON document of --json. */
export const toJsonDocument = (file: string, r: ExportReport, written?: Written) => ({
  file,
  format: r.format,
  variant: r.variant,
  assumedUnits: r.assumedUnits,
  rows: r.rows,
  sets: r.sets,
  sessions: r.sessions,
  skipped: r.skipped,
  duplicates: r.duplicates,
  rejected: r.rejected.map(({ line, code, message }) => ({ line, code, message })),
  status: r.status,
  ...(r.status === 'rejected' ? { code: r.code, reason: r.reason } : {}),
  ...(written !== undefined ? { written } : {}),
});

export const formatText = (file: string, r: ExportReport, written?: Written): string => {
  const lines = [`${file}: ${r.status === 'ok' ? 'ok' : 'REJECTED'}`];
  if (r.format !== null) lines.push(`  format     ${r.format} (${r.variant})`);
  const assumed = Object.entries(r.assumedUnits).map(([quantity, unit]) => `${quantity} ${unit}`);
  if (assumed.length > 0) lines.push(`  units      ${assumed.join(', ')} (assumed: the header names none)`);
  lines.push(
    `  rows       ${r.rows}`,
    `  sessions   ${r.sessions}`,
    `  sets       ${r.sets}`,
    `  skipped    ${r.skipped}${
      Object.keys(r.skippedByReason).length > 0
        ? ` (${Object.entries(r.skippedByReason)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : ''
    }`,
    `  duplicates ${r.duplicates}`,
    `  rejected   ${r.rejectedCount}`,
  );
  for (const issue of r.rejected) lines.push(`    ${issue.code.padEnd(20)} ${issue.message}`);
  if (r.rejectedCount > r.rejected.length)
    lines.push(`    ... and ${r.rejectedCount - r.rejected.length} more`);
  if (r.status === 'rejected') lines.push(`  reason     ${r.code}: ${r.reason}`);
  if (written !== undefined) {
    lines.push(`  written    ${written.sessions}`);
    if (written.rejected !== null) lines.push(`             ${written.rejected}`);
  }
  return lines.join('\n');
};

interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

const describeFsError = (file: string, error: unknown): string => {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
  return `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
};

export const run = async (argv: readonly string[], io: Io = process): Promise<number> => {
  let args: ProcessArgs;
  try {
    args = parseProcessArgs(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n${USAGE}\n`);
    return 1;
  }
  if (!args.dryRun) {
    // Made once up front, so a bad --out is reported as such and not as an unreadable input.
    try {
      await mkdir(args.outDir, { recursive: true });
    } catch (error) {
      io.stderr.write(
        `--out ${args.outDir}: cannot create the folder for results (${(error as { code?: string }).code ?? String(error)})\n`,
      );
      return 1;
    }
  }
  let exit = 0;
  for (const file of args.files) {
    let result: { report: ExportReport; written?: Written };
    try {
      if ((await stat(file)).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      result = await processFile(file, args);
    } catch (error) {
      io.stderr.write(`${describeFsError(file, error)}\n`);
      exit = Math.max(exit, 1);
      continue;
    }
    const { report, written } = result;
    io.stdout.write(
      `${args.json ? JSON.stringify(toJsonDocument(file, report, written)) : formatText(file, report, written)}\n`,
    );
    if (report.status === 'rejected') exit = 2;
  }
  return exit;
};

/** Runs the core over one file; unless dryRun, streams its results to `.partial` files first. */
const processFile = async (
  file: string,
  args: ProcessArgs,
): Promise<{ report: ExportReport; written?: Written }> => {
  const options = {
    athlete: args.athlete,
    timezone: args.timezone,
    maxRejectedShare: args.maxRejectedShare,
    units: args.units,
    sourceName: file,
    maxRejectedListed: 1000,
  };
  if (args.dryRun) {
    const result = processExport(createReadStream(file), options);
    for await (const _ of result.sessions) {
      // counted in the report
    }
    return { report: await result.report };
  }
  const final = {
    sessions: join(args.outDir, `${resultName(file)}.sessions.jsonl`),
    rejected: join(args.outDir, `${resultName(file)}.rejected.csv`),
  };
  const sessionsOut = createWriteStream(`${final.sessions}.partial`);
  const rejectedOut = createWriteStream(`${final.rejected}.partial`);
  rejectedOut.write(REJECTS_CSV_HEADER);
  let report: ExportReport;
  try {
    const result = processExport(createReadStream(file), {
      ...options,
      // Every rejected row, not only the ones the report lists.
      onRejected: (issue) => rejectedOut.write(rejectsCsvRow(issue)),
    });
    for await (const session of result.sessions) {
      if (!sessionsOut.write(`${JSON.stringify(session)}\n`)) await once(sessionsOut, 'drain');
    }
    report = await result.report;
  } catch (error) {
    // A read that failed half-way leaves no half result, and keeps an older complete one.
    await Promise.all([close(sessionsOut), close(rejectedOut)]);
    await Promise.all([
      rm(`${final.sessions}.partial`, { force: true }),
      rm(`${final.rejected}.partial`, { force: true }),
    ]);
    throw error;
  }
  await Promise.all([close(sessionsOut), close(rejectedOut)]);
  // Sessions of a file rejected as a whole are provisional (pipeline.ts): keep nothing.
  const keep = {
    sessions: report.status === 'ok',
    rejected: report.status === 'ok' && report.rejectedCount > 0,
  };
  await settle(final.sessions, keep.sessions);
  await settle(final.rejected, keep.rejected);
  return keep.sessions
    ? { report, written: { sessions: final.sessions, rejected: keep.rejected ? final.rejected : null } }
    : { report };
};

/** Moves `<path>.partial` over `path`, or removes both when the result is not kept. */
const settle = async (path: string, keep: boolean): Promise<void> => {
  if (keep) await rename(`${path}.partial`, path);
  else await Promise.all([rm(`${path}.partial`, { force: true }), rm(path, { force: true })]);
};

const close = (stream: ReturnType<typeof createWriteStream>): Promise<void> =>
  new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run(process.argv.slice(2));
}
