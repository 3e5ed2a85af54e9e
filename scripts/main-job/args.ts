/**
 * Command line of the main job. Pure: argv in, options or a MainJobError('USAGE') out.
 */
import { parseArgs } from 'node:util';
import { isDay } from '../../lambda/src/core/gold/index.js';
import { ENVIRONMENTS } from '../../stacks/config/environments.js';
import { TIMEZONE_OPTION_HELP, timezoneOptionProblem } from '../lib/timezone-option.js';
import { MainJobError } from './errors.js';

export interface MainJobOptions {
  /** Exports to process; empty means the samples in samples/. */
  readonly files: readonly string[];
  /** `uploads/<athlete>/...`: whose history the uploads are. @default 'demo' */
  readonly athlete: string;
  /** Runs the upload pass twice in one emulator session, to show the dedupe. */
  readonly twice: boolean;
  /** Appended to every resource name (`<name>-<suffix>`), so runs in one emulator stay apart. */
  readonly nameSuffix: string | undefined;
  /**
   * IANA timezone of the local times in the files, sent as each upload's
   * `x-amz-meta-timezone`; undefined leaves it to the function's DEFAULT_TIMEZONE.
   */
  readonly timezone: string | undefined;
  /** Where the outputs are copied; undefined means out/<run id>/ in the project. */
  readonly outDir: string | undefined;
  /** The gold phase reprocesses this day instead of running as scheduled. */
  readonly date: string | undefined;
  readonly help: boolean;
}

export const DEFAULT_ATHLETE = 'demo';

export const USAGE = `usage: npm start [-- [options] [FILE...]]

Runs the whole pipeline locally: starts the AWS emulator (moto, from ./.venv; installed on
the first run), creates the resources the stacks define for the 'emulator' target with
the same names, bundles the Lambda handler, uploads each export to
s3://<ingest bucket>/uploads/<athlete>/<file name>, hands the S3 event the bucket
notification produced to the handler, prints per file what the pipeline made of it, runs
the bundled gold entry point on what was stored (the daily run, or --date's reprocess),
and copies what each upload and the gold run wrote (reports, silver sessions, rejects,
gold files) out of the emulator into a local folder, keeping the processed bucket's keys.

  FILE...              your own exports (.csv or .jsonl) instead of the samples in samples/

options:
  --twice              upload the same files a second time in the same emulator session:
                       the second pass finds every session already stored (0 new)
  --athlete NAME       the athlete the uploads belong to (default: demo)
  --timezone TZ        ${TIMEZONE_OPTION_HELP}, sent with each upload
                       as x-amz-meta-timezone (default: the function's, ${ENVIRONMENTS.emulator.function.defaultTimezone})
  --out DIR            where the outputs are copied (default: out/<date and time>/ in
                       the project, which git ignores)
  --date YYYY-MM-DD    after the uploads, reprocess gold for that day and its week (as
                       reprocess.yml does) instead of the daily run's marked weeks;
                       npm run report -- --date YYYY-MM-DD is the same
  --name-suffix S      append -S to every resource name, so several runs can share one
                       emulator without meeting (tests use it; lower-case letters, digits, -)
  -h, --help           show this help

environment:
  AWS_ENDPOINT_URL     use the emulator already running there (e.g. LocalStack) and leave
                       it running; otherwise moto is started on a free loopback port and
                       stopped at the end

exit status: 0 when every file was processed (a rejected file is a result, not a failure),
1 on a usage or setup error (the message says what to do).`;

const ATHLETE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SUFFIX = /^[a-z0-9][a-z0-9-]{0,19}$/;

export function parseMainJobArgs(argv: readonly string[]): MainJobOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new MainJobError('USAGE', `${(error as Error).message}. See 'npm start -- --help'.`);
  }
  const { values, positionals } = parsed;
  const athlete = values.athlete ?? DEFAULT_ATHLETE;
  if (!ATHLETE.test(athlete)) {
    throw new MainJobError(
      'USAGE',
      `--athlete '${athlete}' must be 1-64 letters, digits, '.', '_' or '-' (it becomes a path segment of the S3 key).`,
    );
  }
  const { timezone } = values;
  const timezoneProblem = timezone === undefined ? undefined : timezoneOptionProblem(timezone);
  if (timezoneProblem !== undefined) throw new MainJobError('USAGE', `${timezoneProblem}.`);
  const outDir = values.out;
  if (outDir !== undefined && outDir.trim() === '') {
    throw new MainJobError('USAGE', '--out must name a folder (leave it out for out/<date and time>/).');
  }
  const nameSuffix = values['name-suffix'];
  if (nameSuffix !== undefined && !SUFFIX.test(nameSuffix)) {
    throw new MainJobError(
      'USAGE',
      `--name-suffix '${nameSuffix}' must be 1-20 lower-case letters, digits or '-' (bucket names allow no more).`,
    );
  }
  const { date } = values;
  if (date !== undefined && !isDay(date)) {
    throw new MainJobError(
      'USAGE',
      `--date '${date}' must be a calendar day written YYYY-MM-DD, such as 2024-09-18 (a day of the samples).`,
    );
  }
  return {
    files: positionals,
    date,
    athlete,
    twice: values.twice ?? false,
    nameSuffix,
    timezone,
    outDir,
    help: values.help ?? false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      twice: { type: 'boolean' },
      athlete: { type: 'string' },
      'name-suffix': { type: 'string' },
      timezone: { type: 'string' },
      out: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: true,
  });
}
