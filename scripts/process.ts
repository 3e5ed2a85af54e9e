/**
 * `npm run -s process -- [--dry-run] [--json] [--athlete NAME] [--timezone TZ] FILE...`
 *
 * Runs the domain core over local export files and prints, per file, the format recognised
 * and the counts (or one JSON document per file with --json). Exit codes: 0 every file was
 * processed (rejected rows included), 2 a file was rejected as a whole, 1 usage error or an
 * unreadable file. The CLI never writes anything; --dry-run is accepted for symmetry with
 * the Lambda and changes nothing here.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isValidTimezone } from '../lambda/src/core/dates.js';
import { type ExportReport, summarizeExport } from '../lambda/src/core/index.js';

export const USAGE =
  'usage: npm run -s process -- [--dry-run] [--json] [--athlete NAME] [--timezone TZ] [--max-rejected-share 0..1] FILE...';

export interface ProcessArgs {
  readonly files: readonly string[];
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly athlete: string;
  readonly timezone: string;
  readonly maxRejectedShare: number;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const parseProcessArgs = (argv: readonly string[]): ProcessArgs => {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: {
        json: { type: 'boolean' };
        'dry-run': { type: 'boolean' };
        athlete: { type: 'string' };
        timezone: { type: 'string' };
        'max-rejected-share': { type: 'string' };
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
        athlete: { type: 'string' },
        timezone: { type: 'string' },
        'max-rejected-share': { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new UsageError('give at least one FILE');
  const timezone = values.timezone ?? 'UTC';
  if (!isValidTimezone(timezone))
    throw new UsageError(`--timezone '${timezone}' is not an IANA timezone (like Europe/Berlin)`);
  const athlete = values.athlete ?? 'local';
  if (athlete.trim() === '') throw new UsageError('--athlete must not be empty');
  const share = Number(values['max-rejected-share'] ?? '0.1');
  if (!(share >= 0 && share <= 1)) throw new UsageError('--max-rejected-share must be a number from 0 to 1');
  return {
    files: positionals,
    json: values.json ?? false,
    dryRun: values['dry-run'] ?? false,
    athlete,
    timezone,
    maxRejectedShare: share,
  };
};

/** The per-file JSON document of --json. */
export const toJsonDocument = (file: string, r: ExportReport) => ({
  file,
  format: r.format,
  variant: r.variant,
  rows: r.rows,
  sets: r.sets,
  sessions: r.sessions,
  skipped: r.skipped,
  duplicates: r.duplicates,
  rejected: r.rejected.map(({ line, code, message }) => ({ line, code, message })),
  status: r.status,
  ...(r.status === 'rejected' ? { code: r.code, reason: r.reason } : {}),
});

export const formatText = (file: string, r: ExportReport): string => {
  const lines = [`${file}: ${r.status === 'ok' ? 'ok' : 'REJECTED'}`];
  if (r.format !== null) lines.push(`  format     ${r.format} (${r.variant})`);
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
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${error.message}\n${USAGE}\n`);
    return 1;
  }
  let exit = 0;
  for (const file of args.files) {
    let report: ExportReport;
    try {
      if ((await stat(file)).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      report = await summarizeExport(createReadStream(file), {
        athlete: args.athlete,
        timezone: args.timezone,
        maxRejectedShare: args.maxRejectedShare,
        sourceName: file,
        maxRejectedListed: 1000,
      });
    } catch (error) {
      io.stderr.write(`${describeFsError(file, error)}\n`);
      exit = Math.max(exit, 1);
      continue;
    }
    io.stdout.write(
      `${args.json ? JSON.stringify(toJsonDocument(file, report)) : formatText(file, report)}\n`,
    );
    if (report.status === 'rejected') exit = 2;
  }
  return exit;
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await run(process.argv.slice(2));
}
