/**
 * The application service: one uploaded export in, sessions stored, outputs written and one
 * summary published. AWS stays behind the small adapter interfaces, so this reads as the
 * steps of DESIGN.md's data flow.
 *
 * The file is read twice. Pass one runs the core over the whole file without storing
 * anything, because a file can be rejected as a whole only at its end (too many bad rows)
 * and nothing of a rejected file may be stored. Pass two, for a file that passed, compares
 * sessions with the table in batches, writes new and changed ones conditionally, and streams
 * them to silver. Every write is keyed by the upload id, so a retry after a failure at any
 * step converges on the same stored data, the same report and one summary.
 */

import type { LinesWriter, OutputSink } from './adapters/s3-sink.js';
import type { ObjectSource } from './adapters/s3-source.js';
import type { SessionsStore } from './adapters/sessions-store.js';
import type { SummaryPublisher } from './adapters/summary-publisher.js';
import { type Outcome, outcomeOfWrite, planWrite, type StoredSession } from './core/change-detection.js';
import { isValidTimezone } from './core/dates.js';
import type { RowIssue } from './core/errors.js';
import type { UnitDefaults } from './core/formats/assumed-units.js';
import type { Session } from './core/model.js';
import { processExport, summarizeExport } from './core/pipeline.js';
import type { ExportReport } from './core/report.js';
import { outputKeysOf, uploadIdOf } from './core/upload-id.js';
import {
  emptyCounts,
  REPORT_LIST_LIMIT,
  rejectsCsv,
  type SessionBrief,
  type UploadCounts,
  type UploadReport,
} from './core/upload-report.js';
import { summarize } from './core/upload-summary.js';
import { assumedUnitsOf, type UnitsFrom, uploadUnitsOf } from './core/upload-units.js';
import type { UploadRef } from './events.js';

export interface IngestDeps {
  readonly source: ObjectSource;
  readonly sink: OutputSink;
  readonly store: SessionsStore;
  readonly publisher: SummaryPublisher;
  readonly defaultTimezone: string;
  readonly maxRejectedShare: number;
  /** Units of unitless columns when the object's metadata names none (DEFAULT_*_UNIT). */
  readonly defaultUnits: UnitDefaults;
  readonly now: () => Date;
  /** Sessions compared with the table per BatchGetItem round. @default 100 */
  readonly batchSize?: number;
  /** Conditional writes in flight at once. @default 8 */
  readonly writeConcurrency?: number;
}

export type IngestResult =
  | { readonly status: 'processed'; readonly report: UploadReport; readonly published: boolean }
  | { readonly status: 'gone'; readonly uploadId: string };

const MAX_RACE_RETRIES = 5;

