import type { RowIssue, SkipReason } from './errors.js';
import { type FinishedSession, FinishedSessions } from './finished-sessions.js';
import type { MappedRow } from './formats/types.js';
import { AUTO_SET_INDEX } from './formats/types.js';
import type { Session, SessionFields, WorkoutSet } from './model.js';
import { SessionFinisher } from './session-identity.js';

/**
 * Groups mapped rows into sessions, drops duplicate rows, and gives each finished session
 * its id and content hash.
 *
 * Sets. For the apps' exports (`numbering: 'file-order'`) a set's index is its position
 * within its exercise in the workout, in file order: the apps write sets in the order they
 * were done, Strong's warm-up rows (`W`, `WARM_UP`) carry no number at all, and an exercise
 * done twice in one workout starts its numbers again (Strong `1, 2, 3 ... 1, 2`, Hevy
 * `0, 1 ... 0, 1`). The source's own number only tells a repeated row from a new set: the
 * key of a numbered set is (exercise, block, number), where a block starts when an
 * exercise comes back after another one with its numbers starting again. An identical
 * repeat of a key is a duplicate, a differing one CONFLICTING_SET. The canonical formats
 * (`numbering: 'source'`) carry the final index and keep it.
 *
 * Memory. At most `openLimit` sessions are open (their sets held). Rows of one session
 * need not be adjacent: a session stays open until `openLimit` other sessions have been
 * touched after its last row; rows that come back to an open session after other
 * sessions' rows are read as a replay of it (blocks counted afresh, so a repeated copy
 * matches the first one key by key). Every emitted session is remembered, by id, in a
 * compact table (finished-sessions.ts, 35-44 bytes per session): a row that arrives
 * after its session closed, or a whole session repeated anywhere later in the file, is
 * compared with what was emitted. An identical repeat counts as duplicates, a differing
 * one is rejected (SPLIT_SESSION / CONFLICTING_SESSION) rather than emitted as a second,
 * partial session with the same id. Remembering by session id, not by grouping key, also
 * catches two groups that end up with one id (`07:30` and `07:30:00` in two rows' dates).
 */
export interface GrouperOptions {
  readonly athlete: string;
  readonly timezone: string;
  /** True when every row is a whole session (MapMyFitness, JSON Lines). */
  readonly oneRowPerSession: boolean;
  /** How a set gets its index (see above). @default 'file-order' */
  readonly numbering?: SetNumbering;
  /** @default 1000 */
  readonly openLimit?: number;
  readonly emit: (session: Session) => void;
  readonly reject: (issue: RowIssue) => void;
  /** Called with the number of rows found to duplicate rows already kept. */
  readonly duplicate: (rows: number) => void;
  /** Called for a row that holds no set but was taken in (an exercise note). */
  readonly skip: (reason: SkipReason) => void;
}

export type SetNumbering = 'file-order' | 'source';

/** Where an exercise stands in the current run of a session's rows. */
interface ExerciseRun {
  block: number;
  /** Highest source number of the exercise in this block (-1 before any). */
  lastNumber: number;
  /** Unnumbered sets of the exercise in this block so far. */
  unnumbered: number;
  /** First run only: this block's sets by source number (a repeat can only be in the block). */
  seen: WorkoutSet[];
  /** Sets of the exercise kept in the session so far, all blocks: the next one's index - 1. */
  count: number;
}

interface OpenSession {
  readonly key: string;
  readonly fields: SessionFields;
  readonly line: number;
  /** Sets by key: (exercise, setIndex) for 'source', (exercise, block, number) for 'file-order'. */
  readonly sets: Map<string, WorkoutSet>;
  /** 'source': sets without a number, numbered when the session closes. 'file-order': unused. */
  readonly unnumbered: WorkoutSet[];
  /** 'file-order': every set in file order, with its block, numbered when the session closes. */
  readonly ordered: WorkoutSet[];
  readonly blockOf: number[];
  /** 'file-order': each ordered set's final index (its position within its exercise). */
  readonly positionOf: number[];
  /** Exercise notes (Strong's `Note` rows) by `exercise \0 block`. */
  notes: Map<string, string> | undefined;
  /** The current run of this session's rows: reset when the session is resumed. */
  runs: Map<string, ExerciseRun>;
  lastExercise: string | undefined;
  /** 'file-order': rows came back after other sessions' rows; sets are then matched by key. */
  replayed: boolean;
  /** Set counts per exercise carried into a replay's fresh runs. */
  counts: Map<string, number> | undefined;
  /** Rows merged into this session (for the repeat check). */
  rows: number;
  duplicates: number;
  /** Line of the first row that carried no set (an activity's own row), if any. */
  bareLine: number | undefined;
}

/** The sets of every session without sets: one frozen array instead of one per session. */
const NO_SETS: WorkoutSet[] = Object.freeze([]) as unknown as WorkoutSet[];

const setKey = (exercise: string, setIndex: number): string => `${exercise}\u0000${setIndex}`;
const blockKey = (exercise: string, block: number, number: number | string): string =>
  `${exercise}\u0000${block}\u0000${number}`;

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

