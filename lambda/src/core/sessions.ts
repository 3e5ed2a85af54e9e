import type { RowIssue } from './errors.js';
import type { MappedRow } from './formats/types.js';
import { AUTO_SET_INDEX } from './formats/types.js';
import type { Session, SessionFields, WorkoutSet } from './model.js';
import { SessionFinisher } from './session-identity.js';

/**
 * Groups mapped rows into sessions, drops duplicate rows, and gives each finished session
 * its id and content hash.
 *
 * Memory is bounded, whatever the file size: at most `openLimit` sessions are open (their
 * sets held), and the ids and hashes of the last `closedMemory` finished sessions are
 * remembered. Rows of one session need not be adjacent: a session stays open until
 * `openLimit` other sessions have been touched after its last row. A row that arrives
 * later than that (or a whole session repeated later in the file) is compared with what
 * was emitted: an identical repeat counts as duplicates, a differing one is rejected
 * (SPLIT_SESSION / CONFLICTING_SESSION) rather than emitted as a second, partial session
 * with the same id. Finished sessions are remembered by session id, not by grouping key,
 * so two groups that end up with one id (`07:30` and `07:30:00` in two rows' dates) are
 * caught the same way.
 */
export interface GrouperOptions {
  readonly athlete: string;
  readonly timezone: string;
  /** True when every row is a whole session (MapMyFitness, JSON Lines). */
  readonly oneRowPerSession: boolean;
  /** @default 1000 */
  readonly openLimit?: number;
  /** @default 10000 */
  readonly closedMemory?: number;
  readonly emit: (session: Session) => void;
  readonly reject: (issue: RowIssue) => void;
  /** Called with the number of rows found to duplicate rows already kept. */
  readonly duplicate: (rows: number) => void;
}

interface OpenSession {
  readonly key: string;
  readonly fields: SessionFields;
  readonly line: number;
  readonly sets: Map<string, WorkoutSet>;
  /** Sets without a number in the source, numbered when the session closes. */
  readonly unnumbered: WorkoutSet[];
  /** Rows merged into this session (for the repeat check). */
  rows: number;
  duplicates: number;
  /** Line of the first row that carried no set (an activity's own row), if any. */
  bareLine: number | undefined;
}

interface ClosedSession {
  readonly contentHash: string;
  readonly line: number;
}

/** The sets of every session without sets: one frozen array instead of one per session. */
const NO_SETS: WorkoutSet[] = Object.freeze([]) as unknown as WorkoutSet[];

const setKey = (exercise: string, setIndex: number): string => `${exercise}\u0000${setIndex}`;

const sameSet = (a: WorkoutSet, b: WorkoutSet): boolean =>
  a.setType === b.setType &&
  a.weightKg === b.weightKg &&
  a.reps === b.reps &&
  a.distanceM === b.distanceM &&
  a.durationS === b.durationS &&
  a.rpe === b.rpe &&
  a.notes === b.notes;

/** The workout values a row may leave empty (Strong writes Workout Notes on the first row only). */
const WORKOUT_VALUES = ['durationS', 'distanceM', 'energyKcal', 'avgHeartRate', 'steps', 'notes'] as const;
type WorkoutValue = (typeof WORKOUT_VALUES)[number];
const WORKOUT_VALUE_LABELS: Readonly<Record<WorkoutValue, string>> = {
  durationS: 'the workout duration',
  distanceM: 'the workout distance',
  energyKcal: 'the calories',
  avgHeartRate: 'the average heart rate',
  steps: 'the steps',
  notes: 'the workout notes',
};

/**
 * The first workout value a later row of the workout contradicts: both rows give one and
 * they differ. Identity fields always agree (rows are grouped by them).
 */
const contradiction = (first: SessionFields, later: SessionFields): WorkoutValue | undefined =>
  first === later
    ? undefined
    : WORKOUT_VALUES.find(
        (field) => first[field] !== null && later[field] !== null && first[field] !== later[field],
      );

