/**
 * What a gold run is asked to do, read from the event that invokes it. EventBridge
 * Scheduler sends the schedule's fixed input (`{"gold":"scheduled"}`): the run recomputes
 * the weeks uploads touched. A reprocess (reprocess.yml, `npm run report`) names a day or
 * a range of days: the run recomputes each day and its week for every athlete with
 * sessions then. Anything else is refused with a message naming the field and the fix.
 */
import { addDays, isDay } from './weeks.js';

/** The longest range one reprocess may name: a month of days and their weeks. */
export const MAX_REPROCESS_DAYS = 31;

export type GoldRunRequest =
  | { readonly kind: 'scheduled' }
  | { readonly kind: 'reprocess'; readonly days: readonly string[] };

export class GoldRequestError extends Error {
  override readonly name = 'GoldRequestError';
}

const dayField = (record: Record<string, unknown>, field: string): string => {
  const value = record[field];
  if (typeof value !== 'string' || !isDay(value)) {
    throw new GoldRequestError(
      `'${field}' must be a calendar day written YYYY-MM-DD, such as 2025-01-15 (got ${JSON.stringify(value) ?? 'nothing'})`,
    );
  }
  return value;
};

export function goldRunRequestOf(event: unknown): GoldRunRequest {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new GoldRequestError(`A gold run is invoked with a JSON object (got ${JSON.stringify(event)})`);
  }
  const record = event as Record<string, unknown>;
  const known = ['gold', 'runDate', 'from', 'to'];
  const unknown = Object.keys(record).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new GoldRequestError(
      `Unknown field ${unknown.map((k) => `'${k}'`).join(', ')}: a gold run takes {"gold":"scheduled"}, {"runDate":"YYYY-MM-DD"} or {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}`,
    );
  }
  if (record.gold === 'scheduled' && Object.keys(record).length === 1) return { kind: 'scheduled' };
  if (record.gold !== undefined) {
    throw new GoldRequestError(
      `'gold' must be "scheduled" and stand alone (got ${JSON.stringify(record.gold)})`,
    );
  }
  if (record.runDate !== undefined) {
    if (record.from !== undefined || record.to !== undefined) {
      throw new GoldRequestError("Name either 'runDate' or 'from' and 'to', not both");
    }
    return { kind: 'reprocess', days: [dayField(record, 'runDate')] };
  }
  if (record.from === undefined && record.to === undefined) {
    throw new GoldRequestError(
      'Name the days to reprocess: {"runDate":"YYYY-MM-DD"} or {"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}',
    );
  }
  return { kind: 'reprocess', days: daysFrom(dayField(record, 'from'), dayField(record, 'to')) };
}

/** Every day from `from` to `to`, both included, at most MAX_REPROCESS_DAYS. */
export function daysFrom(from: string, to: string): string[] {
  if (to < from) throw new GoldRequestError(`'to' (${to}) is before 'from' (${from})`);
  const days = [from];
  while (days.at(-1) !== to) {
    if (days.length === MAX_REPROCESS_DAYS) {
      throw new GoldRequestError(
        `${from} to ${to} is more than ${MAX_REPROCESS_DAYS} days: reprocess a longer span in several runs`,
      );
    }
    days.push(addDays(days.at(-1) as string, 1));
  }
  return days;
}
