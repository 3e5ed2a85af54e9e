/**
 * One measured run in a fresh process, for scripts/bench/handler.ts. Mode `baseline` streams
 * the object from S3 through raw csv-parse (array mode, records counted only); mode `handler`
 * invokes the Lambda handler on the S3 event. Prints one JSON line: ms, peak RSS, result.
 * Everything it needs comes in through the environment (BENCH_*), set by the parent.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { parse } from 'csv-parse';
import { createHandler } from '../../lambda/src/app.js';

const mode = process.argv[2];
const started = performance.now();
let result: unknown;
if (mode === 'baseline') {
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
  result = { records };
} else if (mode === 'handler') {
  const handler = createHandler(process.env);
  const context = {
    functionName: 'bench',
    awsRequestId: crypto.randomUUID(),
    getRemainingTimeInMillis: () => 900_000,
  } as unknown as Context;
  result = await handler(JSON.parse(process.env.BENCH_EVENT ?? '{}'), context);
} else {
  throw new Error(`unknown mode '${mode}' (baseline | handler)`);
}
const ms = performance.now() - started;
console.log(JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024, result }));
