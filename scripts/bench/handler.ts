/**
 * `npm run bench:handler [-- --sessions 20000 --format strong --skip-first-upload --node-flags=...]`
 *
 * The Lambda handler over a large generated export against the emulator, next to a baseline
 * from the same run on the same object: streaming it from S3 through raw csv-parse (array
 * mode). Each measurement runs in a fresh process so peak RSS is its own. Three runs: the
 * baseline, a first upload (every session new: conditional writes and the silver file), and
 * a re-upload of the same export under another key (every session unchanged: batched reads
 * only).
 *
 * Flags: --sessions N (default 20000); --format strong|hevy|fitnotes|mapmyfitness|canonical;
 * --skip-first-upload stores the export's sessions straight into the table (BatchWriteItem,
 * as an earlier upload would have) instead of running the first upload, which on moto is
 * bound by its PutItem rate (~130/s), so the re-upload of a 100 MB export is measured in
 * minutes; --node-flags passes flags to the measured processes (say --max-old-space-size=96
 * to check that a large export fits a small heap).
 *
 * Each handler run prints the AWS requests it made per 1,000 sessions, counted by a
 * middleware on the SDK clients (by operation; with the SDK's own retries in brackets).
 *
 * Each run prints peak RSS and the peak heap right after a full GC (what is still
 * referenced), and per tenth of the run: RSS, that live heap and array buffers (socket and
 * multipart part buffers). Memory that grew with the file would show as a live heap rising
 * over the run; V8 letting garbage pile up before a full GC shows only in RSS.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { processExport } from '../../lambda/src/core/pipeline.js';
import { startEmulator } from '../lib/emulator.js';
import {
  emulatorClients,
  type PipelineClients,
  provisionPipeline,
  receiveS3Events,
  throwawayPipelineNames,
} from '../lib/emulator-pipeline.js';
import { delimiterOf, GENERATOR_FORMATS, type GeneratorFormat, generateText } from '../lib/generate/index.js';

interface RequestCounts {
  readonly commands: Readonly<Record<string, number>>;
  readonly attempts: number;
}

interface ChildFigures {
  readonly ms: number;
  readonly maxRssMB: number;
  /** Heap right after a full GC: what is still referenced. */
  readonly peakLiveHeapMB: number;
  readonly peakArrayBuffersMB: number;
  readonly timeline: Readonly<Record<'rssMB' | 'liveHeapMB' | 'arrayBuffersMB', readonly (number | null)[]>>;
  readonly result: unknown;
}

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '20000' },
    format: { type: 'string', default: 'strong' },
    'skip-first-upload': { type: 'boolean', default: false },
    'node-flags': { type: 'string', default: '' },
  },
});
const sessions = Number(values.sessions);
const format = values.format as GeneratorFormat;
if (!GENERATOR_FORMATS.includes(format))
  throw new Error(`--format must be one of ${GENERATOR_FORMATS.join(', ')}`);
const nodeFlags = (values['node-flags'] ?? '').split(' ').filter(Boolean);
const ATHLETE = 'bench';

/** Text in 1 MB byte chunks, as the core reads an S3 body. */
function* chunksOf(text: string): Generator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += 1024 * 1024) yield bytes.subarray(at, at + 1024 * 1024);
}

