/**
 * `npm run bench:handler`: the Lambda handler over a large generated export against the
 * emulator, next to a baseline from the same run on the same object: streaming it from S3
 * through raw csv-parse (array mode). Each measurement runs in a fresh process so peak RSS
 * is its own. Three runs: the baseline, a first upload (every session new: conditional
 * writes), and a re-upload of the same export under another key (every session unchanged:
 * batched reads only).
 *
 * Flags: --sessions N (default 20000), --format strong|hevy|fitnotes|mapmyfitness|canonical.
 */
import { spawnSync } from 'node:child_process';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startEmulator } from '../lib/emulator.js';
import {
  emulatorClients,
  provisionPipeline,
  receiveS3Events,
  throwawayPipelineNames,
} from '../lib/emulator-pipeline.js';
import { GENERATOR_FORMATS, type GeneratorFormat, generateText } from '../lib/generate/index.js';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const sessions = Number(flag('sessions', '20000'));
const format = flag('format', 'strong') as GeneratorFormat;
if (!GENERATOR_FORMATS.includes(format))
  throw new Error(`--format must be one of ${GENERATOR_FORMATS.join(', ')}`);

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
    BENCH_DELIMITER: format === 'strong' ? ';' : ',',
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
  const child = (mode: string, extra: Record<string, string>) => {
    console.error(`Running ${mode}...`);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench/handler-child.ts', mode], {
      timeout: 900_000,
      env: { ...env, ...extra },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`${mode} run failed:\n${run.stderr.slice(-3_000)}`);
    const lastLine = run.stdout.trim().split('\n').at(-1) ?? '{}';
    return JSON.parse(lastLine) as { ms: number; maxRssMB: number; result: unknown };
  };

  console.error('Uploading...');
  const firstEvent = await upload(`uploads/bench/first.csv`);
  const baseline = child('baseline', { BENCH_KEY: 'uploads/bench/first.csv' });
  const rows = (baseline.result as { records: number }).records - 1;
  const first = child('handler', { BENCH_EVENT: JSON.stringify(firstEvent) });
  const againEvent = await upload(`uploads/bench/again.csv`);
  const again = child('handler', { BENCH_EVENT: JSON.stringify(againEvent) });

  const counts = (r: unknown) =>
    (r as { uploads: { counts: { newSessions: number; unchangedSessions: number } }[] }).uploads[0]?.counts;
  const line = (what: string, r: { ms: number; maxRssMB: number }, note: string) =>
    console.log(
      `${what.padEnd(34)} ${(r.ms / 1000).toFixed(2).padStart(7)} s ${Math.round(rows / (r.ms / 1000))
        .toString()
        .padStart(9)} rows/s ${(bytes / 1048576 / (r.ms / 1000)).toFixed(1).padStart(6)} MB/s ${r.maxRssMB
        .toFixed(0)
        .padStart(5)} MB peak  ${note}`,
    );
  console.log(
    `\nHandler on the emulator (${emulator.kind}), ${format}, ${(bytes / 1048576).toFixed(1)} MB, ${rows} rows, ${sessions} sessions, node ${process.version}`,
  );
  line('baseline: S3 stream + csv-parse', baseline, 'records counted only');
  const f = counts(first.result);
  line('handler: first upload', first, `${f?.newSessions} new (reads file twice, writes each session)`);
  const a = counts(again.result);
  line('handler: same export again', again, `${a?.unchangedSessions} unchanged (batched reads only)`);
} finally {
  await emulator.stop();
}
