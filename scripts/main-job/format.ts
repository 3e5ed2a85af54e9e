/**
 * What the main job prints: plain text, no colours, that reads the same in a terminal,
 * a CI log and the README. Pure functions over the results, so they are unit tested.
 */
import type { UploadReport } from '../../lambda/src/core/upload-report.js';
import type { ReceivedSummary } from '../lib/emulator-pipeline.js';

/** The report fields the job shows (the report JSON in the processed bucket has them all). */
export type ReportView = Pick<
  UploadReport,
  'status' | 'format' | 'variant' | 'rejection' | 'counts' | 'rejectedRows' | 'outputs'
>;

export interface FileResult {
  /** The file as the person named it. */
  readonly label: string;
  readonly ingestUri: string;
  readonly processedBucket: string;
  readonly report: ReportView;
  /** Whether the handler published a summary for this upload (false: already published). */
  readonly published: boolean;
  /** The summary as the topic's subscriber received it; undefined when none arrived. */
  readonly summary: ReceivedSummary | undefined;
  /** The local copy of each output, by the report's name for it (path as shown). */
  readonly copies: Readonly<Record<string, string>>;
}

export interface FormatOptions {
  /** Rejected rows listed per file; the rejects file has them all. @default 5 */
  readonly maxRejectedRows?: number;
  /** Lines of the summary body shown per file. @default 12 */
  readonly maxSummaryLines?: number;
}

const LABEL_WIDTH = 11;
const field = (label: string, value: string) => `  ${label.padEnd(LABEL_WIDTH)}${value}`;
const more = (value: string) => `  ${' '.repeat(LABEL_WIDTH)}${value}`;

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatFileResult(result: FileResult, options: FormatOptions = {}): string[] {
  const { report } = result;
  const c = report.counts;
  const lines = [`${result.label}`, field('uploaded', result.ingestUri)];
  if (report.format) {
    lines.push(field('format', report.variant ? `${report.format} (${report.variant})` : report.format));
  }
  if (report.rejection) {
    const [first = '', ...rest] = report.rejection.message.split('\n');
    lines.push(field('REJECTED', `${report.rejection.code}: ${first}`), ...rest.map((line) => more(line)));
  }
  if (report.status === 'superseded') {
    lines.push(
      field('SUPERSEDED', 'a newer version of this key was applied first; this one changed nothing'),
    );
  }
  if (report.status === 'ok') {
    const stale = c.staleSessions > 0 ? `, ${c.staleSessions} older than stored (left as stored)` : '';
    lines.push(
      field(
        'sessions',
        `${c.sessions} in file: ${c.newSessions} new, ${c.updatedSessions} updated, ${c.unchangedSessions} unchanged${stale}`,
      ),
      field('sets', String(c.sets)),
    );
  }
  if (c.rows > 0) {
    lines.push(
      field(
        'rows',
        `${c.rows} read: ${c.skippedRows} skipped, ${c.duplicateRows} duplicate, ${c.rejectedRows} rejected`,
      ),
    );
  }
  lines.push(...rejectedRowLines(report, options.maxRejectedRows ?? 5));
  lines.push(...summaryLines(result, options.maxSummaryLines ?? 12));
  lines.push(...outputLines(result));
  return lines;
}

function rejectedRowLines(report: ReportView, max: number): string[] {
  const rows = report.rejectedRows.slice(0, max);
  if (rows.length === 0) return [];
  const lines = rows.map((row, index) => {
    const text = `${row.message} [${row.code}]`;
    return index === 0 ? field('bad rows', text) : more(text);
  });
  const left = report.counts.rejectedRows - rows.length;
  if (left > 0) lines.push(more(`... and ${left} more in the rejects file`));
  return lines;
}

function summaryLines(result: FileResult, max: number): string[] {
  if (!result.summary) {
    return [
      field(
        'summary',
        result.published
          ? 'published, but nothing reached the subscriber queue in time'
          : 'none published: this upload was processed before, and its summary already went out',
      ),
    ];
  }
  const body = result.summary.message.split('\n');
  const shown = body.length > max ? body.slice(0, max) : body;
  const lines = [
    field('summary', "as the summary topic's subscriber received it:"),
    more(`Subject: ${result.summary.subject}`),
    ...shown.map((line) => more(`| ${line}`.trimEnd())),
  ];
  if (shown.length < body.length) lines.push(more(`| ... (${body.length - shown.length} more lines)`));
  return lines;
}

/** Each output's local copy (its s3:// location when there is none), then where they came from. */
function outputLines(result: FileResult): string[] {
  const uri = (key: string) => `s3://${result.processedBucket}/${key}`;
  const entries = Object.entries(result.report.outputs).flatMap(([name, key]) =>
    key ? [[name, result.copies[name] ?? uri(key)] as const] : [],
  );
  const lines = entries.map(([name, value], index) =>
    index === 0 ? field('outputs', `${name.padEnd(8)} ${value}`) : more(`${name.padEnd(8)} ${value}`),
  );
  if (Object.keys(result.copies).length > 0) {
    lines.push(more(`(copied from ${uri('')}, same keys)`));
  }
  return lines;
}

export interface Totals {
  readonly files: number;
  readonly processed: number;
  readonly rejected: number;
  readonly newSessions: number;
  readonly updatedSessions: number;
  readonly unchangedSessions: number;
  readonly sets: number;
  readonly rejectedRows: number;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const sum = (pick: (r: FileResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    files: results.length,
    processed: sum((r) => (r.report.status === 'ok' ? 1 : 0)),
    rejected: sum((r) => (r.report.status === 'rejected' ? 1 : 0)),
    newSessions: sum((r) => r.report.counts.newSessions),
    updatedSessions: sum((r) => r.report.counts.updatedSessions),
    unchangedSessions: sum((r) => r.report.counts.unchangedSessions),
    sets: sum((r) => (r.report.status === 'ok' ? r.report.counts.sets : 0)),
    rejectedRows: sum((r) => r.report.counts.rejectedRows),
  };
}

/** One line: files, sessions by outcome, sets, rejected rows. */
export function formatTotals(label: string, t: Totals): string {
  return (
    `${label}: ${plural(t.files, 'file')} (${t.processed} processed, ${t.rejected} rejected), ` +
    `sessions ${t.newSessions} new / ${t.updatedSessions} updated / ${t.unchangedSessions} unchanged, ` +
    `${plural(t.sets, 'set')}, ${plural(t.rejectedRows, 'row')} rejected`
  );
}
