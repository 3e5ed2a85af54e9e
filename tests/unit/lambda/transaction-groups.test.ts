import { describe, expect, it } from 'vitest';
import {
  daysTouchedBy,
  type SessionWrite,
  TRANSACTION_LIMIT,
  transactionGroups,
  weeksTouchedBy,
} from '../../../lambda/src/adapters/sessions-store.js';
import type { Session } from '../../../lambda/src/core/model.js';

const session = (id: string, sessionStart: string): Session => ({
  id,
  contentHash: `hash-${id}`,
  athlete: 'ann',
  timezone: 'UTC',
  source: 'hevy',
  sourceWorkoutId: id,
  sessionStart,
  name: 'Workout',
  durationS: null,
  distanceM: null,
  energyKcal: null,
  avgHeartRate: null,
  steps: null,
  notes: null,
  line: 2,
  sets: [],
});

const insert = (s: Session): SessionWrite => ({ session: s, plan: { write: 'insert', changes: [] } });

const update = (s: Session, storedDay: string | undefined): SessionWrite => ({
  session: s,
  plan: {
    write: 'update',
    expectedHash: 'old',
    previous: { contentHash: 'old', firstUpload: 'u-1', lastChangedUpload: 'u-1', day: storedDay },
    changes: [],
  },
});

/** One session a week from 2024-01-01 (a Monday, 2024-W01). */
const weekly = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    insert(session(`s${i}`, `${new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10)}T18:00:00`)),
  );

describe('the weeks a sessions write marks for gold', () => {
  it("marks the session's week, and the week it counted in before when an edit moved it", () => {
    // Prepare: a Hevy workout keeps its id when its start is edited from one week into the next.
    const moved = session('w1', '2024-01-08T09:00:00');

    // Act & Assess
    expect(daysTouchedBy(insert(moved))).toEqual(['2024-01-08']);
    expect(daysTouchedBy(update(moved, '2024-01-07'))).toEqual(['2024-01-08', '2024-01-07']);
    expect(weeksTouchedBy(update(moved, '2024-01-07'))).toEqual(['2024-W02', '2024-W01']);
    // Moved within its week: one mark, both days.
    expect(daysTouchedBy(update(moved, '2024-01-09'))).toEqual(['2024-01-08', '2024-01-09']);
    expect(weeksTouchedBy(update(moved, '2024-01-09'))).toEqual(['2024-W02']);
    expect(weeksTouchedBy(update(moved, '2024-01-08'))).toEqual(['2024-W02']);
    // Stored before gold kept days: its old day is unknown, and was never in any gold file.
    expect(daysTouchedBy(update(moved, undefined))).toEqual(['2024-01-08']);
  });
});

describe('transactions that fit DynamoDB', () => {
  const itemsOf = (group: SessionWrite[], claimed: boolean) =>
    group.length + new Set(group.flatMap(weeksTouchedBy)).size + (claimed ? 1 : 0);

  it('keeps sessions of one week together up to the limit', () => {
    // Prepare: sessions in the week of 2024-01-01.
    const writes = (n: number) =>
      Array.from({ length: n }, (_, i) => insert(session(`s${i}`, '2024-01-03T18:00:00')));

    // Act & Assess: 98 sessions, one mark and the claim are 100 items; a 99th needs a second.
    expect(transactionGroups(writes(98), true).map((g) => g.length)).toEqual([98]);
    expect(transactionGroups(writes(99), true).map((g) => g.length)).toEqual([98, 1]);
  });

  it('splits sessions of many weeks so that sessions, marks and the claim fit, in order', () => {
    // Act
    const groups = transactionGroups(weekly(99), true);

    // Assess: 49 sessions and 49 marks and the claim make 99 items; 50 would make 101.
    expect(groups.map((g) => g.length)).toEqual([49, 49, 1]);
    expect(groups.every((g) => itemsOf(g, true) <= TRANSACTION_LIMIT)).toBe(true);
    expect(groups.flat().map((w) => w.session.id)).toEqual(weekly(99).map((w) => w.session.id));
    // Without a claim check one more item fits: 50 sessions in 50 weeks.
    expect(transactionGroups(weekly(99), false).map((g) => g.length)).toEqual([50, 49]);
  });

  it('gives no transaction for no writes', () => {
    expect(transactionGroups([], true)).toEqual([]);
  });
});
