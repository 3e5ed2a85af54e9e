/**
 * The SNS summary of one upload: a subject under 100 characters (SNS's limit), a body a
 * person reads in an email, and message attributes with the counts for machines. The body
 * lists new sessions by date and name, trimmed to stay far below SNS's 256 KB.
 */
import type { UploadReport } from './upload-report.js';

export interface Summary {
  readonly subject: string;
  readonly body: string;
  readonly attributes: Readonly<
    Record<string, { readonly type: 'String' | 'Number'; readonly value: string }>
  >;
}

export const SUBJECT_MAX = 99;
export const BODY_MAX_BYTES = 64 * 1024;
const LISTED_SESSIONS = 50;
const LISTED_REJECTS = 20;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function fileNameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1);
}

export function summarize(report: UploadReport): Summary {
  const c = report.counts;
  const file = fileNameOf(report.source.key);
  const headline =
    report.status === 'rejected'
      ? `File rejected: ${file}`
      : report.status === 'superseded'
        ? `Older version, not applied: ${file}`
        : `${plural(c.newSessions, 'new workout')}, ${c.updatedSessions} updated, ${plural(c.rejectedRows, 'row')} rejected`;
  const subject = toSubject(`Workout upload (${report.athlete}): ${headline}`, SUBJECT_MAX);

  const lines =
    report.status === 'rejected'
      ? rejectedLines(report, file)
      : report.status === 'superseded'
        ? supersededLines(report, file)
        : processedLines(report, file);
  lines.push('', `Report: ${report.outputs.report}`);
  if (report.outputs.rejects) lines.push(`Rejects: ${report.outputs.rejects}`);
  lines.push(`Upload id: ${report.uploadId}`);

  return {
    subject,
    body: clipBytes(lines.join('\n'), BODY_MAX_BYTES),
    attributes: {
      status: { type: 'String', value: report.status },
      athlete: { type: 'String', value: report.athlete },
      uploadId: { type: 'String', value: report.uploadId },
      format: { type: 'String', value: report.format ?? 'unknown' },
      newSessions: { type: 'Number', value: String(c.newSessions) },
      updatedSessions: { type: 'Number', value: String(c.updatedSessions) },
      unchangedSessions: { type: 'Number', value: String(c.unchangedSessions) },
      staleSessions: { type: 'Number', value: String(c.staleSessions) },
      sets: { type: 'Number', value: String(c.sets) },
      rejectedRows: { type: 'Number', value: String(c.rejectedRows) },
      ...(report.rejection ? { rejectionCode: { type: 'String', value: report.rejection.code } } : {}),
    },
  };
}

/**
 * SNS subjects must be ASCII, start with a letter, number or punctuation, hold no line
 * breaks or control characters, and be under 100 characters: accents are dropped
 * (Zoë -> Zoe), anything else non-ASCII becomes '?'.
 */
export function toSubject(text: string, max: number): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/gu, '?')
    .trim();
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3)}...`;
}

function rejectedLines(report: UploadReport, file: string): string[] {
  return [`Your upload ${file} was not processed.`, '', report.rejection?.message ?? 'Unknown reason.'];
}

function supersededLines(report: UploadReport, file: string): string[] {
  const c = report.counts;
  const by = report.supersededBy;
  const lines = [
    `Your upload ${file} was not applied: a newer version of ${report.source.key} was applied first${by?.versionId ? ` (version ${by.versionId})` : ''}, and an older version never replaces it.`,
  ];
  if (c.newSessions + c.updatedSessions > 0) {
    lines.push(
      '',
      `Before the newer version arrived, this one had stored ${plural(c.newSessions, 'new workout')} and ${c.updatedSessions} updated; the newer version's content is what is stored now.`,
    );
  }
  lines.push('', 'To apply this content anyway, upload it again: the new upload is the newest version.');
  return lines;
}

function processedLines(report: UploadReport, file: string): string[] {
  const c = report.counts;
  const lines = [
    `${plural(c.newSessions, 'new workout')}, ${plural(c.sets, 'set')}, ${plural(c.rejectedRows, 'row')} rejected: see report.`,
    '',
    `File:       ${file} (${report.format}${report.variant ? `, ${report.variant}` : ''})`,
    `Workouts:   ${c.sessions} in file: ${c.newSessions} new, ${c.updatedSessions} updated, ${c.unchangedSessions} unchanged${c.staleSessions > 0 ? `, ${c.staleSessions} older than stored` : ''}`,
    `Rows:       ${c.rows} read, ${c.skippedRows} skipped, ${c.duplicateRows} duplicates, ${c.rejectedRows} rejected`,
  ];
  if (c.staleSessions > 0) {
    // An older export uploaded after a newer one: say so, or a reverted edit looks lost.
    lines.push(
      `Older:      ${c.staleSessions === 1 ? '1 workout is' : `${c.staleSessions} workouts are`} older than the stored ${c.staleSessions === 1 ? 'one' : 'ones'} and ${c.staleSessions === 1 ? 'was' : 'were'} left as ${c.staleSessions === 1 ? 'it is' : 'they are'}`,
    );
  }
  if (report.assumedUnits.length > 0) {
    // A wrong unit makes every weight 2.2x off: say which one was used and how to change it.
    const read = report.assumedUnits.map(
      (u) => `${u.quantity === 'weight' ? 'weights' : 'distances'} as ${u.unit}`,
    );
    lines.push(
      `Units:      ${read.join(', ')} (the file does not say; upload with x-amz-meta-weight-unit / x-amz-meta-distance-unit to change)`,
    );
  }
  if (report.newSessions.length > 0) {
    lines.push('', 'New workouts:');
    for (const s of report.newSessions.slice(0, LISTED_SESSIONS)) {
      const sets = s.sets ? ` (${plural(s.sets, 'set')})` : '';
      lines.push(`  ${s.sessionStart.replace('T', ' ').slice(0, 16)}  ${s.name}${sets}`);
    }
    const more = c.newSessions - Math.min(LISTED_SESSIONS, report.newSessions.length);
    // The report lists at most REPORT_LIST_LIMIT; silver holds every new and updated session.
    if (more > 0) lines.push(`  ... and ${more} more (all in the silver file named in the report)`);
  }
  if (report.rejectedRows.length > 0) {
    lines.push('', 'Rejected rows:');
    for (const issue of report.rejectedRows.slice(0, LISTED_REJECTS)) lines.push(`  ${issue.message}`);
    const more = c.rejectedRows - Math.min(LISTED_REJECTS, report.rejectedRows.length);
    if (more > 0) lines.push(`  ... and ${more} more (see rejects file)`);
  }
  return lines;
}

function clipBytes(text: string, maxBytes: number): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= maxBytes) return text;
  const marker = '\n... (trimmed; see report)';
  let cut = maxBytes - Buffer.byteLength(marker);
  while (cut > 0 && Buffer.byteLength(text.slice(0, cut)) > maxBytes - Buffer.byteLength(marker)) cut -= 64;
  return text.slice(0, Math.max(cut, 0)) + marker;
}
