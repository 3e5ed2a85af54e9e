/**
 * `npm start`: the whole pipeline on the embedded emulator, as a newcomer's first command.
 * Emulator (installed on first run) -> the 'emulator' environment's resources, named by
 * stacks/config -> bundled handler -> each export uploaded, its real S3 event delivered to
 * the handler -> per file what the pipeline made of it -> totals -> emulator stopped.
 */
import { rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HandlerResult } from '../../lambda/src/app.js';
import { ENVIRONMENTS } from '../../stacks/config/environments.js';
import { resourceNames } from '../../stacks/config/naming.js';
import { BUNDLE_FILE, bundleLambda, GOLD_BUNDLE_FILE, GOLD_ENTRY, LAMBDA_ENTRY } from '../lib/bundle.js';
import { type Emulator, startEmulator } from '../lib/emulator.js';
import {
  type EmulatorPipeline,
  emulatorClients,
  type PipelineClients,
  type PipelineNames,
  provisionPipeline,
} from '../lib/emulator-pipeline.js';
import { ToolingError } from '../lib/errors.js';
import { type MainJobOptions, parseMainJobArgs, USAGE } from './args.js';
import { MainJobError } from './errors.js';
import { type FileResult, formatFileResult, formatTotals, plural, totalsOf } from './format.js';
import { type GoldInvoke, runGoldPhase } from './gold-phase.js';
import { type InputFile, localNames, resolveInputs } from './inputs.js';
import {
  awaitS3Event,
  lambdaContext,
  loadBundledHandler,
  outcomeFor,
  readReport,
  SummaryInbox,
  uploadExport,
} from './local-pipeline.js';
import { copyOutputs, prepareOutDir, shownPath } from './outputs.js';
import { ensureEmulatorInstalled } from './setup.js';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface MainJobIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where relative file arguments start; npm runs scripts in the package root, so INIT_CWD first. */
  readonly cwd?: string;
  readonly projectRoot?: string;
  readonly io?: MainJobIo;
}

const consoleIo: MainJobIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs the job; resolves to the exit code (0 all files processed, 1 usage or setup error). */
export async function run(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const io = options.io ?? consoleIo;
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const session: JobSession = {};
  try {
    const args = parseMainJobArgs(argv);
    if (args.help) {
      io.out(USAGE);
      return 0;
    }
    const cwd = options.cwd ?? env.INIT_CWD ?? process.cwd();
    await runJob(args, { env, io, projectRoot, cwd, session });
    return 0;
  } catch (error) {
    for (const line of describeFailure(error, env)) io.err(line);
    // A run that failed before it copied anything leaves no empty out/<run id>/ behind.
    if (session.createdOutDir) await rmdir(session.createdOutDir).catch(() => undefined);
    return 1;
  } finally {
    const { emulator } = session;
    if (emulator?.kind === 'moto') {
      io.out('Stopping the emulator.');
      await emulator.stop();
    } else if (emulator) {
      io.out(`Left the emulator at ${emulator.endpoint} running (it was given by AWS_ENDPOINT_URL).`);
    }
  }
}

interface JobContext {
  readonly env: NodeJS.ProcessEnv;
  readonly io: MainJobIo;
  readonly projectRoot: string;
  readonly cwd: string;
  /** Holds the emulator as soon as it runs, so `run` stops it whatever happens next. */
  readonly session: JobSession;
}

interface JobSession {
  emulator?: Emulator;
  /** The out/<run id>/ folder this run made (not a --out folder the person named). */
  createdOutDir?: string;
}

