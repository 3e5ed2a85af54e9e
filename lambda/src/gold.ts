/**
 * The gold application service (docs/gold.md): a run recomputes the daily and weekly files
 * its request asks for (core/gold/run-plan.ts decides which), publishes each athlete's
 * message of the last completed week once, clears the marks it recomputed and writes its
 * run report. Writing is idempotent: the same stored sessions give the same bytes at the
 * same keys, so a retried or repeated run changes nothing but the report.
 *
 * One athlete's failure does not stop the others: its marks stay for the next run, the
 * report names it, and the run fails at the end so its alarm and retries see it.
 */
import type { GoldMarks } from './adapters/gold-marks.js';
import type { GoldSource, IncompleteSession } from './adapters/gold-source.js';
import type { OutputSink } from './adapters/s3-sink.js';
import type { SilverSessions } from './adapters/silver-sessions.js';
import type { WeeklyPublisher } from './adapters/summary-publisher.js';
import {
  type AthleteWork,
  dailyGold,
  digestOf,
  type GoldRunRequest,
  goldJson,
  goldKeys,
  type IsoWeek,
  isoWeekOf,
  localDateOf,
  previousWeekOf,
  readUntil,
  reprocessWork,
  type SessionDigest,
  scheduledWork,
  weeklyGold,
  weeklyMessageOf,
  weeksToWrite,
} from './core/gold/index.js';

export interface GoldDeps {
  readonly source: GoldSource;
  readonly marks: GoldMarks;
  readonly sink: OutputSink;
  /** Where sessions without a complete digest are read back from. */
  readonly silver: SilverSessions;
  readonly publisher: WeeklyPublisher;
  readonly now: () => Date;
  /** The schedule's timezone: a scheduled run's date is today there. */
  readonly timezone: string;
  /** The running Lambda version, written into the report. @default null */
  readonly functionVersion?: string | null;
}

export interface AthleteGoldResult {
  readonly athlete: string;
  readonly days: readonly string[];
  readonly weeks: readonly string[];
  readonly written: readonly string[];
  /** Sessions read back from silver because their item held no complete digest. */
  readonly fromSilver: number;
  /** Sessions with no complete digest that silver did not hold either: in no figure. */
  readonly skipped: readonly IncompleteSession[];
}

/**
 * The digests of the sessions whose item holds none or an incomplete one, from the silver
 * file of the upload that last changed each (one read per file); those on or before `until`.
 */
async function digestsFromSilver(
  athlete: string,
  incomplete: readonly IncompleteSession[],
  until: string | undefined,
  silver: SilverSessions,
): Promise<{ digests: SessionDigest[]; missing: IncompleteSession[] }> {
  const byUpload = new Map<string, IncompleteSession[]>();
  for (const s of incomplete)
    byUpload.set(s.lastChangedUpload, [...(byUpload.get(s.lastChangedUpload) ?? []), s]);
  const digests: SessionDigest[] = [];
  const missing: IncompleteSession[] = [];
  for (const [uploadId, sessions] of byUpload) {
    const found = await silver.read(athlete, uploadId, new Set(sessions.map((s) => s.sessionId)));
    for (const s of sessions) {
      const session = found.get(s.sessionId);
      if (!session) {
        missing.push(s);
        continue;
      }
      const digest = digestOf(session);
      if (until === undefined || digest.day <= until) digests.push(digest);
    }
  }
  return { digests, missing };
}