/** A set as the grouper may change it: only before the session is emitted. */
type Unnumbered = { -readonly [K in keyof WorkoutSet]: WorkoutSet[K] };

/**
 * Numbers sets the source gave no number (FitNotes rows, Strong's W/D/F set orders): after
 * the highest explicit number of their exercise, in file order. Identical unnumbered rows
 * are therefore separate sets, never duplicates. The sets are numbered in place: each is a
 * fresh object from a mapper that nothing else holds yet, and copying every FitNotes set
 * cost more than numbering it.
 */
const numberSets = (numbered: Iterable<WorkoutSet>, unnumbered: readonly WorkoutSet[]): void => {
  const next = new Map<string, number>();
  for (const set of numbered) next.set(set.exercise, Math.max(next.get(set.exercise) ?? 0, set.setIndex));
  for (const set of unnumbered) {
    const setIndex = (next.get(set.exercise) ?? 0) + 1;
    next.set(set.exercise, setIndex);
    (set as Unnumbered).setIndex = setIndex;
  }
};

export class SessionGrouper {
  private readonly open = new Map<string, OpenSession>();
  private readonly closed = new Map<string, ClosedSession>();
  private readonly openLimit: number;
  private readonly closedMemory: number;
  private lastKey: string | undefined;
  private readonly closedRing: (string | undefined)[] = [];
  private closedNext = 0;
  private readonly finisher: SessionFinisher;

  constructor(private readonly options: GrouperOptions) {
    this.finisher = new SessionFinisher(options.athlete, options.timezone);
    this.openLimit = Math.max(1, options.openLimit ?? 1000);
    this.closedMemory = Math.max(1, options.closedMemory ?? 10_000);
  }

  add(row: MappedRow, line: number): void {
    if (this.options.oneRowPerSession) {
      this.addWhole(row, line);
      return;
    }
    let session = this.open.get(row.key);
    if (session === undefined) {
      session = {
        key: row.key,
        fields: row.session,
        line,
        sets: new Map(),
        unnumbered: [],
        rows: 0,
        duplicates: 0,
        bareLine: undefined,
      };
      this.open.set(row.key, session);
    } else if (row.key !== this.lastKey) {
      // Keep the map in least-recently-touched order, so the first entry is the one to close.
      this.open.delete(row.key);
      this.open.set(row.key, session);
    }
    this.lastKey = row.key;
    session.rows++;
    const differs = contradiction(session.fields, row.session);
    if (differs !== undefined) {
      // Not merged into the workout the first row described, with its own value dropped.
      this.options.reject({
        line,
        code: 'CONFLICTING_SESSION',
        message: `line ${line}: ${WORKOUT_VALUE_LABELS[differs]} of workout '${session.fields.name}' of ${session.fields.sessionStart} differs from line ${session.line}; the rows of a workout must agree`,
      });
      return;
    }
    if (row.set === null && row.moreSets === undefined) this.addBareRow(session, line);
    if (row.set !== null) this.addSet(session, row.set);
    if (row.moreSets !== undefined) for (const set of row.moreSets) this.addSet(session, set);

    if (this.open.size > this.openLimit) {
      const oldest = this.open.values().next().value;
      if (oldest !== undefined) this.close(oldest);
    }
  }

  /**
   * add() when every row is a whole session: the session is finished at once and never
   * enters the open map. One without sets (every MapMyFitness row) skips the set
   * bookkeeping altogether.
   */
  private addWhole(row: MappedRow, line: number): void {
    if (row.set === null && (row.moreSets === undefined || row.moreSets.length === 0)) {
      this.settle(this.finisher.finish(row.session, NO_SETS, line), 1, 0);
      return;
    }
    const session: OpenSession = {
      key: row.key,
      fields: row.session,
      line,
      sets: new Map(),
      unnumbered: [],
      rows: 1,
      duplicates: 0,
      bareLine: undefined,
    };
    if (row.set !== null) this.addSet(session, row.set);
    if (row.moreSets !== undefined) for (const set of row.moreSets) this.addSet(session, set);
    this.finishOpen(session);
  }