const newOpenSession = (row: MappedRow, line: number, rows: number): OpenSession => ({
  key: row.key,
  fields: row.session,
  line,
  sets: new Map(),
  unnumbered: [],
  ordered: [],
  blockOf: [],
  positionOf: [],
  notes: undefined,
  runs: new Map(),
  lastExercise: undefined,
  replayed: false,
  counts: undefined,
  rows,
  duplicates: 0,
  bareLine: undefined,
});

/**
 * Keys every set of a session's first run as a replay will look them up: (exercise, block,
 * source number), or the set's order among the block's unnumbered ones. Built once, when
 * the session's rows first come back after other sessions' rows (rare in real exports).
 */
const keyFirstRun = (session: OpenSession): void => {
  const unnumbered = new Map<string, number>();
  session.ordered.forEach((set, i) => {
    const block = session.blockOf[i] as number;
    if (set.setIndex !== AUTO_SET_INDEX) {
      session.sets.set(blockKey(set.exercise, block, set.setIndex), set);
      return;
    }
    const at = blockKey(set.exercise, block, '');
    const n = (unnumbered.get(at) ?? 0) + 1;
    unnumbered.set(at, n);
    session.sets.set(blockKey(set.exercise, block, `u${n}`), set);
  });
  session.replayed = true;
};

/**
 * 'file-order' numbering at close: each set's index is its position within its exercise,
 * in file order, across blocks. Exercise notes go onto their block's sets, before a set's
 * own note; a note whose block has no set is kept in the workout's notes. Returns the
 * session fields, with such notes added.
 */
const numberInFileOrder = (open: OpenSession): { fields: SessionFields; numbering: number } => {
  const { ordered, blockOf, positionOf, notes } = open;
  const noted = notes === undefined ? undefined : new Set<string>();
  // FNV-1a over the source's own numbers, in file order: what renumbering hides.
  let numbering = 0x811c9dc5;
  for (let i = 0; i < ordered.length; i++) {
    const set = ordered[i] as Unnumbered;
    numbering = Math.imul(numbering ^ set.setIndex, 0x01000193);
    set.setIndex = positionOf[i] as number;
    if (notes === undefined) continue;
    const key = blockKey(set.exercise, blockOf[i] as number, '');
    const note = notes.get(key);
    if (note === undefined) continue;
    noted?.add(key);
    set.notes = set.notes === null ? note : `${note}\n${set.notes}`;
  }
  if (notes === undefined || noted?.size === notes.size) return { fields: open.fields, numbering };
  const orphans = [...notes].filter(([key]) => !noted?.has(key));
  const text = orphans.map(([key, note]) => `${key.slice(0, key.indexOf('\u0000'))}: ${note}`).join('\n');
  const fields = {
    ...open.fields,
    notes: open.fields.notes === null ? text : `${open.fields.notes}\n${text}`,
  };
  return { fields, numbering };
};

export class SessionGrouper {
  private readonly open = new Map<string, OpenSession>();
  private readonly finished = new FinishedSessions();
  private readonly openLimit: number;
  private readonly fileOrder: boolean;
  private lastKey: string | undefined;
  private readonly finisher: SessionFinisher;

  constructor(private readonly options: GrouperOptions) {
    this.finisher = new SessionFinisher(options.athlete, options.timezone);
    this.openLimit = Math.max(1, options.openLimit ?? 1000);
    this.fileOrder = (options.numbering ?? 'file-order') === 'file-order';
  }

