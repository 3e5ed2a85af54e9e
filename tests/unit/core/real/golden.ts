/**
 * Golden checks for the real exports in tests/fixtures/real: every value of every session
 * and set, written by reading the source rows (never by printing what the core returns).
 * A set is a tuple, so a table of them reads like the rows it came from.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ExportReport, PipelineOptions, Session } from '../../../../lambda/src/core/index.js';
import { collectExport } from '../../../../lambda/src/core/index.js';
import { chunked, OPTIONS } from '../helpers.js';

/** [exercise, setIndex, setType, weightKg, reps, distanceM, durationS, rpe, notes, line] */
export type GoldenSet = readonly [
  exercise: string,
  setIndex: number,
  setType: 'normal' | 'warmup' | 'dropset' | 'failure',
  weightKg: number | null,
  reps: number | null,
  distanceM: number | null,
  durationS: number | null,
  rpe: number | null,
  notes: string | null,
  line: number,
];

export interface GoldenSession {
  readonly sessionStart: string;
  readonly name: string;
  readonly sourceWorkoutId?: string | null;
  readonly durationS: number | null;
  readonly distanceM?: number | null;
  readonly energyKcal?: number | null;
  readonly avgHeartRate?: number | null;
  readonly steps?: number | null;
  readonly notes: string | null;
  /** The UTC offset as the file states it (`+00:00`); only sessions whose source gives one. */
  readonly utcOffset?: string;
  /** First line of the session in the file (1 = header). */
  readonly line: number;
  readonly sets: readonly GoldenSet[];
}

export interface GoldenReport {
  readonly variant: string;
  readonly rows: number;
  readonly sessions: number;
  readonly sets: number;
  readonly skipped: number;
  readonly skippedByReason: ExportReport['skippedByReason'];
  readonly duplicates: number;
  /** [line, code] of every rejected row. */
  readonly rejected: readonly (readonly [number, string])[];
  readonly assumedUnits: ExportReport['assumedUnits'];
}

export const realFixture = (path: string): Uint8Array =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/real/${path}`, import.meta.url)));

export const readReal = (path: string, options: Partial<PipelineOptions> = {}) =>
  collectExport(chunked(realFixture(path), 97), { ...OPTIONS, ...options });

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const shapeSet = (s: Session['sets'][number]): GoldenSet => [
  s.exercise,
  s.setIndex,
  s.setType,
  s.weightKg,
  s.reps,
  s.distanceM,
  s.durationS,
  s.rpe,
  s.notes,
  s.line,
];

/** Compares every field of every session and set with the golden table, and the report. */
export const expectGolden = (
  result: { sessions: readonly Session[]; report: ExportReport },
  source: string,
  report: GoldenReport,
  sessions: readonly GoldenSession[],
): void => {
  const { report: actual } = result;
  expect(actual.status).toBe('ok');
  expect({
    variant: actual.variant,
    rows: actual.rows,
    sessions: actual.sessions,
    sets: actual.sets,
    skipped: actual.skipped,
    skippedByReason: actual.skippedByReason,
    duplicates: actual.duplicates,
    rejected: actual.rejected.map((i) => [i.line, i.code]),
    assumedUnits: actual.assumedUnits,
  }).toEqual(report);
  const got = [...result.sessions]
    .sort((a, b) => a.line - b.line)
    .map((s) => ({
      source: s.source,
      sessionStart: s.sessionStart,
      name: s.name,
      sourceWorkoutId: s.sourceWorkoutId,
      durationS: s.durationS,
      distanceM: s.distanceM,
      energyKcal: s.energyKcal,
      avgHeartRate: s.avgHeartRate,
      steps: s.steps,
      notes: s.notes,
      ...(s.utcOffset === undefined ? {} : { utcOffset: s.utcOffset }),
      line: s.line,
      sets: s.sets.map(shapeSet),
    }));
  const want = [...sessions]
    .sort((a, b) => a.line - b.line)
    .map((s) => ({
      source,
      sourceWorkoutId: null,
      distanceM: null,
      energyKcal: null,
      avgHeartRate: null,
      steps: null,
      ...s,
      // The core lists sets by exercise (code-point order), then setIndex.
      sets: [...s.sets].sort((a, b) => byCodePoint(a[0], b[0]) || a[1] - b[1]),
    }));
  expect(got).toEqual(want);
};