export async function ingestUpload(upload: UploadRef, deps: IngestDeps): Promise<IngestResult> {
  const uploadId = uploadIdOf(upload);
  const keys = outputKeysOf(upload.athlete, uploadId);

  const first = await deps.source.open(upload);
  if (!first) return { status: 'gone', uploadId };
  const timezone = first.timezone ?? deps.defaultTimezone;
  const base = { upload, uploadId, timezone, reportKey: keys.report, now: deps.now };

  if (!isValidTimezone(timezone)) {
    first.discard();
    return finish(deps, {
      ...base,
      rejection: {
        code: 'INVALID_TIMEZONE',
        message: `The object's timezone metadata '${timezone}' is not an IANA timezone such as Europe/Berlin. Upload it again with x-amz-meta-timezone set to a valid zone, or without it to use ${deps.defaultTimezone}.`,
      },
    });
  }
  const units = uploadUnitsOf(first, deps.defaultUnits);
  if ('problem' in units) {
    first.discard();
    return finish(deps, { ...base, rejection: { code: 'INVALID_UNIT_METADATA', message: units.problem } });
  }
  const options = {
    athlete: upload.athlete,
    timezone,
    maxRejectedShare: deps.maxRejectedShare,
    sourceName: upload.key,
    units: units.units,
  };
  const withUnits = { ...base, unitsFrom: units.from };

  const checked = await summarizeExport(first.body, options);
  if (checked.status === 'rejected') {
    return finish(deps, { ...withUnits, exportReport: checked, rejection: rejectionOf(checked) });
  }

  const second = await deps.source.open(upload);
  if (!second) return { status: 'gone', uploadId };
  const silver = deps.sink.openLines(keys.silver);
  const rejects = deps.sink.openLines(keys.rejects);
  const pendingRejects: RowIssue[] = [];
  const tally = new Tally();
  try {
    const result = processExport(second.body, {
      ...options,
      onRejected: (issue) => pendingRejects.push(issue),
    });
    const batchSize = deps.batchSize ?? 100;
    let batch: Session[] = [];
    let rejectsStarted = false;
    const flush = async () => {
      await storeBatch(batch, uploadId, deps, tally, silver);
      batch = [];
      const issues = pendingRejects.splice(0);
      await writeRejects(rejects, issues, !rejectsStarted);
      rejectsStarted ||= issues.length > 0;
    };
    for await (const session of result.sessions) {
      batch.push(session);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    const exportReport = await result.report;
    const wroteSilver = await silver.close();
    const wroteRejects = await rejects.close();
    return finish(deps, {
      ...withUnits,
      exportReport,
      tally,
      outputs: { silver: wroteSilver ? keys.silver : null, rejects: wroteRejects ? keys.rejects : null },
      rejection: exportReport.status === 'rejected' ? rejectionOf(exportReport) : undefined,
    });
  } catch (error) {
    await Promise.all([silver.abort(), rejects.abort()]);
    throw error;
  }
}

/** Running counts of pass two. */
class Tally {
  readonly outcomes: Record<Outcome, number> = { new: 0, updated: 0, unchanged: 0 };
  readonly newBriefs: SessionBrief[] = [];

  add(session: Session, outcome: Outcome): void {
    this.outcomes[outcome]++;
    if (outcome === 'new' && this.newBriefs.length < REPORT_LIST_LIMIT) {
      this.newBriefs.push({
        sessionStart: session.sessionStart,
        name: session.name,
        sets: session.sets.length,
      });
    }
  }
}

async function storeBatch(
  batch: readonly Session[],
  uploadId: string,
  deps: IngestDeps,
  tally: Tally,
  silver: LinesWriter,
): Promise<void> {
  if (batch.length === 0) return;
  const athlete = batch[0]?.athlete as string;
  const stored = await deps.store.getMany(
    athlete,
    batch.map((s) => s.id),
  );
  const outcomes = await mapLimited(batch, deps.writeConcurrency ?? 8, (session) =>
    settleSession(session, stored.get(session.id), uploadId, deps.store),
  );
  for (const [index, session] of batch.entries()) {
    const outcome = outcomes[index] as Outcome;
    tally.add(session, outcome);
    if (outcome !== 'unchanged') await silver.write(JSON.stringify(session));
  }
}

/** Plans and performs the conditional write; on a lost race, reads again and re-plans. */
async function settleSession(
  session: Session,
  stored: StoredSession | undefined,
  uploadId: string,
  store: SessionsStore,
): Promise<Outcome> {
  let current = stored;
  for (let attempt = 0; attempt <= MAX_RACE_RETRIES; attempt++) {
    const plan = planWrite(current, session.contentHash, uploadId);
    if (plan.write === 'none') return plan.outcome;
    const written =
      plan.write === 'insert'
        ? await store.insert(session, uploadId)
        : await store.update(session, uploadId, plan.expectedHash);
    if (written) return outcomeOfWrite(plan);
    current = (await store.getMany(session.athlete, [session.id])).get(session.id);
  }
  throw new Error(
    `Session ${session.id} kept changing under concurrent uploads; giving up so Lambda retries`,
  );
}

async function writeRejects(writer: LinesWriter, issues: readonly RowIssue[], first: boolean): Promise<void> {
  if (issues.length === 0) return;
  const csv = rejectsCsv(issues);
  // The header line belongs only at the top of the file.
  const body = first ? csv : csv.slice(csv.indexOf('\r\n') + 2);
  await writer.write(body.replace(/\r\n$/, ''));
}

interface FinishInput {
  readonly upload: UploadRef;
  readonly uploadId: string;
  readonly timezone: string;
  readonly reportKey: string;
  readonly now: () => Date;
  readonly exportReport?: ExportReport;
  readonly tally?: Tally;
  readonly outputs?: { silver: string | null; rejects: string | null };
  readonly rejection: { code: string; message: string } | undefined;
  readonly unitsFrom?: UnitsFrom;
}

async function finish(deps: IngestDeps, input: FinishInput): Promise<IngestResult> {
  const report = buildReport(input);
  await deps.sink.putText(input.reportKey, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  const published = await deps.publisher.publishOnce(input.uploadId, summarize(report));
  return { status: 'processed', report, published };
}

function buildReport(input: FinishInput): UploadReport {
  const e = input.exportReport;
  const stored = input.rejection ? undefined : input.tally;
  const counts: UploadCounts = {
    ...emptyCounts(),
    ...(e && {
      rows: e.rows,
      sessions: e.sessions,
      sets: e.sets,
      skippedRows: e.skipped,
      duplicateRows: e.duplicates,
      rejectedRows: e.rejectedCount,
    }),
    ...(stored && {
      newSessions: stored.outcomes.new,
      updatedSessions: stored.outcomes.updated,
      unchangedSessions: stored.outcomes.unchanged,
    }),
  };
  const { upload } = input;
  return {
    uploadId: input.uploadId,
    athlete: upload.athlete,
    source: {
      bucket: upload.bucket,
      key: upload.key,
      versionId: upload.versionId ?? null,
      eTag: upload.eTag,
    },
    status: input.rejection ? 'rejected' : 'ok',
    rejection: input.rejection ?? null,
    format: e?.format ?? null,
    variant: e?.variant ?? null,
    timezone: input.timezone,
    assumedUnits: assumedUnitsOf(e?.assumedUnits ?? {}, input.unitsFrom),
    counts,
    newSessions: stored?.newBriefs ?? [],
    rejectedRows: (e?.rejected ?? []).slice(0, REPORT_LIST_LIMIT),
    outputs: {
      report: input.reportKey,
      silver: input.outputs?.silver ?? null,
      rejects: input.outputs?.rejects ?? null,
    },
    processedAt: input.now().toISOString(),
  };
}

function rejectionOf(report: ExportReport): { code: string; message: string } {
  return { code: report.code ?? 'REJECTED', message: report.reason ?? 'The file was rejected.' };
}

async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