/** Stores every session of the export as an earlier upload would have, 25 items a request. */
async function seedTable(clients: PipelineClients, table: string, text: string, timezone: string) {
  const documents = DynamoDBDocumentClient.from(clients.dynamodb);
  const result = processExport(chunksOf(text), { athlete: ATHLETE, timezone, maxRejectedShare: 0.5 });
  let items: Record<string, unknown>[] = [];
  const flush = async () => {
    let pending = items;
    items = [];
    while (pending.length > 0) {
      const out = await documents.send(
        new BatchWriteCommand({
          RequestItems: { [table]: pending.map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
      pending = (out.UnprocessedItems?.[table] ?? []).map((r) => r.PutRequest?.Item ?? {});
    }
  };
  for await (const s of result.sessions) {
    items.push({
      athlete: ATHLETE,
      sessionId: s.id,
      contentHash: s.contentHash,
      setCount: s.sets.length,
      firstUpload: 'seed',
      lastChangedUpload: 'seed',
    });
    if (items.length === 25) await flush();
  }
  await flush();
}

const emulator = await startEmulator({ onProgress: (line) => console.error(line) });
try {
  Object.assign(process.env, emulator.env);
  const clients = emulatorClients();
  const id = `bench-${Date.now().toString(36)}`;
  const pipeline = await provisionPipeline(throwawayPipelineNames(id), clients);
  console.error(`Generating a ${format} export with ${sessions} sessions...`);
  const text = generateText({ format, sessions, seed: 7 });
  const bytes = Buffer.byteLength(text);
  const env = {
    ...process.env,
    ...pipeline.functionEnv,
    POWERTOOLS_LOG_LEVEL: 'ERROR',
    BENCH_BUCKET: pipeline.names.buckets.ingest,
    BENCH_DELIMITER: delimiterOf(format),
  };

  const upload = async (key: string) => {
    await clients.s3.send(
      new PutObjectCommand({ Bucket: pipeline.names.buckets.ingest, Key: key, Body: text }),
    );
    const [event] = await receiveS3Events(clients.sqs, pipeline.eventsQueueUrl, {
      expected: 1,
      timeoutMs: 30_000,
    });
    return event;
  };
  const child = (mode: string, extra: Record<string, string>): ChildFigures => {
    console.error(`Running ${mode}...`);
    const run = spawnSync(
      process.execPath,
      [...nodeFlags, '--import', 'tsx', 'scripts/bench/handler-child.ts', mode],
      {
        timeout: 1_800_000,
        env: { ...env, ...extra },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0) throw new Error(`${mode} run failed:\n${run.stderr.slice(-3_000)}`);
    const lastLine = run.stdout.trim().split('\n').at(-1) ?? '{}';
    return JSON.parse(lastLine) as ChildFigures;
  };
  const uploadAs = `uploads/${ATHLETE}`;

  console.error('Uploading...');
  const firstEvent = await upload(`${uploadAs}/first.csv`);
  const baseline = child('baseline', { BENCH_KEY: `${uploadAs}/first.csv` });
  const rows = (baseline.result as { records: number }).records - 1;
  let first: ChildFigures | undefined;
  if (values['skip-first-upload']) {
    console.error('Storing the sessions directly (--skip-first-upload)...');
    await seedTable(
      clients,
      pipeline.names.tables.sessions,
      text,
      pipeline.functionEnv.DEFAULT_TIMEZONE ?? 'UTC',
    );
  } else {
    first = child('handler', { BENCH_EVENT: JSON.stringify(firstEvent) });
  }
  const againEvent = await upload(`${uploadAs}/again.csv`);
  const again = child('handler', { BENCH_EVENT: JSON.stringify(againEvent) });

  const counts = (r: unknown) =>
    (r as { uploads: { counts: { newSessions: number; unchangedSessions: number } }[] }).uploads[0]?.counts;
  const line = (what: string, r: ChildFigures, note: string) =>
    console.log(
      `${what.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(7)} s ${Math.round(rows / (r.ms / 1000))
        .toString()
        .padStart(9)} rows/s ${(bytes / 1048576 / (r.ms / 1000)).toFixed(1).padStart(6)} MB/s ${r.maxRssMB
        .toFixed(0)
        .padStart(
          5,
        )} MB peak RSS ${r.peakLiveHeapMB.toFixed(0).padStart(4)} MB live heap  ${note}\n${timelines(r)}`,
    );
  const timelines = (r: ChildFigures) =>
    (
      [
        ['RSS', r.timeline.rssMB],
        ['heap after full GC', r.timeline.liveHeapMB],
        ['array buffers', r.timeline.arrayBuffersMB],
      ] as const
    )
      .map(
        ([what, mbs]) =>
          `    ${`${what}, MB per tenth of the run:`.padEnd(46)} ${mbs.map((mb) => mb ?? '.').join(' ')}`,
      )
      .join('\n');
  console.log(
    `\nHandler on the emulator (${emulator.kind}), ${format}, ${(bytes / 1048576).toFixed(1)} MB, ${rows} rows, ${sessions} sessions, node ${process.version} ${nodeFlags.join(' ')}`,
  );
  line('baseline: S3 stream + csv-parse', baseline, 'records counted only');
  if (first) {
    const f = counts(first.result);
    line('handler: first upload', first, `${f?.newSessions} new (reads file twice, writes each session)`);
  }
  const a = counts(again.result);
  line('handler: same export again', again, `${a?.unchangedSessions} unchanged (batched reads only)`);
  console.log('\nAWS requests per 1,000 sessions (SDK calls, by operation; attempts with retries):');
  for (const [what, run] of [
    ['first upload', first],
    ['same export again', again],
  ] as const) {
    if (!run) continue;
    const { commands, attempts } = (run.result as { requests: RequestCounts }).requests;
    const per1000 = (n: number) => ((n * 1000) / sessions).toFixed(1);
    const total = Object.values(commands).reduce((sum, n) => sum + n, 0);
    const byOperation = Object.entries(commands)
      .sort(([, x], [, y]) => y - x)
      .map(([name, n]) => `${name} ${per1000(n)}`)
      .join(', ');
    console.log(`  ${what.padEnd(18)} ${per1000(total).padStart(7)} (${per1000(attempts)})  ${byOperation}`);
  }
} finally {
  await emulator.stop();
}