async function runJob(args: MainJobOptions, context: JobContext): Promise<void> {
  const { env, io, projectRoot, session } = context;
  const names = localNames(args.nameSuffix);
  const { inputs, fromSamples } = await resolveInputs(args.files, {
    cwd: context.cwd,
    projectRoot,
    athlete: args.athlete,
    names,
  });
  // Made (and checked writable) before anything is installed or started.
  const outDir = await prepareOutDir({
    outDir: args.outDir,
    cwd: context.cwd,
    projectRoot,
    now: new Date(),
  });
  if (args.outDir === undefined) session.createdOutDir = outDir;
  const what = fromSamples
    ? `${plural(inputs.length, 'sample export')} from samples/`
    : plural(inputs.length, 'export');
  const timezone =
    args.timezone ?? `${ENVIRONMENTS.emulator.function.defaultTimezone} (the function's default)`;
  io.out(
    `Workout pipeline, locally: ${what} for athlete '${args.athlete}', local times in ${timezone}${args.twice ? ', uploaded twice' : ''}.`,
  );
  io.out('');
  quietNodeVersionWarning(env, io);
  await ensureEmulatorInstalled({ projectRoot, env, onProgress: io.out });
  const emulator = await startEmulator({ projectRoot, env, onProgress: io.out });
  session.emulator = emulator;
  Object.assign(process.env, emulator.env);
  const clients = emulatorClients();
  const pipeline = await provision(names, clients, emulator, args, io);
  io.out('Bundling the Lambda handlers (esbuild): uploads and the gold run...');
  const invoke: Invoke = await loadEntry(UPLOADS_ENTRY, emulator, pipeline, args, context);
  const gold: GoldInvoke = await loadEntry(GOLD_ENTRY_POINT, emulator, pipeline, args, context);
  const deps: FileDeps = {
    clients,
    pipeline,
    invoke,
    inbox: new SummaryInbox(clients, pipeline.summariesQueueUrl),
    metadata: args.timezone === undefined ? {} : { timezone: args.timezone },
    outDir,
    cwd: context.cwd,
  };

  const passes = args.twice ? 2 : 1;
  const totals: string[] = [];
  for (let pass = 1; pass <= passes; pass++) {
    io.out('');
    io.out(passHeading(pass, passes, inputs.length, names, args.athlete));
    const results: FileResult[] = [];
    for (const input of inputs) {
      const result = await processFile(input, deps);
      io.out('');
      for (const line of formatFileResult(result)) io.out(line);
      results.push(result);
    }
    totals.push(formatTotals(passes > 1 ? `Pass ${pass} total` : 'Total', totalsOf(results)));
  }
  io.out('');
  for (const line of totals) io.out(line);
  io.out('');
  const goldLines = await runGoldPhase(args.date, {
    clients,
    processedBucket: names.buckets.processed,
    invoke: gold,
    outDir,
    cwd: context.cwd,
  });
  for (const line of goldLines) io.out(line);
  io.out('');
  io.out(
    `Outputs copied to ${shownPath(outDir, context.cwd)}/ (report, silver sessions and rejects of each upload, under their keys in s3://${names.buckets.processed}/).`,
  );
  io.out(closingHint(args, fromSamples));
}

type Invoke = (event: unknown) => Promise<HandlerResult>;

/** One entry point of the image, bundled as the image ships it and loaded as its function runs it. */
interface EntryPoint {
  readonly entry: string;
  readonly outfile: string;
  readonly functionName: string;
}

const UPLOADS_ENTRY: EntryPoint = {
  entry: LAMBDA_ENTRY,
  outfile: BUNDLE_FILE,
  functionName: resourceNames('emulator').function,
};
/** The gold entry point: the same image, another file (gold-handler.handler). */
const GOLD_ENTRY_POINT: EntryPoint = {
  entry: GOLD_ENTRY,
  outfile: GOLD_BUNDLE_FILE,
  functionName: resourceNames('emulator').gold.function,
};

