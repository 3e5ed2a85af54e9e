/**
 * The measured side of `npm run bench` (scripts/bench/core.ts bundles this file and runs it
 * with plain node): `--worker baseline|core --file F --format NAME` reads F once and prints
 * one JSON line of figures: rows, seconds, peak RSS in bytes.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { Parser } from 'csv-parse';
import { summarizeExport } from '../../lambda/src/core/index.js';

export interface Figures {
  readonly rows: number;
  readonly seconds: number;
  readonly peakRss: number;
}

const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

const delimiterOf = (format: string): string => (format === 'strong' ? ';' : ',');

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
const figures = values.worker === 'baseline' ? await baseline(file, String(values.format)) : await core(file);
console.log(JSON.stringify(figures));