/** An athlete's daily and weekly files of the work, from the stored digests. */
export async function writeAthleteGold(
  work: AthleteWork,
  deps: Pick<GoldDeps, 'source' | 'sink' | 'silver'>,
): Promise<AthleteGoldResult & { readonly weekly: ReadonlyMap<string, ReturnType<typeof weeklyGold>> }> {
  const { athlete } = work;
  const until = readUntil(work);
  const stored = await deps.source.digestsOf(athlete, until);
  const recovered = await digestsFromSilver(athlete, stored.incomplete, until, deps.silver);
  const digests = [...stored.digests, ...recovered.digests];
  const written: string[] = [];
  const withSessions = new Set(digests.map((d) => d.day));
  const days = [...work.days, ...work.daysIfSessions.filter((day) => withSessions.has(day))].sort();
  for (const day of days) {
    const key = goldKeys.daily(athlete, day);
    await deps.sink.putText(key, goldJson(dailyGold(athlete, day, digests)), 'application/json');
    written.push(key);
  }
  const weekly = new Map<string, ReturnType<typeof weeklyGold>>();
  const weeks = weeksToWrite(work, digests);
  for (const week of weeks) {
    const gold = weeklyGold(athlete, week, digests);
    const key = goldKeys.weekly(athlete, week);
    await deps.sink.putText(key, goldJson(gold), 'application/json');
    written.push(key);
    weekly.set(week.key, gold);
  }
  return {
    athlete,
    days,
    weeks: weeks.map((w) => w.key),
    written,
    fromSilver: recovered.digests.length,
    skipped: recovered.missing,
    weekly,
  };
}

export interface GoldRunReport {
  readonly run: 'scheduled' | 'reprocess';
  /** Today in the schedule's timezone, or the first day reprocessed. */
  readonly runDate: string;
  /** The days a reprocess was asked for; empty for a scheduled run. */
  readonly requestedDays: readonly string[];
  /** The week whose messages a scheduled run publishes. */
  readonly messagesWeek: string | null;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly functionVersion: string | null;
  readonly counts: {
    readonly athletes: number;
    readonly dailyFiles: number;
    readonly weeklyFiles: number;
    readonly messagesPublished: number;
    /** Sessions whose item held no complete digest, counted from their silver file. */
    readonly sessionsFromSilver: number;
    readonly marksCleared: number;
    readonly marksKept: number;
    readonly failedAthletes: number;
  };
  readonly athletes: readonly {
    readonly athlete: string;
    readonly days: readonly string[];
    readonly weeks: readonly string[];
    readonly message: 'published' | 'already published' | null;
  }[];
  /** What a run could not count, and why: sessions not in any figure, marks it could not read. */
  readonly skipped: readonly { readonly athlete: string; readonly what: string; readonly reason: string }[];
  readonly failed: readonly { readonly athlete: string; readonly error: string }[];
}

export class GoldRunFailed extends Error {
  override readonly name = 'GoldRunFailed';
}

const SKIP_REASONS: Record<IncompleteSession['reason'], string> = {
  'stored-before-gold':
    'stored before sessions carried their gold digest, and its silver file does not hold it: in no figure',
  'exercises-omitted':
    'its exercise summaries were over 64 KB and not stored, and its silver file does not hold it: in no figure',
};

export const goldReportKey = (report: Pick<GoldRunReport, 'run' | 'runDate' | 'requestedDays'>): string =>
  report.run === 'scheduled'
    ? `reports/daily/${report.runDate}.json`
    : `reports/daily/reprocess/${report.requestedDays[0]}__${report.requestedDays.at(-1)}.json`;

type Skipped = GoldRunReport['skipped'][number];
type AthleteReport = GoldRunReport['athletes'][number];

/** The run's work (core/gold/run-plan.ts), from the marks or from the index, by request. */
async function planRun(
  request: GoldRunRequest,
  deps: GoldDeps,
  lastWeek: IsoWeek,
): Promise<{ work: AthleteWork[]; skipped: Skipped[] }> {
  if (request.kind === 'scheduled') {
    const marks = await deps.marks.pending();
    const planned = scheduledWork(marks, lastWeek, await deps.source.athletesOf(lastWeek.key));
    const skipped = planned.skipped.map(({ mark, reason }) => ({
      athlete: mark.athlete,
      what: `mark ${mark.week}`,
      reason,
    }));
    return { work: planned.work, skipped };
  }
  const athletesOfDay = new Map<string, string[]>();
  const athletesOfWeek = new Map<string, string[]>();
  for (const day of request.days) {
    const week = isoWeekOf(day).key;
    athletesOfDay.set(day, await deps.source.athletesOf(week, day));
    if (!athletesOfWeek.has(week)) athletesOfWeek.set(week, await deps.source.athletesOf(week));
  }
  return { work: reprocessWork(request.days, athletesOfDay, athletesOfWeek), skipped: [] };
}