async function loadEntry<E, R>(
  point: EntryPoint,
  emulator: Emulator,
  pipeline: EmulatorPipeline,
  args: MainJobOptions,
  { env, io, projectRoot }: JobContext,
): Promise<(event: E) => Promise<R>> {
  // Runs with a name suffix (tests sharing one emulator) must not overwrite each other's bundle.
  const outfile = args.nameSuffix
    ? join(tmpdir(), `workout-pipeline-main-job-${args.nameSuffix}`, basename(point.outfile))
    : point.outfile;
  const bundle = await bundleLambda(projectRoot, outfile, point.entry);
  const shown = bundle.file.startsWith(projectRoot) ? relative(projectRoot, bundle.file) : bundle.file;
  io.out(`  ${shown}, ${(bundle.bytes / 1024 / 1024).toFixed(1)} MB`);
  const functionName = args.nameSuffix ? `${point.functionName}-${args.nameSuffix}` : point.functionName;
  const handler = await loadBundledHandler<(event: E, context: unknown) => Promise<R>>(bundle.file, {
    ...emulator.env,
    ...pipeline.functionEnv,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    POWERTOOLS_LOG_LEVEL: env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // The function's EMF metric lines are for CloudWatch; here they would interleave with
    // the per-file results. POWERTOOLS_METRICS_DISABLED=false shows them.
    POWERTOOLS_METRICS_DISABLED: env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  return (event) => handler(event, lambdaContext(functionName, emulator.region));
}

async function provision(
  names: PipelineNames,
  clients: PipelineClients,
  emulator: Emulator,
  args: MainJobOptions,
  io: MainJobIo,
): Promise<EmulatorPipeline> {
  io.out(
    `Creating the resources of the stacks' 'emulator' environment (names from stacks/config${args.nameSuffix ? `, suffix -${args.nameSuffix}` : ''}):`,
  );
  let pipeline: EmulatorPipeline;
  try {
    pipeline = await provisionPipeline(names, clients);
  } catch (cause) {
    throw new MainJobError(
      'EMULATOR_UNUSABLE',
      `The emulator at ${emulator.endpoint} answered, but creating the pipeline's resources failed: ${(cause as Error).message}. If AWS_ENDPOINT_URL points at something other than an AWS emulator (moto, LocalStack), unset it so npm start runs its own.`,
      { cause },
    );
  }
  const rows: [string, string][] = [
    [
      'ingest bucket',
      `${names.buckets.ingest} (versioned; notifies on ${names.uploadsPrefix}*${names.uploadSuffixes.join(', *')})`,
    ],
    ['processed bucket', names.buckets.processed],
    ['sessions table', names.tables.sessions],
    ['idempotency table', names.tables.idempotency],
    ['gold marks table', names.tables.goldMarks],
    ['summary topic', `${names.topics.summary} (subscribed: an SQS queue, read below as a person's inbox)`],
  ];
  for (const [what, name] of rows) io.out(`  ${what.padEnd(18)} ${name}`);
  return pipeline;
}

interface FileDeps {
  readonly clients: PipelineClients;
  readonly pipeline: EmulatorPipeline;
  readonly invoke: Invoke;
  readonly inbox: SummaryInbox;
  /** x-amz-meta-* of every upload (timezone, when --timezone was given). */
  readonly metadata: Readonly<Record<string, string>>;
  /** Where each upload's outputs are copied. */
  readonly outDir: string;
  /** Paths are shown relative to it. */
  readonly cwd: string;
}

async function processFile(input: InputFile, deps: FileDeps): Promise<FileResult> {
  const { clients, pipeline } = deps;
  const { ingest, processed } = pipeline.names.buckets;
  const uploaded = await uploadExport(clients, ingest, input, deps.metadata);
  const event = await awaitS3Event(clients, pipeline, uploaded);
  const outcome = outcomeFor(await deps.invoke(event), input.key);
  const report = await readReport(clients, processed, outcome.reportKey as string);
  const summary = outcome.published ? await deps.inbox.take(outcome.uploadId) : undefined;
  const copies = await copyOutputs(clients, processed, report.outputs, deps.outDir);
  return {
    label: input.label,
    ingestUri: `s3://${ingest}/${input.key}`,
    processedBucket: processed,
    report,
    published: outcome.published,
    summary,
    copies: Object.fromEntries(copies.map(({ name, path }) => [name, shownPath(path, deps.cwd)])),
  };
}

function passHeading(
  pass: number,
  passes: number,
  files: number,
  names: PipelineNames,
  athlete: string,
): string {
  const what = `Uploading ${plural(files, 'file')} to s3://${names.buckets.ingest}/${names.uploadsPrefix}${athlete}/ and handing each S3 event to the handler`;
  if (passes === 1) return `${what}:`;
  return pass === 1
    ? `Pass 1 of ${passes}. ${what}:`
    : `Pass ${pass} of ${passes}: the same files again, as a new export of the whole history would be; no session already stored is new again:`;
}

function closingHint(args: MainJobOptions, fromSamples: boolean): string {
  const hints = [];
  if (!args.twice) hints.push('npm start -- --twice (upload again: 0 new)');
  if (fromSamples) hints.push('npm start -- path/to/your-export.csv');
  hints.push('npm start -- --help');
  return `Next: ${hints.join('; ')}.`;
}

/**
 * The AWS SDK warns in eight lines on Node < 22 (README, "The emulator"); one line is enough
 * in the middle of a newcomer's first run.
 */
function quietNodeVersionWarning(env: NodeJS.ProcessEnv, io: MainJobIo): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22 || env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED) return;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  io.out(`Note: Node ${process.versions.node} works; AWS SDK releases after January 2027 need Node 22.`);
}

/** The lines printed for a failure: what went wrong and what to do next. */
export function describeFailure(error: unknown, env: NodeJS.ProcessEnv): string[] {
  if (error instanceof MainJobError) return [`npm start: ${error.message}`];
  if (error instanceof ToolingError) {
    const next: Record<string, string> = {
      EMULATOR_NOT_INSTALLED: "Run 'npm run venv', then npm start again.",
      EMULATOR_START_FAILED:
        'If it says the address is in use, another program took the port; run npm start again (it picks a free port each time). Otherwise reinstall the emulator: rm -rf .venv && npm run venv.',
      EMULATOR_NOT_READY: env.AWS_ENDPOINT_URL
        ? `Start the emulator at AWS_ENDPOINT_URL (${env.AWS_ENDPOINT_URL}), or unset AWS_ENDPOINT_URL so npm start runs its own.`
        : 'The machine may be busy; run npm start again. If it repeats, reinstall the emulator: rm -rf .venv && npm run venv.',
      INVALID_ENDPOINT: 'Fix AWS_ENDPOINT_URL (e.g. http://127.0.0.1:4566) or unset it.',
    };
    return [`npm start: ${error.message}`, `What to do: ${next[error.code] ?? 'see the message above.'}`];
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return [
    'npm start failed unexpectedly:',
    detail,
    'Run it again; if it repeats, open an issue with this output.',
  ];
}
