import { PartWriter } from './hash.js';
import type { Session, SessionFields, WorkoutSet } from './model.js';

/**
 * What makes a session the same session, and the same content, on every machine and in
 * any file order: the session id (who, and which workout), the content hash (everything
 * recorded about it, sets in canonical order), and the finished Session built from both.
 */
/** Code-point order, never locale order: the same on every machine. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const compareSets = (a: WorkoutSet, b: WorkoutSet): number =>
  compareText(a.exercise, b.exercise) || a.setIndex - b.setIndex;

export const sessionId = (athlete: string, fields: SessionFields): string =>
  writeId(new PartWriter().text('session/v1').text(athlete), fields).digest().slice(0, 32);

/** Hash over the normalized session; line numbers and file order do not enter it. */
export const contentHash = (
  athlete: string,
  timezone: string,
  fields: SessionFields,
  sortedSets: readonly WorkoutSet[],
): string => writeContent(contentPrefix(athlete, timezone), fields, sortedSets).digest();

/** The parts of the content hash that are the same for every session of a file. */
const contentPrefix = (athlete: string, timezone: string): PartWriter =>
  new PartWriter().text('content/v1').text(athlete).text(timezone);

/** The parts of the session id after the athlete: the source's workout id, else start and name. */
const writeId = (writer: PartWriter, fields: SessionFields): PartWriter =>
  fields.sourceWorkoutId === null
    ? writer.text(fields.sessionStart).text(fields.name)
    : writer.text(fields.source).text(fields.sourceWorkoutId);

/** The rest of the content hash's parts. */
const writeContent = (
  writer: PartWriter,
  fields: SessionFields,
  sortedSets: readonly WorkoutSet[],
): PartWriter => {
  writer
    .text(fields.source)
    .text(fields.sourceWorkoutId)
    .text(fields.sessionStart)
    .text(fields.name)
    .number(fields.durationS)
    .number(fields.distanceM)
    .number(fields.energyKcal)
    .number(fields.avgHeartRate)
    .number(fields.steps)
    .text(fields.notes);
  // Only when stated, so every session without an offset keeps the hash it always had.
  if (fields.utcOffset !== undefined) writer.text(`utcOffset=${fields.utcOffset}`);
  writer.number(sortedSets.length);
  for (const s of sortedSets) {
    writer
      .text(s.exercise)
      .number(s.setIndex)
      .text(s.setType)
      .number(s.weightKg)
      .number(s.reps)
      .number(s.distanceM)
      .number(s.durationS)
      .number(s.rpe)
      .text(s.notes);
  }
  return writer;
};

/** Builds the finished session: sets sorted canonically, id and content hash computed. */
export const finishSession = (
  athlete: string,
  timezone: string,
  fields: SessionFields,
  sets: Iterable<WorkoutSet>,
  line: number,
): Session => {
  const sorted = [...sets].sort(compareSets);
  return {
    id: sessionId(athlete, fields),
    contentHash: contentHash(athlete, timezone, fields, sorted),
    athlete,
    timezone,
    ...fields,
    sets: sorted,
    line,
  };
};

/**
 * finishSession for the grouper: the per-file parts of both hashes are encoded once, the
 * sets array is the grouper's own (sorted in place), and the session is one literal with
 * finishSession's key order (the mappers' fields carry exactly SessionFields' keys).
 */
export class SessionFinisher {
  private readonly id: PartWriter;
  private readonly content: PartWriter;

  constructor(
    private readonly athlete: string,
    private readonly timezone: string,
  ) {
    this.id = new PartWriter().text('session/v1').text(athlete).keep();
    this.content = contentPrefix(athlete, timezone).keep();
  }

  finish(fields: SessionFields, sets: WorkoutSet[], line: number): Session {
    if (sets.length > 1) sets.sort(compareSets);
    // The hex digest is a fresh string, so keeping the id (in the grouper's memory of
    // finished sessions) never keeps a chunk of the file alive.
    const shortId = writeId(this.id, fields).digest().slice(0, 32);
    const contentHash = writeContent(this.content, fields, sets).digest();
    // Two literals rather than a spread for the optional offset: a spread inside a literal
    // builds the session through V8's slow property path, once per session.
    if (fields.utcOffset !== undefined) {
      return {
        id: shortId,
        contentHash,
        athlete: this.athlete,
        timezone: this.timezone,
        source: fields.source,
        sourceWorkoutId: fields.sourceWorkoutId,
        sessionStart: fields.sessionStart,
        utcOffset: fields.utcOffset,
        name: fields.name,
        durationS: fields.durationS,
        distanceM: fields.distanceM,
        energyKcal: fields.energyKcal,
        avgHeartRate: fields.avgHeartRate,
        steps: fields.steps,
        notes: fields.notes,
        sets,
        line,
      };
    }
    return {
      id: shortId,
      contentHash,
      athlete: this.athlete,
      timezone: this.timezone,
      source: fields.source,
      sourceWorkoutId: fields.sourceWorkoutId,
      sessionStart: fields.sessionStart,
      name: fields.name,
      durationS: fields.durationS,
      distanceM: fields.distanceM,
      energyKcal: fields.energyKcal,
      avgHeartRate: fields.avgHeartRate,
      steps: fields.steps,
      notes: fields.notes,
      sets,
      line,
    };
  }
}
