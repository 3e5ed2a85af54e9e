/**
 * The main job's last phase: the bundled gold entry point (what the gold function runs) on
 * what the uploads stored, so a newcomer sees bronze -> silver -> gold in one command. The
 * scheduled run's event by default (it recomputes every week the uploads marked), or a
 * reprocess of one date with `--date` (`npm run report -- --date YYYY-MM-DD`). Its files and
 * run report are copied out of the emulator beside the uploads' outputs.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  type DailyGold,
  goldKeys,
  isoWeekOfKey,
  type WeeklyGold,
  weeklyMessageOf,
} from '../../lambda/src/core/gold/index.js';
import { type GoldRunReport, goldReportKey } from '../../lambda/src/gold.js';
import type { PipelineClients } from '../lib/emulator-pipeline.js';
import { plural } from './format.js';
import { copyOutputs, shownPath } from './outputs.js';

/** How many of an athlete's latest weeks are printed; the rest are in the copied files. */
export const WEEKS_SHOWN = 3;

export type GoldInvoke = (event: unknown) => Promise<GoldRunReport>;

export interface GoldPhaseDeps {
  readonly clients: PipelineClients;
  readonly processedBucket: string;
  readonly invoke: GoldInvoke;
  readonly outDir: string;
  readonly cwd: string;
}

const kg = (value: number) => `${value.toLocaleString('en-US', { maximumFractionDigits: 1 })} kg`;

/** One line per week: what its weekly file says. */
export function weekLine(gold: WeeklyGold): string {
  const records =
    gold.personalRecords.length === 0
      ? 'no personal records'
      : `${plural(gold.personalRecords.length, 'personal record')} (${gold.personalRecords
          .map((r) => `${r.exercise} ${kg(r.weightKg)} x ${r.reps}`)
          .join(', ')})`;
  return `  ${gold.athlete} ${gold.year}-W${String(gold.week).padStart(2, '0')} (${gold.start} to ${gold.end}): ${plural(gold.sessions, 'workout')}, ${plural(gold.sets, 'set')}, ${kg(gold.volumeKg)}, ${records}`;
}

/** The event the phase sends: a reprocess of `date`, else the schedule's. */
export const goldEventOf = (date: string | undefined): Record<string, string> =>
  date === undefined ? { gold: 'scheduled' } : { runDate: date };

/** The keys of the files a run wrote, from its report. */
export function goldFilesOf(report: GoldRunReport): { daily: string[]; weekly: string[] } {
  const daily = report.athletes.flatMap((a) => a.days.map((day) => goldKeys.daily(a.athlete, day)));
  const weekly = report.athletes.flatMap((a) =>
    a.weeks.flatMap((key) => {
      const week = isoWeekOfKey(key);
      return week ? [goldKeys.weekly(a.athlete, week)] : [];
    }),
  );
  return { daily, weekly };
}

export async function runGoldPhase(date: string | undefined, deps: GoldPhaseDeps): Promise<string[]> {
  const lines = [
    date === undefined
      ? 'Gold: the daily run, with the event EventBridge Scheduler sends ({"gold":"scheduled"}), recomputes every week these uploads marked:'
      : `Gold: a reprocess of ${date} ({"runDate":"${date}"}, as reprocess.yml sends it) recomputes that day and its week for every athlete who trained then:`,
  ];
  const report = await deps.invoke(goldEventOf(date));
  const reportKey = goldReportKey(report);
  const files = goldFilesOf(report);
  const copies = await copyOutputs(
    deps.clients,
    deps.processedBucket,
    Object.fromEntries([reportKey, ...files.daily, ...files.weekly].map((key) => [key, key])),
    deps.outDir,
  );
  const c = report.counts;
  lines.push(
    `  ${plural(c.athletes, 'athlete')}, ${plural(c.dailyFiles, 'daily file')}, ${plural(c.weeklyFiles, 'weekly file')}; run report ${shownPath(copies[0]?.path ?? reportKey, deps.cwd)}`,
  );
  for (const s of report.skipped) lines.push(`  skipped ${s.what} of ${s.athlete}: ${s.reason}`);
  const read = async <T>(key: string): Promise<T> => {
    const { Body } = await deps.clients.s3.send(
      new GetObjectCommand({ Bucket: deps.processedBucket, Key: key }),
    );
    return JSON.parse((await Body?.transformToString('utf8')) ?? '{}') as T;
  };
  const weekly = files.weekly.slice(-WEEKS_SHOWN);
  if (files.weekly.length > weekly.length) {
    lines.push(`  (${plural(files.weekly.length - weekly.length, 'earlier week')} in the copied files)`);
  }
  let latest: WeeklyGold | undefined;
  for (const key of weekly) {
    latest = await read<WeeklyGold>(key);
    lines.push(weekLine(latest));
  }
  const message = latest && weeklyMessageOf(latest);
  if (message) {
    lines.push(`  Its weekly message (published once, by the first daily run after the week ends):`);
    lines.push(`    ${message.text}`);
  }
  const lastDay = files.daily.at(-1);
  if (lastDay) {
    const daily = await read<DailyGold>(lastDay);
    lines.push(
      `  Its last day, ${daily.day}: ${plural(daily.sessions, 'workout')}, ${plural(daily.sets, 'set')}, ${kg(daily.volumeKg)}`,
    );
  }
  if (files.daily.length + files.weekly.length > 0) {
    lines.push(`  Gold files copied to ${shownPath(`${deps.outDir}/gold`, deps.cwd)}/.`);
  }
  return lines;
}