/** One athlete's files, message and marks; what it could not count goes to `skipped`. */
async function runAthlete(
  work: AthleteWork,
  deps: GoldDeps,
  messagesWeek: IsoWeek | undefined,
  skipped: Skipped[],
): Promise<{ report: AthleteReport; cleared: number; kept: number; fromSilver: number }> {
  const result = await writeAthleteGold(work, deps);
  for (const s of result.skipped) {
    skipped.push({ athlete: work.athlete, what: `session ${s.sessionId}`, reason: SKIP_REASONS[s.reason] });
  }
  const last = messagesWeek && result.weekly.get(messagesWeek.key);
  const message = last && weeklyMessageOf(last);
  const published = message ? await deps.publisher.publishWeeklyOnce(message) : undefined;
  let cleared = 0;
  for (const mark of work.marks) if (await deps.marks.clear(mark)) cleared++;
  return {
    report: {
      athlete: work.athlete,
      days: result.days,
      weeks: result.weeks,
      message: published === undefined ? null : published ? 'published' : 'already published',
    },
    cleared,
    kept: work.marks.length - cleared,
    fromSilver: result.fromSilver,
  };
}

export async function runGold(request: GoldRunRequest, deps: GoldDeps): Promise<GoldRunReport> {
  const startedAt = deps.now();
  const started = performance.now();
  const today = localDateOf(startedAt, deps.timezone);
  const scheduled = request.kind === 'scheduled';
  const lastWeek = previousWeekOf(isoWeekOf(today));
  const { work, skipped } = await planRun(request, deps, lastWeek);

  const athletes: AthleteReport[] = [];
  const failed: { athlete: string; error: string }[] = [];
  let marksCleared = 0;
  let marksKept = 0;
  let fromSilver = 0;
  for (const item of work) {
    try {
      const done = await runAthlete(item, deps, scheduled ? lastWeek : undefined, skipped);
      athletes.push(done.report);
      marksCleared += done.cleared;
      fromSilver += done.fromSilver;
      marksKept += done.kept;
    } catch (error) {
      failed.push({ athlete: item.athlete, error: (error as Error).message });
    }
  }

  const requestedDays = request.kind === 'reprocess' ? request.days : [];
  const report: GoldRunReport = {
    run: request.kind,
    runDate: requestedDays[0] ?? today,
    requestedDays,
    messagesWeek: scheduled ? lastWeek.key : null,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    functionVersion: deps.functionVersion ?? null,
    counts: {
      athletes: athletes.length,
      dailyFiles: athletes.reduce((n, a) => n + a.days.length, 0),
      weeklyFiles: athletes.reduce((n, a) => n + a.weeks.length, 0),
      messagesPublished: athletes.filter((a) => a.message === 'published').length,
      sessionsFromSilver: fromSilver,
      marksCleared,
      marksKept,
      failedAthletes: failed.length,
    },
    athletes,
    skipped,
    failed,
  };
  await deps.sink.putText(goldReportKey(report), `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  if (failed.length > 0) {
    throw new GoldRunFailed(
      `Gold failed for ${failed.length} athlete${failed.length === 1 ? '' : 's'} (${failed.map((f) => `${f.athlete}: ${f.error}`).join('; ')}); their marks stay for the next run. Report: ${goldReportKey(report)}`,
    );
  }
  return report;
}
