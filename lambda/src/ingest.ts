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
 *
 * Versions of one object key apply in S3's order (object-order.ts): an upload that is an
 * older version than one already applied changes nothing; one overtaken by a newer version
 * while it writes stops before its next write. Either way its report says `superseded`.
 */

import type { LinesWriter, OutputSink } from './adapters/s3-sink.js';
import type { ObjectSource } from './adapters/s3-source.js';
import {
  type ObjectVersion,
  type SessionsStore,
  type SessionWrite,
  TRANSACTION_LIMIT,
  transactionGroups,
} from './adapters/sessions-store.js';
import type { SummaryPublisher } from './adapters/summary-publisher.js';
import { OUTCOMES, type Outcome, outcomeOfWrite, planWrite } from './core/change-detection.js';
import { isValidTimezone } from './core/dates.js';
import type { RowIssue } from './core/errors.js';
import type { UnitDefaults } from './core/formats/assumed-units.js';
import type { Session } from './core/model.js';
import { isOlderThan, objectOrderOf } from './core/object-order.js';
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
  /** Larger uploads are rejected before they are read (MAX_UPLOAD_BYTES). @default no limit */
  readonly maxUploadBytes?: number;
  /** Units of unitless columns when the object's metadata names none (DEFAULT_*_UNIT). */
  readonly defaultUnits: UnitDefaults;
  readonly now: () => Date;
  /** The running Lambda version (AWS_LAMBDA_FUNCTION_VERSION), written into each report. @default null */
  readonly functionVersion?: string | null;
  /**
   * Sessions compared with the table per round: one BatchGetItem, then one transaction for
   * the new and changed ones. @default 99 (a transaction's 100 items, one the claim check)
   */
  readonly batchSize?: number;
  /** Batches compared and written at once while the core reads on. @default 4 */
  readonly batchesInFlight?: number;
}

export type IngestResult =
  | { readonly status: 'processed'; readonly report: UploadReport; readonly published: boolean }
  | { readonly status: 'gone'; readonly uploadId: string };

const MAX_RACE_RETRIES = 5;
const BATCHES_IN_FLIGHT = 4;