  add(row: MappedRow, line: number): void {
    if (this.options.oneRowPerSession) {
      this.addWhole(row, line);
      return;
    }
    let session = this.open.get(row.key);
    if (session === undefined) {
      session = newOpenSession(row, line, 0);
      this.open.set(row.key, session);
    } else if (row.key !== this.lastKey) {
      // Keep the map in least-recently-touched order, so the first entry is the one to close.
      this.open.delete(row.key);
      this.open.set(row.key, session);
      // Rows coming back after other sessions' rows replay the session: count blocks afresh.
      if (this.fileOrder && !session.replayed) keyFirstRun(session);
      // Counts of exercises this run did not touch carry over from earlier runs.
      const counts = new Map(session.counts);
      for (const [exercise, run] of session.runs) counts.set(exercise, run.count);
      session.counts = counts;
      session.runs = new Map();
      session.lastExercise = undefined;
    }
    this.lastKey = row.key;
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
    if (row.exerciseNote !== undefined) {
      this.addNote(session, row.exerciseNote.exercise, row.exerciseNote.text);
      this.options.skip('exercise-note');
      return;
    }
    // Counted only when taken in (kept or a duplicate): a row rejected here is counted as
    // rejected, and must not be counted again if the whole group turns out a repeat.
    session.rows++;
    if (row.set === null && row.moreSets === undefined) this.addBareRow(session, line);
    if (row.set !== null && !this.addSet(session, row.set)) session.rows--;
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
    const session = newOpenSession(row, line, 1);
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

  /** Adds a set, or counts it a duplicate; false when it was rejected as a conflict. */
  private addSet(session: OpenSession, set: WorkoutSet): boolean {
    if (!this.fileOrder) {
      if (set.setIndex !== AUTO_SET_INDEX)
        return this.keep(session, setKey(set.exercise, set.setIndex), set) !== 'conflict';
      session.unnumbered.push(set);
      return true;
    }
    const run = this.runOf(session, set.exercise, set.setIndex);
    if (!session.replayed) return this.addFirstRun(session, run, set);
    let key: string;
    if (set.setIndex === AUTO_SET_INDEX) {
      // Unnumbered sets are told apart by their order in the block: never duplicates of one
      // another in a first run, matched one to one in a replay.
      run.unnumbered++;
      key = blockKey(set.exercise, run.block, `u${run.unnumbered}`);
    } else {
      key = blockKey(set.exercise, run.block, set.setIndex);
      if (set.setIndex > run.lastNumber) run.lastNumber = set.setIndex;
    }
    const kept = this.keep(session, key, set);
    if (kept === 'kept') {
      session.ordered.push(set);
      session.blockOf.push(run.block);
      session.positionOf.push(++run.count);
    }
    return kept !== 'conflict';
  }

  /**
   * addSet in a session's first run of rows: blocks only ever open in order there, so a
   * repeated row can only repeat a set of the current block, found by its number without
   * building a key. Unnumbered sets are never repeats of one another.
   */
  private addFirstRun(session: OpenSession, run: ExerciseRun, set: WorkoutSet): boolean {
    const number = set.setIndex;
    if (number !== AUTO_SET_INDEX) {
      const existing = run.seen[number];
      if (existing !== undefined) {
        if (sameSet(existing, set)) {
          session.duplicates++;
          return true;
        }
        this.rejectConflict(set, existing);
        return false;
      }
      run.seen[number] = set;
      if (number > run.lastNumber) run.lastNumber = number;
    } else {
      run.unnumbered++;
    }
    session.ordered.push(set);
    session.blockOf.push(run.block);
    session.positionOf.push(++run.count);
    return true;
  }

  /**
   * The block a row of `exercise` belongs to. A row continues its exercise's block while the
   * exercise goes on, or when it comes back with higher numbers (sets of a superset,
   * alternating); it starts a new block when the exercise comes back after another one with
   * its numbers starting again, or without numbers.
   */
  private runOf(session: OpenSession, exercise: string, number: number): ExerciseRun {
    let run = session.runs.get(exercise);
    if (run === undefined) {
      run = { block: 1, lastNumber: -1, unnumbered: 0, seen: [], count: session.counts?.get(exercise) ?? 0 };
      session.runs.set(exercise, run);
    } else if (session.lastExercise !== exercise && (number === AUTO_SET_INDEX || number <= run.lastNumber)) {
      run.block++;
      run.lastNumber = -1;
      run.unnumbered = 0;
      if (!session.replayed) run.seen = [];
    }
    session.lastExercise = exercise;
    return run;
  }

  /** Keeps a set under its key; a repeat is a duplicate or a conflict. */
  private keep(session: OpenSession, key: string, set: WorkoutSet): 'kept' | 'duplicate' | 'conflict' {
    const existing = session.sets.get(key);
    if (existing === undefined) {
      session.sets.set(key, set);
      return 'kept';
    }
    if (sameSet(existing, set)) {
      session.duplicates++;
      return 'duplicate';
    }
    this.rejectConflict(set, existing);
    return 'conflict';
  }

  private rejectConflict(set: WorkoutSet, existing: WorkoutSet): void {
    const which = set.setIndex === AUTO_SET_INDEX ? 'an unnumbered set' : `set ${set.setIndex}`;
    this.options.reject({
      line: set.line,
      code: 'CONFLICTING_SET',
      message: `line ${set.line}: ${which} of '${set.exercise}' already appears on line ${existing.line} with different values`,
    });
  }

  /** A note on an exercise (Strong's `Note` row): it goes onto the sets of the exercise's block. */
  private addNote(session: OpenSession, exercise: string, text: string): void {
    const run = this.runOf(session, exercise, AUTO_SET_INDEX);
    session.notes ??= new Map();
    session.notes.set(blockKey(exercise, run.block, ''), text);
  }

  private close(open: OpenSession): void {
    this.open.delete(open.key);
    if (this.lastKey === open.key) this.lastKey = undefined;
    this.finishOpen(open);
  }

  private finishOpen(open: OpenSession): void {
    if (this.fileOrder) {
      const { fields, numbering } = numberInFileOrder(open);
      this.settle(
        this.finisher.finish(fields, open.ordered, open.line),
        open.rows,
        open.duplicates,
        numbering,
      );
      return;
    }
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
  private settle(session: Session, rows: number, duplicates: number, numbering = 0): void {
    const earlier = this.finished.remember(session.id, session.contentHash, numbering, session.line);
    if (earlier !== undefined) {
      if (earlier.sameContent) {
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
    this.options.emit(session);
  }

  private rejectRepeat(session: Session, earlier: FinishedSession): void {
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