  /** Closes every open session, oldest first. Call once at the end of the input. */
  finish(): void {
    for (const session of [...this.open.values()]) this.close(session);
  }

  /** A row without a set (a canonical activity's row) adds only the session: a second one is a duplicate. */
  private addBareRow(session: OpenSession, line: number): void {
    if (session.bareLine === undefined) session.bareLine = line;
    else session.duplicates++;
  }

  private addSet(session: OpenSession, set: WorkoutSet): void {
    if (set.setIndex === AUTO_SET_INDEX) {
      session.unnumbered.push(set);
      return;
    }
    const key = setKey(set.exercise, set.setIndex);
    const existing = session.sets.get(key);
    if (existing === undefined) {
      session.sets.set(key, set);
    } else if (sameSet(existing, set)) {
      session.duplicates++;
    } else {
      this.options.reject({
        line: set.line,
        code: 'CONFLICTING_SET',
        message: `line ${set.line}: set ${set.setIndex} of '${set.exercise}' already appears on line ${existing.line} with different values`,
      });
    }
  }

  private close(open: OpenSession): void {
    this.open.delete(open.key);
    if (this.lastKey === open.key) this.lastKey = undefined;
    this.finishOpen(open);
  }

  private finishOpen(open: OpenSession): void {
    const { sets: numbered, unnumbered } = open;
    if (unnumbered.length > 0) numberSets(numbered.values(), unnumbered);
    let sets = unnumbered;
    if (numbered.size > 0) {
      sets = [...numbered.values()];
      for (const set of unnumbered) sets.push(set);
    }
    this.settle(this.finisher.finish(open.fields, sets, open.line), open.rows, open.duplicates);
  }

  /** Emits a finished session, or counts / rejects it when its id was already emitted. */
  private settle(session: Session, rows: number, duplicates: number): void {
    const earlier = this.closed.get(session.id);
    if (earlier !== undefined) {
      if (earlier.contentHash === session.contentHash) {
        this.options.duplicate(rows);
      } else {
        this.rejectRepeat(session, earlier);
        // Rows that repeated a set of the rejected group are not rejected a second time;
        // they are counted, so every row of the file is accounted for once.
        if (!this.options.oneRowPerSession && duplicates > 0) this.options.duplicate(duplicates);
      }
      return;
    }
    if (duplicates > 0) this.options.duplicate(duplicates);
    this.closed.set(session.id, { contentHash: session.contentHash, line: session.line });
    // A ring of ids forgets the oldest without iterating the Map (which slows down as
    // deleted entries pile up).
    const evicted = this.closedRing[this.closedNext];
    if (evicted !== undefined) this.closed.delete(evicted);
    this.closedRing[this.closedNext] = session.id;
    this.closedNext = (this.closedNext + 1) % this.closedMemory;
    this.options.emit(session);
  }

  private rejectRepeat(session: Session, earlier: ClosedSession): void {
    const what = `'${session.name}' of ${session.sessionStart}`;
    if (this.options.oneRowPerSession) {
      this.options.reject({
        line: session.line,
        code: 'CONFLICTING_SESSION',
        message: `line ${session.line}: workout ${what} already appears on line ${earlier.line} with different values`,
      });
      return;
    }
    const lines = new Set<number>([session.line, ...session.sets.map((s) => s.line)]);
    for (const line of [...lines].sort((a, b) => a - b)) {
      this.options.reject({
        line,
        code: 'SPLIT_SESSION',
        message: `line ${line}: belongs to workout ${what}, which started on line ${earlier.line} and was already complete; keep a workout's rows within ${this.openLimit} workouts of each other (sorting the export by date does that)`,
      });
    }
  }
}