export async function ingestUpload(upload: UploadRef, deps: IngestDeps): Promise<IngestResult> {
  const uploadId = uploadIdOf(upload);
  const keys = outputKeysOf(upload.athlete, uploadId);

  const first = await deps.source.open(upload);
  if (!first) return { status: 'gone', uploadId };
  const timezone = first.timezone ?? deps.defaultTimezone;
  const base = {
    upload,
    uploadId,
    timezone,
    reportKey: keys.report,
    now: deps.now,
    functionVersion: deps.functionVersion ?? null,
  };

  const version = objectVersionOf(upload, uploadId, first.lastModified);
  if (version) {
    const applied = await deps.store.appliedVersion(upload.bucket, upload.key);
    if (applied && applied.uploadId !== uploadId && isOlderThan(version.order, applied.order)) {
      first.discard();
      return finish(deps, { ...base, rejection: undefined, supersededBy: applied });
    }
  }

  const size = first.size ?? upload.size;
  if (deps.maxUploadBytes !== undefined && size > deps.maxUploadBytes) {
    first.discard();
    return finish(deps, { ...base, rejection: tooLarge(size, deps.maxUploadBytes) });
  }
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
  if (first.restore !== undefined && first.restore !== 'true' && first.restore !== 'false') {
    first.discard();
    return finish(deps, {
      ...base,
      rejection: {
        code: 'INVALID_RESTORE_METADATA',
        message: `The object's restore metadata '${first.restore}' is neither true nor false. Upload it again with x-amz-meta-restore set to true to write back contents the workouts had before, or without it.`,
      },
    });
  }
  const restore = first.restore === 'true';
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
  // Only a file that will be applied claims its key: a rejected newer version leaves the
  // older one free to apply.
  const later = version && (await deps.store.claim(version));
  if (later) {
    return finish(deps, { ...withUnits, exportReport: checked, rejection: undefined, supersededBy: later });
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
    const batchSize = Math.min(deps.batchSize ?? TRANSACTION_LIMIT - 1, TRANSACTION_LIMIT - 1);
    const round = { uploadId, store: deps.store, claim: version, restore };
    // Batches are compared and written while the core reads on, several at once (their
    // sessions never overlap: ids are unique within a file); what they settled is counted
    // and streamed to silver in file order.
    const inFlight: Promise<Settled>[] = [];
    let batch: Session[] = [];
    let rejectsStarted = false;
    let superseded: ObjectVersion | undefined;
    const settleOldest = async () => {
      const settled = await (inFlight.shift() as Promise<Settled>);
      superseded ??= settled.superseded;
      await recordBatch(settled, tally, silver);
      const issues = pendingRejects.splice(0);
      await writeRejects(rejects, issues, !rejectsStarted);
      rejectsStarted ||= issues.length > 0;
    };
    const send = () => {
      const sent = settleBatch(batch, round);
      // Awaited in order by settleOldest; until then a failure must not go unhandled.
      sent.catch(() => undefined);
      inFlight.push(sent);
      batch = [];
    };
    /** Queues the sessions one input chunk completed; false once a newer upload superseded this one. */
    const take = async (sessions: readonly Session[]): Promise<boolean> => {
      for (const session of sessions) {
        batch.push(session);
        if (batch.length >= batchSize) send();
        if (inFlight.length >= (deps.batchesInFlight ?? BATCHES_IN_FLIGHT)) await settleOldest();
        if (superseded) return false;
      }
      return true;
    };
    try {
      // The core's batches (the sessions of one input chunk): one promise per chunk, not per session.
      for await (const sessions of result.batches) if (!(await take(sessions))) break;
      if (!superseded && batch.length > 0) send();
      while (inFlight.length > 0) await settleOldest();
    } finally {
      // After a failure, let the batches still in flight end before the retry starts over.
      await Promise.allSettled(inFlight);
    }
    // Stopped early, pass two has no report of its own; pass one read the same bytes.
    const exportReport = superseded ? checked : await result.report;
    if (superseded) result.report.catch(() => undefined);
    const wroteSilver = await silver.close();
    const wroteRejects = await rejects.close();
    return finish(deps, {
      ...withUnits,
      exportReport,
      tally,
      outputs: { silver: wroteSilver ? keys.silver : null, rejects: wroteRejects ? keys.rejects : null },
      rejection: exportReport.status === 'rejected' ? rejectionOf(exportReport) : undefined,
      supersededBy: superseded,
    });
  } catch (error) {
    await Promise.all([silver.abort(), rejects.abort()]);
    throw error;
  }
}

/** The version this upload applies, when the event or the object says where it stands. */
function objectVersionOf(
  upload: UploadRef,
  uploadId: string,
  lastModified: Date | undefined,
): ObjectVersion | undefined {
  const order = objectOrderOf({ sequencer: upload.sequencer, lastModified });
  if (!order) return undefined;
  return { bucket: upload.bucket, key: upload.key, order, uploadId, versionId: upload.versionId };
}

