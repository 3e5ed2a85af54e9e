/**
 * The measured side of `npm run bench` (scripts/bench/core.ts bundles this file and runs it
 * with plain node): `--worker baseline|core --file F --format NAME` reads F once and prints
 * one JSON line of figures: rows, seconds, peak RSS in bytes.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { Parser } from 'csv-parse';
import { CsvRecords } from '../../lambda/src/core/csv-records.js';
import { summarizeExport } from '../../lambda/src/core/index.js';
import { delimiterOf } from '../lib/generate/index.js';

export interface Figures {
  readonly rows: number;
  readonly seconds: number;
  readonly peakRss: number;
}

const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** Worker: raw csv-parse, array mode, records counted only. */
const baseline = async (file: string, format: string): Promise<Figures> => {
  const start = performance.now();
  let rows = 0;
  const parser = createReadStream(file).pipe(
    new Parser({ delimiter: delimiterOf(format), bom: true, relax_column_count: true, relax_quotes: true }),
  );
  for await (const _ of parser) rows++;
  return { rows: rows - 1, seconds: (performance.now() - start) / 1000, peakRss: peakRss() };
};

/**
 * Worker: only the core's first stage, decoding and splitting records (CsvRecords), records
 * counted. It shows how the core's time divides between splitting and the rest (map,
 * validate, group, hash).
 */
const split = async (file: string, format: string): Promise<Figures> => {
  const start = performance.now();
  let rows = 0;
  const records = new CsvRecords(delimiterOf(format), 1024 * 1024, () => {
    rows++;
  });
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    records.push(decoder.decode(chunk as Buffer, { stream: true }));
  }
  records.push(decoder.decode());
  records.end();
  return { rows: rows - 1, seconds: (performance.now() - start) / 1000, peakRss: peakRss() };
};

/** Worker: the core end to end. */
const core = async (file: string): Promise<Figures> => {
  const start = performance.now();
  const report = await summarizeExport(createReadStream(file, { highWaterMark: 256 * 1024 }), {
    athlete: 'bench',
    timezone: 'Europe/Berlin',
    maxRejectedShare: 0.1,
  });
  if (report.status !== 'ok') throw new Error(`core rejected ${file}: ${report.reason}`);
  return { rows: report.rows, seconds: (performance.now() - start) / 1000, peakRss: peakRss() };
};

const { values } = parseArgs({
  options: { worker: { type: 'string' }, file: { type: 'string' }, format: { type: 'string' } },
});
const file = String(values.file);
const format = String(values.format);
const figures =
  values.worker === 'baseline'
    ? await baseline(file, format)
    : values.worker === 'split'
      ? await split(file, format)
      : await core(file);
console.log(JSON.stringify(figures));
