/**
 * The measured side of `npm run bench` (scripts/bench/core.ts bundles this file and runs it
 * with plain node): `--worker baseline|split|core --file F --format NAME` reads F once and
 * prints one JSON line of figures: rows, wall seconds, CPU seconds and peak RSS in bytes.
 */
import { createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { Parser } from 'csv-parse';
import { CsvRecords } from '../../lambda/src/core/csv-records.js';
import { summarizeExport } from '../../lambda/src/core/index.js';
import { delimiterOf } from '../lib/generate/index.js';

export interface Figures {
  readonly rows: number;
  /** Wall time of the measured work. */
  readonly seconds: number;
  /**
   * CPU time (user + system) of the measured work, this process only: it excludes process
   * start and module loading, and it is what stays within 10% on a machine whose other load
   * swings wall time 2-13x. It includes the work of V8's helper threads (GC, compilation).
   */
  readonly cpuSeconds: number;
  readonly peakRss: number;
}

const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** Runs the work and returns its rows with the wall and CPU time it took. */
const measured = async (work: () => Promise<number>): Promise<Figures> => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const rows = await work();
  const used = process.cpuUsage(cpu);
  return {
    rows,
    seconds: (performance.now() - wall) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    peakRss: peakRss(),
  };
};

/** Worker: raw csv-parse, array mode, records counted only. */
const baseline = (file: string, format: string): Promise<Figures> =>
  measured(async () => {
    let rows = 0;
    const parser = createReadStream(file).pipe(
      new Parser({ delimiter: delimiterOf(format), bom: true, relax_column_count: true, relax_quotes: true }),
    );
    for await (const _ of parser) rows++;
    return rows - 1;
  });

/**
 * Worker: only the core's first stage, decoding and splitting records (CsvRecords), records
 * counted. It shows how the core's time divides between splitting and the rest (map,
 * validate, group, hash).
 */
const split = (file: string, format: string): Promise<Figures> =>
  measured(async () => {
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
    return rows - 1;
  });

/** Worker: the core end to end. */
const core = (file: string): Promise<Figures> =>
  measured(async () => {
    const report = await summarizeExport(createReadStream(file, { highWaterMark: 256 * 1024 }), {
      athlete: 'bench',
      timezone: 'Europe/Berlin',
      maxRejectedShare: 0.1,
    });
    if (report.status !== 'ok') throw new Error(`core rejected ${file}: ${report.reason}`);
    return report.rows;
  });

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