/** Running counts of pass two. */
class Tally {
  readonly outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
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

interface Round {
  readonly uploadId: string;
  readonly store: SessionsStore;
  readonly claim: ObjectVersion | undefined;
  readonly restore: boolean;
}

/** What one batch came to: each session's outcome, unless a newer version stopped it. */
interface Settled {
  readonly batch: readonly Session[];
  readonly outcomes: ReadonlyMap<string, Outcome>;
  /** The later version of the object that claimed the key meanwhile, if one did. */
  readonly superseded: ObjectVersion | undefined;
}

/**
 * Compares one batch with the table and writes its new and changed sessions in one
 * transaction. After a lost race only the sessions whose stored item changed are read and
 * planned again; the others are written as planned.
 */
async function settleBatch(batch: readonly Session[], round: Round): Promise<Settled> {
  const { uploadId, store, claim, restore } = round;
  const athlete = batch[0]?.athlete as string;
  const outcomes = new Map<string, Outcome>();
  let toRead: readonly Session[] = batch;
  let planned: SessionWrite[] = [];
  for (let attempt = 0; toRead.length > 0 || planned.length > 0; attempt++) {
    if (attempt > MAX_RACE_RETRIES) {
      throw new Error(
        `Sessions of ${athlete} kept changing under concurrent uploads; giving up so Lambda retries`,
      );
    }
    const stored =
      toRead.length > 0
        ? await store.getMany(
            athlete,
            toRead.map((s) => s.id),
          )
        : new Map();
    for (const session of toRead) {
      const plan = planWrite(stored.get(session.id), session.contentHash, uploadId, { restore });
      if (plan.write === 'none') outcomes.set(session.id, plan.outcome);
      else planned.push({ session, plan });
    }
    if (planned.length === 0) break;
    // A transaction holds the sessions and the marks of their weeks, so a batch may take two.
    const again: SessionWrite[] = [];
    toRead = [];
    for (const group of transactionGroups(planned, claim !== undefined)) {
      const result = await store.writeAll(group, uploadId, claim);
      if (result.status === 'superseded') {
        const later = claim && ((await store.appliedVersion(claim.bucket, claim.key)) ?? claim);
        return { batch, outcomes, superseded: later };
      }
      if (result.status === 'written') {
        for (const { session, plan } of group) outcomes.set(session.id, outcomeOfWrite(plan));
        continue;
      }
      toRead = [...toRead, ...group.filter((w) => result.lost.has(w.session.id)).map((w) => w.session)];
      again.push(...group.filter((w) => !result.lost.has(w.session.id)));
    }
    planned = again;
  }
  return { batch, outcomes, superseded: undefined };
}

/** Counts a settled batch and streams what it stored to silver. */
async function recordBatch(settled: Settled, tally: Tally, silver: LinesWriter): Promise<void> {
  for (const session of settled.batch) {
    const outcome = settled.outcomes.get(session.id);
    if (outcome === undefined) continue; // not settled: a newer version took the key
    tally.add(session, outcome);
    if (outcome === 'new' || outcome === 'updated') await silver.write(JSON.stringify(session));
  }
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
  readonly functionVersion: string | null;
  readonly exportReport?: ExportReport;
  readonly tally?: Tally;
  readonly outputs?: { silver: string | null; rejects: string | null };
  readonly rejection: { code: string; message: string } | undefined;
  readonly supersededBy?: ObjectVersion | undefined;
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
      staleSessions: stored.outcomes.stale,
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
    status: input.rejection ? 'rejected' : input.supersededBy ? 'superseded' : 'ok',
    rejection: input.rejection ?? null,
    supersededBy: input.supersededBy
      ? { uploadId: input.supersededBy.uploadId, versionId: input.supersededBy.versionId ?? null }
      : null,
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
    functionVersion: input.functionVersion,
  };
}

/** Said before reading: more than one invocation finishes would only time out, again and again. */
function tooLarge(size: number, max: number): { code: string; message: string } {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return {
    code: 'TOO_LARGE_FOR_ONE_INVOCATION',
    message: `The file is ${mb(size)}, more than the ${mb(max)} this function finishes in one invocation (MAX_UPLOAD_BYTES, set from its memory and timeout). Split the export into smaller files, for example one per year, and upload them one by one; or raise the function's memory or timeout in stacks/config (docs/infrastructure.md, "How large an upload fits").`,
  };
}

function rejectionOf(report: ExportReport): { code: string; message: string } {
  return { code: report.code ?? 'REJECTED', message: report.reason ?? 'The file was rejected.' };
}
