/**
 * One measured run in a fresh process, for scripts/bench/handler.ts. Mode `baseline` streams
 * the object from S3 through raw csv-parse (array mode, records counted only); mode `handler`
 * invokes the Lambda handler on the S3 event. Prints one JSON line: ms, peak RSS, memory
 * timelines, result. Everything it needs comes in through the environment (BENCH_*), set by
 * the parent.
 *
 * Peak RSS alone cannot tell memory that grows with the file from V8 collecting old garbage
 * lazily (it lets the heap grow well past what is referenced before a full collection), so
 * the child also records the heap right after each full collection: what is still
 * referenced. That figure stays flat over a run when nothing is kept per session.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { parse } from 'csv-parse';
import { type AwsClients, createClients } from '../../lambda/src/adapters/clients.js';
import { createHandler } from '../../lambda/src/app.js';
import { loadConfig } from '../../lambda/src/config.js';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 250;

interface Sample {
  readonly s: number;
  readonly mb: number;
}

/** Samples RSS and array buffers, and the heap after each full GC, until stopped. */
function startSampler() {
  const started = performance.now();
  const at = () => (performance.now() - started) / 1000;
  const rss: Sample[] = [];
  const arrayBuffers: Sample[] = [];
  const liveHeap: Sample[] = [];
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss.push({ s: at(), mb: m.rss / MB });
    arrayBuffers.push({ s: at(), mb: m.arrayBuffers / MB });
  }, SAMPLE_EVERY_MS);
  timer.unref();
  // Entries arrive just after the collection, so heapUsed then is (close to) the live heap.
  const gcs = new PerformanceObserver((list) => {
    const major = list
      .getEntries()
      .some(
        (e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      );
    if (major) liveHeap.push({ s: at(), mb: process.memoryUsage().heapUsed / MB });
  });
  gcs.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      clearInterval(timer);
      gcs.disconnect();
      const end = at();
      return {
        peakLiveHeapMB: Math.max(0, ...liveHeap.map((x) => x.mb)),
        peakArrayBuffersMB: Math.max(0, ...arrayBuffers.map((x) => x.mb)),
        timeline: {
          rssMB: tenths(rss, end),
          liveHeapMB: tenths(liveHeap, end),
          arrayBuffersMB: tenths(arrayBuffers, end),
        },
      };
    },
  };
}

/** The highest sample in each tenth of the run (null: none), so growth shows in one line. */
function tenths(samples: readonly Sample[], end: number): (number | null)[] {
  return Array.from({ length: 10 }, (_, tenth) => {
    const inTenth = samples.filter((x) => x.s >= (end * tenth) / 10 && x.s < (end * (tenth + 1)) / 10);
    return inTenth.length ? Math.round(Math.max(...inTenth.map((x) => x.mb))) : null;
  });
}

async function baseline(): Promise<unknown> {
  const s3 = new S3Client({ forcePathStyle: true });
  const { Body } = await s3.send(
    new GetObjectCommand({ Bucket: process.env.BENCH_BUCKET, Key: process.env.BENCH_KEY }),
  );
  let records = 0;
  const parser = parse({
    delimiter: process.env.BENCH_DELIMITER ?? ',',
    relax_column_count: true,
    bom: true,
  });
  (Body as NodeJS.ReadableStream).pipe(parser);
  for await (const _ of parser) records++;
  return { records };
}

/**
 * AWS requests the handler makes, by service and operation, counted by a middleware on
 * each SDK client: `commands` once per call, `attempts` with the SDK's own retries.
 */
function countRequests(clients: AwsClients) {
  const commands: Record<string, number> = {};
  let attempts = 0;
  const seen = new Set<object>();
  for (const client of Object.values(clients)) {
    // documents wraps dynamodb and shares its middleware stack: count each stack once.
    const stack = (client as { middlewareStack: object }).middlewareStack;
    if (seen.has(stack)) continue;
    seen.add(stack);
    (client as AwsClients['s3']).middlewareStack.add(
      (next, context) => async (args) => {
        const name = `${String(context.clientName).replace(/Client$/, '')}.${String(context.commandName).replace(/Command$/, '')}`;
        commands[name] = (commands[name] ?? 0) + 1;
        const output = await next(args);
        attempts += (output.output as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
        return output;
      },
      { step: 'initialize', name: 'benchRequestCounter' },
    );
  }
  return { commands, attempts: () => attempts };
}

async function handler(): Promise<unknown> {
  const clients = createClients(process.env, loadConfig(process.env));
  const counted = countRequests(clients);
  const invoke = createHandler(process.env, { clients });
  const context = {
    functionName: 'bench',
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
  } as unknown as Context;
  const result = await invoke(JSON.parse(process.env.BENCH_EVENT ?? '{}'), context);
  return { ...result, requests: { commands: counted.commands, attempts: counted.attempts() } };
}

const mode = process.argv[2];
const work = mode === 'baseline' ? baseline : mode === 'handler' ? handler : undefined;
if (!work) throw new Error(`unknown mode '${mode}' (baseline | handler)`);
const sampler = startSampler();
const started = performance.now();
const result = await work();
const ms = performance.now() - started;
const memory = sampler.stop();
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, ...memory, result }));
